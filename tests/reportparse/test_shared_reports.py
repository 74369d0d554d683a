"""The real development reports in ../shared (skipped where absent): the issue's targets."""

import reportparse
from reportparse.evaluate import evaluate


def test_real_reports_meet_targets(shared_reports):
    predictions = [reportparse.parse_file(p).to_dict() for p in sorted((shared_reports / "raw").iterdir())]
    result = evaluate(shared_reports / "gold", predictions)
    for lang in ("it", "en"):
        total = result.total(lang)
        assert total.f1 >= 0.90, (lang, total.to_dict())
        assert total.accuracy(total.unit_ok) >= 0.90 and total.accuracy(total.ref_ok) >= 0.90
