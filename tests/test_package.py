"""The package as a whole: light import, set-up files that agree with each other."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _envfiles import conda_requirements, pyproject_requirements, requirement_name

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


def test_environment_yml_names_the_same_packages_as_pyproject():
    env = {requirement_name(r) for r in conda_requirements(ROOT / "environment.yml")} - {"python", "pip"}
    assert env == {requirement_name(r) for r in pyproject_requirements()}


def test_environment_yml_installs_nbhelpers_from_the_repo():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text
    assert re.search(r"-\s+-e\s+\.\.?/?", text) or "-e ." in text
    assert re.search(r"python\s*>=\s*3\.10", text)


def test_ci_script_runs_make_test_and_fails_on_error():
    text = (ROOT / ".ci" / "run").read_text()
    assert "set -euo pipefail" in text and "make test" in text
