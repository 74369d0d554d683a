"""``reportparse train-ner``: data in, a spaCy pipeline out that ``parse --ner-model`` reads."""

import json

from reportparse.cli import main
from reportparse.ner.data import NerExample, Relation, write_examples


def _examples():
    out = []
    for i, (name, value, unit) in enumerate([("Emoglobina", "13,5", "g/dL"), ("Glicemia", "98", "mg/dL"),
                                             ("Sodio", "140", "mmol/L"), ("Ferritina", "45", "ng/mL")] * 6):
        text = f"{name} {value} {unit}"
        a, v = (0, len(name)), (len(name) + 1, len(name) + 1 + len(value))
        u = (v[1] + 1, len(text))
        out.append(NerExample(text, "it", ((*a, "ANALYTE"), (*v, "VALUE"), (*u, "UNIT")), (Relation(a, v, u),),
                              source=f"test:{i}"))
    return out


def test_train_ner_from_a_jsonl_file_and_parse_with_the_model(tmp_path, capsys):
    data = tmp_path / "train.jsonl"
    write_examples(_examples(), data)
    out = tmp_path / "model"
    assert main(["train-ner", "--lang", "it", "--data", str(data), "--out", str(out), "--max-steps", "40",
                 "--json", str(tmp_path / "m.json"), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "ANALYTE" in printed and "saved to" in printed
    assert (out / "config.cfg").is_file() and (out / "training.json").is_file()
    assert json.loads((tmp_path / "m.json").read_text())["dev"]["gold"] > 0
    letter = tmp_path / "nota.txt"
    letter.write_text("Emoglobina 13,5 g/dL\n", encoding="utf-8")
    assert main(["parse", str(letter), "--lang", "it", "--ner-model", str(out), "-o", str(tmp_path / "v.jsonl"),
                 "-q"]) == 0


def test_train_ner_bad_data_and_missing_base_model_are_coded(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert main(["train-ner", "--lang", "it", "--data", str(bad), "--out", str(tmp_path / "m"), "-q"]) == 2
    assert "[E033]" in capsys.readouterr().err
    good = tmp_path / "good.jsonl"
    write_examples(_examples(), good)
    assert main(["train-ner", "--lang", "it", "--backend", "transformers", "--data", str(good),
                 "--out", str(tmp_path / "m"), "-q"]) == 2
    assert "[E030]" in capsys.readouterr().err


def test_parse_with_a_missing_model_is_one_coded_line(tmp_path, capsys):
    letter = tmp_path / "nota.txt"
    letter.write_text("Emoglobina 13,5 g/dL\n", encoding="utf-8")
    assert main(["parse", str(letter), "--ner-model", str(tmp_path / "nothing"), "-q"]) == 2
    assert "[E031]" in capsys.readouterr().err
