"""The package as a whole: light import, set-up files that agree with each other."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[1]


def test_import_is_light():
    code = (
        "import sys, nbhelpers, nbhelpers.activations, nbhelpers.losses, nbhelpers.gradcheck;"
        "heavy = [m for m in ('matplotlib.pyplot', 'ipywidgets', 'sklearn', 'matplotlib') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_submodules_load_on_first_use():
    import nbhelpers

    assert nbhelpers.activations.sigmoid(0.0) == 0.5
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        nbhelpers.nope  # noqa: B018


def _pyproject_packages():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = meta["dependencies"] + [r for extra in ("lab", "test") for r in meta["optional-dependencies"][extra]]
    return {re.split(r"[<>=!~ \[]", r, maxsplit=1)[0].lower() for r in reqs}


def _environment_packages():
    # conda cannot run here, so we read environment.yml as text: its format is simple YAML lists.
    names = set()
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z][A-Za-z0-9_.\-]*)", line)
        if m and m.group(1) not in {"pip", "conda-forge", "defaults"}:
            names.add(m.group(1).lower())
    return names


def test_environment_yml_names_the_same_packages_as_pyproject():
    env = _environment_packages() - {"python"}
    assert env == _pyproject_packages()


def test_environment_yml_installs_nbhelpers_from_the_repo():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text
    assert re.search(r"-\s+-e\s+\.\.?/?", text) or "-e ." in text
    assert re.search(r"python\s*>=\s*3\.10", text)


def test_ci_script_runs_make_test_and_fails_on_error():
    text = (ROOT / ".ci" / "run").read_text()
    assert "set -euo pipefail" in text and "make test" in text
