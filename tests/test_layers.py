"""The layout the README promises: imports go downward only (web → search → index), and the
search pipeline reaches an index only through its backend seam (search/backends/)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("web", "search", "index")


def imports(path):
    """Top-level names of what ``path`` imports (absolute imports only; relative ones stay in
    their package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def modules(package):
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", LAYERS)
def test_no_import_points_up(package):
    above = LAYERS[:LAYERS.index(package)]
    upward = {str(path.relative_to(ROOT)): sorted(name for name in imports(path)
                                                  if name.split(".")[0] in above)
              for path in modules(package)}
    assert {path: names for path, names in upward.items() if names} == {}


def test_the_pipeline_knows_no_backend_library():
    backends = ROOT / "search" / "backends"
    leaks = {str(path.relative_to(ROOT)): sorted(name for name in imports(path)
                                                 if name.split(".")[0] == "whoosh")
             for path in modules("search") if backends not in path.parents}
    assert {path: names for path, names in leaks.items() if names} == {}


def test_the_pipeline_reaches_the_whoosh_backend_only_through_the_seam():
    """Only the place that picks the default backend names the Whoosh one."""
    whoosh = ROOT / "search" / "backends" / "whoosh"
    naming = [str(path.relative_to(ROOT)) for path in modules("search")
              if whoosh not in path.parents
              and any("backends.whoosh" in name for name in imports(path) | _relative(path))]
    assert naming == ["search/engine.py"]


def _relative(path):
    return {node.module for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.level and node.module}


def test_web_imports_search_only():
    """The front end talks to the search API; what it needs of the index comes through it."""
    reaching = {str(path.relative_to(ROOT)): sorted(name for name in imports(path)
                                                    if name.split(".")[0] == "index")
                for path in modules("web")}
    assert {path: names for path, names in reaching.items() if names} == {}
