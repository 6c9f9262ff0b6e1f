"""How fast the course's widgets answer: in the kernel, and in a real browser (JupyterLab, Chromium).

Kernel (always): for every widget (the playground, the backprop stepper and each topic
widget found in ``nbhelpers/widgets/<topic>.py``) the median and 95th percentile of one
update (what a slider change costs in the kernel) beside the bare render of its figure (drawn
whole and encoded as PNG, as a still image is: ``LiveFigure.full_png``);
for the playground, the kernel time of one Play frame (one epoch and the redraw) and the
bytes of the decision surface it sends.

Browser (``--browser``): JupyterLab 4 in Chromium (Playwright, as the browser tests), on a
throw-away server. Play runs for a few seconds and the page counts the new decision-surface
images it shows (frames per second), for the default experiment and for a 4-layer network on
spiral; for every other widget, the time from moving its main control to the new picture on
screen, taken by the page's own clock (from the first pointer or change event in the widget to
the frame after the new image decoded; median of several), beside the bare render of its figure
in this process.

Targets (measured, never asserted): Play >= 30 frames/s; surface <= 10 ms and <= 10 KB per
frame; slider to new picture <= 1.5 x the bare render. The machine's load average is printed
with the table: on a shared machine the browser numbers move with it.

Run: ``python benchmarks/widget_latency.py [--repeats N] [--browser] [--seconds S]``.

A topic module may define ``_benchmark_cases()`` returning a list of
``(name, factory, change)``: ``factory()`` builds the widget and ``change(widget, i)``
(or ``change(widget)``) moves its main control, i being the repeat index; otherwise
its public factories are called without arguments and the first slider or dropdown
of the result is moved.
"""
import argparse
import importlib
import inspect
import os
import pkgutil
import platform
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

# Course widgets as the notebooks build them, for the browser run (the playground is measured by Play).
BROWSER_WIDGETS = {
    "boundary.theta_boundary": "nbh.widgets.boundary.theta_boundary()",
    "perceptron.gate_weights": "nbh.widgets.perceptron.gate_weights()",
    "activation.activation_explorer": "nbh.widgets.activation.activation_explorer()",
    "capacity.capacity_explorer": "nbh.widgets.capacity.capacity_explorer()",
    "regression.unit_sliders": "nbh.widgets.regression.unit_sliders()",
    "softmax.softmax_bars": "nbh.widgets.softmax.softmax_bars()",
    "vanishing.vanishing_gradient": "nbh.widgets.vanishing.vanishing_gradient()",
    "regularization.regularization_explorer": "nbh.widgets.regularization.regularization_explorer()",
    "backprop_stepper 2-3-2-2": "nbh.widgets.backprop_stepper('2-3-2-2')",
}
PLAY_CASES = {
    "default (XOR, 2-4-2-1)": "nbh.widgets.playground()",
    "spiral, 4 x 8 hidden": "nbh.widgets.playground(data='spiral', hidden=(8, 8, 8, 8))",
}


def _time(fn, repeats):
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t0)
    return np.array(times) * 1000.0


def _move_control(control):
    """An update function that moves ``control`` between values of its range."""
    if hasattr(control, "options") and len(control.options) > 1:
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
    elif hasattr(control, "min") and hasattr(control, "max"):
        lo, hi = control.min, control.max
        values = list(np.linspace(lo, hi, 7)[1:-1])
        if type(control).__name__ == "IntSlider":
            values = sorted({int(round(v)) for v in values}) or [lo, hi]
        if type(control).__name__ == "FloatLogSlider":
            values = [control.base ** v for v in values]
    else:
        return None

    def update(i):
        control.value = values[i % len(values)] if values[i % len(values)] != control.value else values[(i + 1) % len(values)]

    return update


def _main_control(widget):
    controls = widget.controls.values() if isinstance(widget.controls, dict) else widget.controls
    for control in controls:
        if type(control).__name__ in ("FloatSlider", "IntSlider", "FloatLogSlider", "SelectionSlider", "Dropdown"):
            return control
    return None


def discover_cases():
    """(name, widget, update) for the stepper and every topic widget (the playground has its own table)."""
    import nbhelpers.widgets as widgets

    st = widgets.backprop_stepper("2-3-2-2")
    cases = [("backprop_stepper 2-3-2-2 (x1 slider)", st, _move_control(st.w_x1)),
             ("backprop_stepper 2-3-2-2 (Forward button)", st, lambda i: st.forward())]
    path = os.path.dirname(widgets.__file__)
    for info in pkgutil.iter_modules([path]):
        if info.name.startswith("_") or info.name in ("playground", "stepper"):
            continue
        try:
            module = importlib.import_module(f"nbhelpers.widgets.{info.name}")
        except Exception as exc:  # a topic module in progress must not stop the benchmark
            print(f"skipped nbhelpers.widgets.{info.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if hasattr(module, "_benchmark_cases"):
            for name, factory, change in module._benchmark_cases():
                try:
                    widget = factory() if callable(factory) and not hasattr(factory, "live") else factory
                except Exception as exc:
                    print(f"skipped {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    continue
                n_args = len(inspect.signature(change).parameters)
                update = (lambda i, c=change, w=widget: c(w, i)) if n_args >= 2 else (lambda i, c=change, w=widget: c(w))
                cases.append((name, widget, update))
            continue
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            if fname.startswith("_") or fn.__module__ != module.__name__:
                continue
            try:
                widget = fn()
            except Exception:
                continue
            if not hasattr(widget, "live") or not hasattr(widget, "controls"):
                continue
            control = _main_control(widget)
            update = _move_control(control) if control is not None else None
            if update is None:
                continue
            cases.append((f"{info.name}.{fname} ({control.description or 'control'})", widget, update))
    return cases


def kernel_tables(repeats):
    """The playground's frame table and every other widget's update table, in the kernel."""
    import nbhelpers as nbh

    print("| playground (kernel) | frame median ms | frame p95 ms | surface ms | surface bytes | all pictures bytes |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, code in PLAY_CASES.items():
        pg = eval(code, {"nbh": nbh})
        pg.step(5)
        frame = _time(lambda i: pg.step(), repeats)  # one epoch and a full redraw
        v = pg.view

        def surface(i):
            from nbhelpers.plots.raster import class_surface_rgb

            out = pg.mlp.forward(pg.F_grid)["a"][-1]
            v.show_surface(class_surface_rgb(np.hstack([1 - out, out]), (100, 100)))

        surf = _time(surface, repeats)
        sizes = {k: len(x) for k, x in pg.pictures().items() if k != "points"}  # points: sent once
        print(f"| {name} | {np.median(frame):.1f} | {np.percentile(frame, 95):.1f} | {np.median(surf):.1f} | "
              f"{sizes['surface_png']} | {sum(sizes.values())} |", flush=True)
    print()
    print("| widget (kernel) | update median | update p95 | bare render median | ratio |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, widget, update in discover_cases():
        update(0)  # warm up: first draws build caches
        up = _time(update, repeats)
        bare = _time(lambda i: widget.live.full_png(), repeats)
        print(f"| {name} | {np.median(up):.1f} | {np.percentile(up, 95):.1f} | {np.median(bare):.1f} | "
              f"{np.median(up) / np.median(bare):.2f} |", flush=True)


# Armed before a control moves: the time in the page from the first input event in the widget
# (pointer down on a slider's track, change of a dropdown) to the next frame painted after the
# widget's image took a new src and decoded it. Measured by the page's clock, so the round trips
# of Playwright itself are not counted.
_ARM_LATENCY_JS = """([box, img]) => {
    window.__nbhLatency = new Promise(done => {
        let t0 = null;
        const start = () => { if (t0 === null) t0 = performance.now(); };
        for (const type of ['pointerdown', 'input', 'change']) {
            box.addEventListener(type, start, {capture: true, once: true});
        }
        const old = img.src;
        const seen = new MutationObserver(() => {
            if (img.src === old) return;
            seen.disconnect();
            img.decode().catch(() => null).then(() => requestAnimationFrame(() => done(performance.now() - t0)));
        });
        seen.observe(img, {attributes: true, attributeFilter: ['src']});
    });
}"""

_COUNT_FRAMES_JS = """([img, ms]) => new Promise(done => {
    let n = 0;
    const seen = new MutationObserver(() => n++);
    seen.observe(img, {attributes: true, attributeFilter: ['src']});
    setTimeout(() => { seen.disconnect(); done(n); }, ms);
})"""


def browser_tables(seconds, moves):
    """Play frames per second and slider-to-picture latencies in JupyterLab (Chromium via Playwright)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_helpers import CHROMIUM_ARGS, JupyterServer, find_chromium, move_first_control, run_all, write_notebook
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="nbh-bench-"))
    # one notebook per Play case (the playground alone, as a student opens it), one for the other widgets
    for k, code in enumerate(PLAY_CASES.values()):
        write_notebook(root / f"play{k}.ipynb", ["import nbhelpers as nbh", code])
    write_notebook(root / "widgets.ipynb", ["import nbhelpers as nbh", *BROWSER_WIDGETS.values()])
    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = str(ROOT) + (os.pathsep + env_path if env_path else "")
    with JupyterServer("lab", root, Path(tempfile.mkdtemp(prefix="nbh-bench-srv-"))) as server, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)

        def open_notebook(name):
            page = browser.new_page(viewport={"width": 1400, "height": 1600}, device_scale_factor=2)
            page.goto(server.notebook_url(name))
            run_all(page)
            page.wait_for_function("() => ![...document.querySelectorAll('.jp-InputPrompt')]"
                                   ".some(p => p.textContent.includes('*'))", timeout=300_000)
            page.wait_for_timeout(2000)
            return page, page.locator(".jp-Notebook .jp-Cell .jp-OutputArea-output")

        print(f"\n| Play in JupyterLab ({seconds:g} s) | frames/s | epochs/s |")
        print("| --- | ---: | ---: |")
        for k, name in enumerate(PLAY_CASES):
            page, outputs = open_notebook(f"play{k}.ipynb")
            box = outputs.first
            img = box.locator("img.nbh-surface").first
            buttons = box.locator(".widget-play button")
            buttons.nth(0).click()
            page.wait_for_timeout(1000)
            e0, t0 = _epoch(box), time.perf_counter()
            frames = page.evaluate(_COUNT_FRAMES_JS, [img.element_handle(), int(seconds * 1000)])
            e1, t1 = _epoch(box), time.perf_counter()
            buttons.nth(1).click()
            page.close()
            print(f"| {name} | {frames / seconds:.1f} | {(e1 - e0) / (t1 - t0):.1f} |", flush=True)
        print("\n| widget in JupyterLab | main control | control to new picture, median ms | p90 ms "
              "| bare render median ms | ratio |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        page, outputs = open_notebook("widgets.ipynb")
        for k, (name, code) in enumerate(BROWSER_WIDGETS.items()):
            box = outputs.nth(k)
            img = box.locator("img.widget-image").first
            times, what = [], ""
            for _ in range(moves):
                page.evaluate(_ARM_LATENCY_JS, [box.element_handle(), img.element_handle()])
                what = move_first_control(page, box)
                try:
                    times.append(page.evaluate("() => window.__nbhLatency"))
                except Exception:
                    break
                page.wait_for_timeout(150)
            if times:
                bare = np.median(bare_render(code, repeats=moves))
                print(f"| {name} | {what} | {np.median(times):.0f} | {np.percentile(times, 90):.0f} | "
                      f"{bare:.0f} | {np.median(times) / bare:.2f} |", flush=True)
        browser.close()


def bare_render(code, repeats):
    """Milliseconds of the bare PNG render of the figure of the widget built by ``code`` (in this process)."""
    import nbhelpers as nbh

    widget = eval(code, {"nbh": nbh})
    widget.live.full_png()  # warm up
    return _time(lambda i: widget.live.full_png(), repeats)


def _epoch(box):
    text = box.locator(".widget-html").filter(has_text="epoch").first.inner_text()
    return int(text.split("epoch")[1].split()[0])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--browser", action="store_true", help="also measure in JupyterLab (Chromium)")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long Play runs per case")
    parser.add_argument("--moves", type=int, default=7, help="slider clicks per widget in the browser")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {load[0]:.1f}; {args.repeats} repeats, times in ms.\n")
    kernel_tables(args.repeats)
    if args.browser:
        browser_tables(args.seconds, args.moves)
        load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
        print(f"\nLoad average after the browser run: {load[0]:.1f}")


if __name__ == "__main__":
    main()
