"""multimodal's coded errors, and the codes of all four packages (multimodal is the one package that sees them all).

Every code raised or warned with in the source is defined once, in one package's registry: ``reportparse.Errors``
and ``Warnings``, ``corpora.errors.CODES`` with the dataset issues ``corpora.images.records.ISSUE_CODES``,
``vision.errors.CODES`` and ``multimodal.errors.CODES``.
"""

import ast
import re
from pathlib import Path

import pytest

import corpora.errors
import multimodal.errors
import reportparse.errors
import vision.errors
from corpora.errors import run_command
from corpora.images.records import ISSUE_CODES
from multimodal.errors import DermalabError, MultimodalError

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("reportparse", "corpora", "vision", "multimodal")
CODE = re.compile(r"[A-Z]\d{3}")
IN_TEXT = re.compile(r"\[([A-Z]\d{3})\]")
OUTSIDE_REGISTRIES: set[str] = set()


def _registries() -> dict[str, set[str]]:
    return {
        "reportparse": {n for n in [*vars(reportparse.errors.Errors), *vars(reportparse.errors.Warnings)]
                        if CODE.fullmatch(n)},
        "corpora": set(corpora.errors.CODES) | set(ISSUE_CODES),
        "vision": set(vision.errors.CODES),
        "multimodal": set(multimodal.errors.CODES),
    }


def _trees(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _codes_used(package: str) -> set[str]:
    """``[V004]`` inside any message, and codes given to a record or an error: ``code="V015"``, ``issue="D007"``,
    ``DatasetIssue("D003", …)``, ``ParseWarning("W001", …)``, or looked up in a table of codes by what went wrong
    (``IMAGE_PROBLEM_CODES = {"empty": "V043", …}``); other strings, e.g. municipality codes, are data."""
    found = set()
    for _, tree in _trees(package):
        for node in ast.walk(tree):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)
                    and any(isinstance(t, ast.Name) and t.id.endswith("_CODES") for t in node.targets)):
                found.update(v.value for v in node.value.values if isinstance(v, ast.Constant)
                             and isinstance(v.value, str) and CODE.fullmatch(v.value))
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(IN_TEXT.findall(node.value))
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                given = [k.value for k in node.keywords if k.arg in ("code", "issue")]
                given += node.args[:1] if name.endswith(("Issue", "Warning", "Error")) else []
                found.update(n.value for g in given for n in ast.walk(g) if isinstance(n, ast.Constant)
                             and isinstance(n.value, str) and CODE.fullmatch(n.value))
    return found


def _dermalab_error_names() -> set[str]:
    modules = (reportparse.errors, corpora.errors, vision.errors, multimodal.errors)
    return {name for m in modules for name, obj in vars(m).items()
            if isinstance(obj, type) and issubclass(obj, DermalabError)}


def test_multimodal_error_is_a_dermalab_value_error(capsys):
    from multimodal.calibration import make_calibrator

    with pytest.raises(MultimodalError) as info:
        make_calibrator("platt")
    error = info.value
    assert isinstance(error, DermalabError) and isinstance(error, ValueError) and error.code == "M002"
    assert str(error) == "[M002] calibration must be 'temperature', 'isotonic' or None, not 'platt'"
    assert run_command(lambda args: make_calibrator("platt"), None) == 2
    assert capsys.readouterr().err == f"error: {error}\n"


def test_codes_are_defined_once():
    registries = _registries()
    for a in PACKAGES:
        for b in PACKAGES[PACKAGES.index(a) + 1:]:
            assert not registries[a] & registries[b], (a, b)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_code_in_the_source_is_in_its_package_registry(package):
    assert _codes_used(package) - _registries()[package] - OUTSIDE_REGISTRIES == set()


@pytest.mark.parametrize("package", ["corpora", "vision", "multimodal"])
def test_every_registered_code_is_used(package):
    assert _registries()[package] - _codes_used(package) == set()


@pytest.mark.parametrize("package", PACKAGES)
def test_coded_raises_use_a_dermalab_error_with_its_code(package):
    """``raise VisionError("…", code="V015")``, never ``raise ValueError("[V015] …")``."""
    names = _dermalab_error_names()
    for path, tree in _trees(package):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            call, where = node.exc, f"{path.relative_to(ROOT)}:{node.lineno}"
            name = getattr(call.func, "id", getattr(call.func, "attr", ""))
            texts = [n.value for a in call.args for n in ast.walk(a) if isinstance(n, ast.Constant)
                     and isinstance(n.value, str)]
            assert not any(IN_TEXT.match(t) for t in texts), f"{where}: pass the code as code=..."
            if name in names and name != "ReportParseError":  # ReportParseError takes an Errors template
                assert [k.arg for k in call.keywords] == ["code"], f"{where}: {name} needs code=..."
