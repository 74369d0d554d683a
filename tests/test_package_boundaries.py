"""One-way dependencies: reportparse ← corpora ← vision ← multimodal.

reportparse is a leaf; corpora (datasets) may use reportparse records; vision reads its data
through corpora; multimodal may use all three; nothing imports multimodal.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "reportparse": set(),
    "corpora": {"reportparse"},
    "vision": {"corpora"},
    "multimodal": {"reportparse", "vision", "corpora"},
}


def _imports(package: str) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


def test_one_way_dependencies():
    for package, allowed in ALLOWED.items():
        assert _imports(package) - {package} <= allowed, package
