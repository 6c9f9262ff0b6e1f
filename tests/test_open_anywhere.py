"""Colab badge and install cell, Binder files, and the static HTML copy."""
import json
import re
import subprocess
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest
from _envfiles import conda_requirements, pyproject_requirements, requirement_name

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import colab  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _run_install_cell(monkeypatch, colab_present, env_source=None):
    """Execute the install cell's Python (magics turned into calls) and record the magics."""
    from IPython.core.inputtransformer2 import TransformerManager

    calls = []
    shell = types.SimpleNamespace(run_line_magic=lambda name, line, *a: calls.append((name, line)))
    if colab_present:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    if env_source is None:
        monkeypatch.delenv("NBH_COURSE_SOURCE", raising=False)
    else:
        monkeypatch.setenv("NBH_COURSE_SOURCE", env_source)
    code = TransformerManager().transform_cell(colab.install_source())
    namespace = {"get_ipython": lambda: shell}
    exec(code, namespace)  # noqa: S102 - our own cell
    # IPython expands {_source} in a magic's line itself; do it here the same way.
    return [(name, line.replace("{_source}", namespace.get("_source", ""))) for name, line in calls]


def test_install_cell_does_nothing_outside_colab(monkeypatch):
    assert _run_install_cell(monkeypatch, colab_present=False) == []


def test_install_cell_in_colab_installs_from_the_pinned_ref_without_upgrading(monkeypatch):
    [(magic, line)] = _run_install_cell(monkeypatch, colab_present=True)
    assert magic == "pip"
    assert "--no-deps" in line and "--upgrade" not in line and "-U " not in line
    assert f"git+https://github.com/{colab.REPOSITORY}@{colab.REF}" in line
    assert "drive" not in colab.install_source()


def test_install_cell_takes_a_test_source(monkeypatch):
    [(_, line)] = _run_install_cell(monkeypatch, colab_present=False, env_source="/src/course")
    assert line.endswith('"/src/course"')


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_the_current_badge_and_install_cell(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    assert colab.is_current(nb, nb_path.name), f"run: python tools/colab.py && make execute-notebooks"


def test_colab_script_rewrites_a_stale_notebook(tmp_path):
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
                    {"cell_type": "code", "metadata": {}, "source": ["x = 1"], "outputs": [], "execution_count": 1}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "01_x.ipynb"
    path.write_text(json.dumps(nb))
    assert colab.main(["--check", str(path)]) == 1
    assert colab.main([str(path)]) == 0
    fixed = json.loads(path.read_text())
    assert colab.is_current(fixed, "01_x.ipynb")
    assert [c["cell_type"] for c in fixed["cells"]] == ["markdown", "markdown", "code", "code"]
    assert colab.main(["--check", str(path)]) == 0


BINDER_ENV = ROOT / ".binder" / "environment.yml"


def test_binder_environment_has_what_the_notebooks_need_and_matches_pyproject():
    binder = {requirement_name(r) for r in conda_requirements(BINDER_ENV)} - {"python", "pip"}
    assert binder == {requirement_name(r) for r in pyproject_requirements(extras=("lab",))}


def test_binder_post_build_installs_nbhelpers_from_the_repository():
    text = (ROOT / ".binder" / "postBuild").read_text()
    assert "pip install" in text and re.search(r"--no-deps[^\n]* \.", text)


def test_binder_package_list_resolves_with_pip(tmp_path):
    reqs = [r for r in conda_requirements(BINDER_ENV) if requirement_name(r) not in {"python", "pip"}]
    (tmp_path / "req.txt").write_text("\n".join(reqs))
    out = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
         "-r", str(tmp_path / "req.txt")],
        capture_output=True, text=True, timeout=300,
    )
    if out.returncode and "Could not find a version" not in out.stderr and "ResolutionImpossible" not in out.stderr:
        pytest.skip(f"the package index could not be reached: {out.stderr.strip()[-200:]}")
    assert out.returncode == 0, out.stderr


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def test_static_site_has_a_page_per_notebook_and_links_resolve(tmp_path):
    pages = build_site.build(ROOT / "notebooks", tmp_path)
    assert sorted(p.stem for p in pages) == sorted(p.stem for p in NOTEBOOKS)
    for page in [*pages, tmp_path / "index.html"]:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        local = [h.split("#")[0] for h in parser.hrefs if not re.match(r"^(https?:|mailto:|#)", h)]
        for href in local:
            assert (tmp_path / href).exists(), f"{page.name} links to missing {href}"
            assert not href.endswith(".ipynb"), f"{page.name} still links to a notebook: {href}"
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="{p.name}"' in index for p in pages)


def test_static_site_shows_figures_inline(tmp_path):
    pages = build_site.build(ROOT / "notebooks", tmp_path)
    with_figures = [p for p in pages if "data:image/png;base64" in p.read_text(encoding="utf-8")]
    assert with_figures, "no page carries an inline figure"


def test_readme_badges_point_to_the_configured_repository():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert colab.readme_with_badges(text) == text, "run: python tools/colab.py"
    assert f"mybinder.org/v2/gh/{colab.REPOSITORY}/{colab.REF}" in text
