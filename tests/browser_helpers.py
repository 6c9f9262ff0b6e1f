"""Start a throw-away Jupyter server and drive notebooks in Chromium (used by test_browser.py)."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "_artifacts"
# Console noise of the Jupyter front ends themselves, not of our widgets.
BENIGN_CONSOLE = ("favicon", "Failed to load resource", "translation", "lsp", "language server",
                  "kernelspec", "jupyter-server-ydoc", "DevTools")


def find_chromium():
    """Path of a system Chromium (or Chrome), or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterServer:
    """``jupyter lab`` or ``jupyter notebook`` on localhost with a temporary configuration.

    No token, no password, no browser; the notebook's windowing is off so every
    cell renders (settings written to a temporary JUPYTERLAB_SETTINGS_DIR).
    """

    def __init__(self, app, root_dir, tmp, python=sys.executable):
        self.app, self.root_dir, self.tmp, self.python = app, Path(root_dir), Path(tmp), python
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = self.tmp / "settings"
        tracker = settings / "@jupyterlab" / "notebook-extension"
        tracker.mkdir(parents=True, exist_ok=True)
        (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
        # no "Would you like to get notified about Jupyter news?" toast over the page, no request to the web
        apputils = settings / "@jupyterlab" / "apputils-extension"
        apputils.mkdir(parents=True, exist_ok=True)
        (apputils / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False}))
        self.env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings),
                        JUPYTER_CONFIG_DIR=str(self.tmp / "config"), JUPYTER_RUNTIME_DIR=str(self.tmp / "runtime"),
                        JUPYTERLAB_WORKSPACES_DIR=str(self.tmp / "workspaces"), MPLBACKEND="Agg")
        self.env.pop("CI", None)  # never let a CI flag change how the front end behaves

    def __enter__(self):
        cmd = [self.python, "-m", "jupyter", self.app, f"--port={self.port}", "--ip=127.0.0.1", "--no-browser",
               "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root", "--ServerApp.disable_check_xsrf=True",
               f"--ServerApp.root_dir={self.root_dir}", f"--LabApp.user_settings_dir={self.tmp / 'settings'}",
               f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}"]
        if self.app == "notebook":
            cmd = [c.replace("--LabApp.", "--JupyterNotebookApp.") for c in cmd]
        if self.app == "classic":  # notebook 6: its own server and options
            cmd = cmd[:3] + ["notebook", f"--port={self.port}", "--ip=127.0.0.1", "--no-browser", "--allow-root",
                             "--NotebookApp.token=", "--NotebookApp.password=",
                             "--NotebookApp.disable_check_xsrf=True", f"--NotebookApp.notebook_dir={self.root_dir}"]
        self.log = open(self.tmp / f"{self.app}.log", "w")
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
                                     cwd=self.root_dir)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/api/status", timeout=2)
                return self
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"jupyter {self.app} did not start; log:\n" + (self.tmp / f"{self.app}.log").read_text())

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

    def notebook_url(self, name):
        # ?reset: a fresh workspace, so no earlier notebook is restored in a hidden tab
        return f"{self.url}/lab/tree/{name}?reset" if self.app == "lab" else f"{self.url}/notebooks/{name}"


def write_notebook(path, sources):
    """A minimal notebook of code cells, with the python3 kernel."""
    nb = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [],
                   "source": src} for i, src in enumerate(sources)],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    Path(path).write_text(json.dumps(nb))


def run_all(page):
    """Run all cells through the Run menu (same in JupyterLab 4 and Notebook 7)."""
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    accept_kernel_dialog(page)
    # wait for the kernel to be ready before running
    page.wait_for_function(
        "() => !document.querySelector('.jp-Notebook-ExecutionIndicator[data-status=\"busy\"]')", timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).first.click()
    accept_kernel_dialog(page, wait_ms=500)


def accept_kernel_dialog(page, wait_ms=3000):
    """Accept a "Select Kernel" dialog if one shows up (the default is the python3 kernel)."""
    button = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
    try:
        button.first.wait_for(timeout=wait_ms)
    except Exception:
        return
    button.first.click()


def widget_images(page):
    return page.locator(".jp-OutputArea-output img.widget-image")


def wait_images(page, n, timeout=90_000):
    """Wait until ``n`` widget images have a src."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('.jp-OutputArea-output img.widget-image')]"
        ".filter(i => i.src && i.naturalWidth > 0).length >= n", arg=n, timeout=timeout)


def src_of(image):
    return image.get_attribute("src")


def wait_src_change(image, old, timeout=30_000):
    """Seconds until ``image`` shows a new src (raises on timeout)."""
    t0 = time.perf_counter()
    handle = image.element_handle()
    image.page.wait_for_function("([img, old]) => img.src && img.src !== old && img.complete",
                                 arg=[handle, old], timeout=timeout)
    return time.perf_counter() - t0


def error_outputs(page):
    """Texts of error or stderr outputs in the notebook."""
    loc = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
                       '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
    return [loc.nth(i).inner_text()[:500] for i in range(loc.count())]


def set_slider_by_readout(slider_box, value):
    """Type a value into an ipywidgets slider's editable readout (any value in one step)."""
    readout = slider_box.locator(".widget-readout")
    readout.click()
    readout.press("Control+A")
    readout.type(str(value))
    readout.press("Enter")


# A widget's main control: its first enabled slider or dropdown in reading order, leaving out the
# settings of a Play bar (the playground's "epochs/tick" does not redraw). A disabled slider (e.g. the
# parameter slider of an activation without a parameter) is skipped: a reader cannot move it either.
_FIRST_CONTROL_JS = """box => {
    const usable = el => el.offsetParent !== null && el.querySelector('[disabled]') === null
        && !el.closest('.nbh-editor')
        && !el.matches('[disabled]') && (el.querySelector('.widget-readout') || {}).contentEditable !== 'false'
        && !(el.closest('.widget-hbox') && el.closest('.widget-hbox').querySelector('.widget-play'));
    const controls = [...box.querySelectorAll('.widget-hslider, .widget-dropdown')].filter(usable);
    if (!controls.length) return [null, -1];
    const el = controls[0];
    const kind = el.matches('.widget-hslider') ? 'slider' : 'dropdown';
    const same = [...box.querySelectorAll(kind === 'slider' ? '.widget-hslider' : '.widget-dropdown')];
    return [kind, same.indexOf(el)];
}"""


def move_first_control(page, box):
    """Move the widget's main control to a clearly different value; returns a label for the report."""
    kind, k = box.evaluate(_FIRST_CONTROL_JS)
    if kind == "slider":
        slider = box.locator(".widget-hslider").nth(k)
        label = slider.locator(".widget-label").first.inner_text().strip()
        # click the track far from the handle: a value surely different from the current one
        # (a click works in JupyterLab 4, Notebook 7 and Notebook 6 alike; the arrow keys have their own test)
        track = slider.locator(".slider").first
        track.scroll_into_view_if_needed()
        bb = track.bounding_box()
        hb = slider.locator(".noUi-handle, .ui-slider-handle").first.bounding_box()  # ipywidgets 8, 7
        left = hb is not None and hb["x"] + hb["width"] / 2 < bb["x"] + bb["width"] / 2
        page.mouse.click(bb["x"] + bb["width"] * (0.85 if left else 0.15), bb["y"] + bb["height"] / 2)
        return f"slider '{label}'"
    if kind == "dropdown":
        dropdown = box.locator(".widget-dropdown").nth(k)
        select = dropdown.locator("select").first
        label = dropdown.locator(".widget-label").first.inner_text().strip()
        select.scroll_into_view_if_needed()
        n, current = select.evaluate("s => [s.options.length, s.selectedIndex]")
        select.select_option(index=(current + 1) % n)  # the next option: surely a different one
        return f"dropdown '{label}'"
    return None
