import json

from reportparse.evaluate import evaluate


def _gold(tmp_path, values):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "r1.json").write_text(json.dumps({"file": "r1.pdf", "lang": "it", "values": values}))
    return gold


def test_scores(tmp_path):
    gold = _gold(tmp_path, [
        {"analyte": "Emoglobina", "value": 13.5, "unit": "g/dL", "ref_low": 12.0, "ref_high": 16.0, "flag": None},
        {"analyte": "PCR", "value": "< 0,5", "unit": "mg/L", "ref_low": None, "ref_high": 5.0, "flag": None},
        {"analyte": "Nitriti", "value": "NEGATIVO", "unit": None, "ref_low": None, "ref_high": None, "flag": None},
    ])
    predictions = [{"source": "/x/r1.pdf", "values": [
        {"name": "Emoglobina ", "value": 13.5, "text": None, "unit": "g/dl", "ref_low": 12.0, "ref_high": 16.0,
         "flag": "H"},
        {"name": "PCR", "value": 0.5, "text": "<0,5", "unit": "mg/L", "ref_low": None, "ref_high": 5.0, "flag": None},
        {"name": "Glucosio", "value": 90.0, "text": None, "unit": None, "ref_low": None, "ref_high": None,
         "flag": None},
    ]}]
    total = evaluate(gold, predictions).total()
    assert (total.gold, total.predicted, total.matched) == (3, 3, 2)
    assert round(total.f1, 4) == round(2 / 3, 4)
    assert total.accuracy(total.unit_ok) == 1.0 and total.accuracy(total.flag_ok) == 0.5


def test_missing_prediction_counts_as_recall_zero(tmp_path):
    gold = _gold(tmp_path, [{"analyte": "Emoglobina", "value": 13.5}])
    result = evaluate(gold, [])
    assert result.total().recall == 0.0 and "ALL" in result.format()
