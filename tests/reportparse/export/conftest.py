"""Reports for the export tests: the bundled samples and generated text reports (fast to render and parse)."""

from __future__ import annotations

import pytest

import reportparse
from reportparse.linkage import LinkageOptions

KEY = LinkageOptions(b"export-tests-key-0123456789")


def generated_reports(n: int, *, seed: int = 0, link: LinkageOptions | None = KEY) -> list[reportparse.Report]:
    """``n`` generated reports, Italian and English alternately, every layout family in turn, parsed from text."""
    from corpora.reports import generate_corpus
    from corpora.reports.render_text import render_text

    reports = []
    for lang, count in (("it", (n + 1) // 2), ("en", n // 2)):
        for report, _ in generate_corpus(count, lang=lang, seed=seed, formats=("txt",)):
            reports.append(reportparse.parse_text(render_text(report), lang=lang, source=report.id, link=link,
                                                  ner=reportparse.NerOptions(backend="off")))
    return reports


@pytest.fixture(scope="session")
def sample_reports(samples_dir):
    return [reportparse.parse_file(path) for path in sorted((samples_dir / "raw").iterdir())]


@pytest.fixture(scope="session")
def generated20():
    return generated_reports(20)
