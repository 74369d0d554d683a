"""Shared fixtures: paths to the bundled samples and to ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples" / "reports"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def shared_reports() -> Path:
    path = SHARED / "reports-dev"
    if not (path / "gold").is_dir():
        pytest.skip("../shared/data/reports-dev is not available on this machine")
    return path
