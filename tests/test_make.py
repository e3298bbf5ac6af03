"""`make run` installs only what serving needs; `make test` adds the test tools."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_TOOLS = ("pytest", "hypothesis", "playwright", "jsonschema")


def planned(target, tmp_path):
    """The commands ``make target`` would run from a fresh checkout (dry run: nothing runs)."""
    assert shutil.which("make"), "make is needed to run Chronique's two commands"
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "-n", f"VENV={venv}", target], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if "pip install" in line]


def test_make_run_installs_the_package_without_the_test_tools(tmp_path):
    installs = planned("run", tmp_path)
    assert any(line.endswith("install --quiet -e .") for line in installs)
    assert not any("[test]" in line for line in installs)


def test_make_test_installs_the_test_tools(tmp_path):
    assert any("-e '.[test]'" in line for line in planned("test", tmp_path))


def test_serving_imports_none_of_the_test_tools():
    blocked = "; ".join(f"sys.modules[{name!r}] = None" for name in TEST_TOOLS)
    script = (f"import sys; {blocked}; from web.cli import main; from web import create_app; "
              "import web.api, web.pages, web.serve, index.cli, search.cli")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
