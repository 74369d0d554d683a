"""OCR fixtures: Tesseract is required where DERMALAB_REQUIRE_OCR=1 (CI), and the tests that need it skip
elsewhere only when it is not installed; scans are made once per session."""

from __future__ import annotations

import os
import shutil

import pytest

from .scans import PAGE_IT, PAGE_IT_2, rasterise, table_pdf

REQUIRE_OCR = os.environ.get("DERMALAB_REQUIRE_OCR", "") not in ("", "0")


@pytest.fixture(scope="session")
def tesseract() -> str:
    """The Tesseract program; skips when missing, unless OCR is required (then the test fails as it would)."""
    found = shutil.which("tesseract")
    if found is None and not REQUIRE_OCR:
        pytest.skip("Tesseract is not installed: `make setup` installs it (CI sets DERMALAB_REQUIRE_OCR=1)")
    return found or "tesseract"


@pytest.fixture(scope="session")
def scans_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("scans")


@pytest.fixture(scope="session")
def text_pdf(scans_dir):
    """A two-page Italian report with a text layer."""
    return table_pdf(scans_dir / "report.pdf", [PAGE_IT, PAGE_IT_2])


@pytest.fixture(scope="session")
def page_images(text_pdf):
    """Its pages rasterised at 200 dpi (grey)."""
    return rasterise(text_pdf, dpi=200)
