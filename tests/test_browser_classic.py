"""The course's widgets in the classic Notebook with ipywidgets 7.7 (the front end closest to Colab's).

Colab ships ipywidgets 7.7.1; its front end is closer to the classic Notebook's (widgetsnbextension
3.6) than to JupyterLab's. ``make test-classic`` builds ``.venv-classic`` from
``requirements/classic.txt`` (notebook 6.5, ipywidgets 7.7.1) and runs this module: the server and
kernel come from that venv, Chromium is driven from this one. For every course notebook with a
widget: all cells run, every widget renders, its main control moves and its picture changes, with
no error output and no browser-console error after Run All.

They run when ``NBH_CLASSIC_PYTHON`` names that venv's python (as ``make test-classic`` does), so
the main ``pytest tests`` run skips them.
"""
import json
import os
import shutil
from pathlib import Path

import pytest

from browser_helpers import (
    ARTIFACTS, BENIGN_CONSOLE, CHROMIUM_ARGS, JupyterServer, find_chromium, move_first_control, wait_src_change,
)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = os.environ.get("NBH_CLASSIC_PYTHON", "")  # set by `make test-classic`
# ipywidgets 7 cannot load the widget state a notebook saved with ipywidgets 8 (model modules @2): it
# says so in the console; the cells' live widgets replace that state, so these are not errors of our
# widgets. Nor is the classic page's own font request.
BENIGN_CLASSIC = BENIGN_CONSOLE + ("@jupyter-widgets/controls@2", "@jupyter-widgets/base@2",
                                   "Could not create a model", "Could not create model", "Access to font at")


def _widget_notebooks():
    return sorted(nb.name for nb in (ROOT / "notebooks").glob("*.ipynb") if "nbh.widgets" in nb.read_text())


@pytest.fixture(scope="module")
def classic(tmp_path_factory):
    if not PYTHON or not Path(PYTHON).exists():
        pytest.skip("no classic-Notebook venv (NBH_CLASSIC_PYTHON): run `make test-classic`")
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium")
    from playwright.sync_api import sync_playwright

    root = tmp_path_factory.mktemp("classic")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    if (ROOT / "data").exists():
        shutil.copytree(ROOT / "data", root / "data")
    os.environ["PYTHONPATH"] = str(ROOT)  # the kernel imports nbhelpers from this checkout
    ARTIFACTS.mkdir(exist_ok=True)
    with JupyterServer("classic", root, tmp_path_factory.mktemp("classic-srv"), python=PYTHON) as server, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield server, browser
        browser.close()


@pytest.mark.parametrize("name", _widget_notebooks())
def test_classic_notebook_widgets_render_and_respond(classic, name):
    server, browser = classic
    nb = json.loads((ROOT / "notebooks" / name).read_text())
    calls = sum("nbh.widgets" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    stem = name.removesuffix(".ipynb")
    try:
        page.goto(server.notebook_url(f"notebooks/{name}"))
        page.wait_for_function("() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel "
                               "&& Jupyter.notebook.kernel.is_connected()", timeout=60_000)
        # the widget manager first asks the kernel for every widget's state; widgets created by cells
        # run before that answer never render (their output stays hidden), so let it finish
        page.wait_for_timeout(5000)
        console.clear()  # what loading the saved outputs logs is not our widgets' doing
        page.evaluate("() => { Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells(); }")
        page.wait_for_function("() => Jupyter.notebook.get_cells().every(c => c.cell_type !== 'code' "
                               "|| (c.input_prompt_number !== '*' && c.input_prompt_number !== undefined))",
                               timeout=300_000)
        outputs = page.locator(".output_subarea").filter(has=page.locator("img.widget-image"))
        page.wait_for_function("n => document.querySelectorAll('.output_subarea img.widget-image').length >= n",
                               arg=min(calls, 1), timeout=60_000)
        assert outputs.count() >= 1, "no widget rendered"
        for i in range(outputs.count()):
            box = outputs.nth(i)
            surface = box.locator("img.nbh-surface")
            img = surface.first if surface.count() else box.locator("img.widget-image").first
            old = img.get_attribute("src")
            if move_first_control(page, box) is None:
                continue
            wait_src_change(img, old)
            box.screenshot(path=str(ARTIFACTS / f"classic_{stem}_widget{i + 1}.png"))
        errors = page.locator(".output_error, .output_stderr")
        assert errors.count() == 0, errors.first.inner_text()[:500]
        real = [c for c in console if not any(b.lower() in c.lower() for b in BENIGN_CLASSIC)]
        assert real == [], real
    finally:
        page.screenshot(path=str(ARTIFACTS / f"classic_{stem}_page.png"), full_page=True)
        page.close()
