"""The README's two commands as make runs them (dry runs: nothing is installed or started)."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _dry_run(*args):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    # -o: take the venv as made, so the dry run prints only the lab command
    out = subprocess.run(["make", "-n", "-o", "venv", "-o", ".venv/.lab-installed", *args], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return out.stdout


def test_make_lab_passes_args_through():
    assert "jupyter lab notebooks/" in _dry_run("lab", "ARGS=--port=9999 --no-browser")
    assert "--port=9999 --no-browser" in _dry_run("lab", "ARGS=--port=9999 --no-browser")


def test_make_lab_allows_root_only_as_root():
    line = [x for x in _dry_run("lab").splitlines() if "jupyter lab" in x][0]
    assert ("--allow-root" in line) == (os.geteuid() == 0)
