"""The built package installs and runs on its own: a wheel in a fresh virtual environment
brings exactly the three packages the README lays out, imports them from where it installed
them, and its `chronique` command works from a folder whose own ``index``, ``search`` and
``web`` folders would otherwise shadow them.

The fresh environment takes the dependencies from this one (a path to its site-packages, whose
``.pth`` files — the editable install of the working tree among them — are not read), so only
building the wheel talks to PyPI, as ``make install`` does.
"""

import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"index", "search", "web"}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the fresh environment's python, its bin folder, the wheel)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy, so building leaves no build/ or egg-info in the tree
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(work / "dist"), str(source)], check=True, capture_output=True)
    [wheel] = (work / "dist").glob("chronique-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    fresh_site = subprocess.run(
        [str(python), "-c", "import site; print(site.getsitepackages()[0])"],
        check=True, capture_output=True, text=True).stdout.strip()
    (Path(fresh_site) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return python, venv / "bin", wheel


def test_the_wheel_holds_the_three_packages_only(installed):
    _, _, wheel = installed
    with zipfile.ZipFile(wheel) as archive:
        top = {name.split("/")[0] for name in archive.namelist()}
    assert {name for name in top if not name.endswith(".dist-info")} == PACKAGES
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"search/backends/base.py", "search/backends/whoosh/backend.py",
            "web/templates/results.html", "web/static/chronique.css"} <= names


def test_the_packages_import_from_the_installed_wheel(installed, tmp_path):
    python, _, _ = installed
    code = ("import index.analysis, search, search.backends.whoosh.backend, web.cli\n"
            "print('\\n'.join(m.__file__ for m in (index.analysis, search, web.cli)))")
    printed = subprocess.run([str(python), "-c", code], cwd=tmp_path, check=True,
                             capture_output=True, text=True).stdout.split()
    venv = python.parent.parent
    assert len(printed) == 3 and all(Path(path).is_relative_to(venv) for path in printed)


def test_the_command_is_not_shadowed_by_folders_of_the_same_names(installed, tmp_path):
    _, bin_dir, _ = installed
    for package in PACKAGES:  # a stranger's packages where the command is run
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("raise ImportError('shadowed')\n")
    index = tmp_path / "ix"
    chronique = str(bin_dir / "chronique")
    built = subprocess.run([chronique, "reindex", "--index", str(index), str(ROOT / "demo")],
                           cwd=tmp_path, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    found = subprocess.run([chronique, "search", "--index", str(index), "--json", "Pékin"],
                           cwd=tmp_path, capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert '"total"' in found.stdout and "shadowed" not in found.stderr
