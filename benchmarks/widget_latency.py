"""How long one widget update takes, headless, as the inline front end receives it.

For every widget of the course (the playground, the backprop stepper and each topic
widget found in ``nbhelpers/widgets/<topic>.py``) this measures the median and 95th
percentile of one update (compute plus PNG render, i.e. what a slider change costs)
beside the bare PNG render of the same figure, and prints a markdown table.

Targets (measured, never asserted): update median <= 1.5 x bare render for every
widget; the playground's default network at >= 10 frames per second.

Run: ``python benchmarks/widget_latency.py [--repeats N]``.

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
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
os.environ.setdefault("MPLBACKEND", "Agg")


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
    """(name, widget, update) for the playground, the stepper and every topic widget."""
    import nbhelpers.widgets as widgets

    pg = widgets.playground()
    cases = [
        ("playground (default 2-4-2-1, one epoch + draw)", pg, lambda i: pg.step()),
        ("playground (lr slider)", pg, _move_control(pg.controls["lr"])),
    ]
    big = widgets.playground(data="spiral", hidden=(8, 8, 8, 8))
    cases.append(("playground (spiral, 4x8 hidden, one epoch + draw)", big, lambda i: big.step()))
    st = widgets.backprop_stepper("2-3-2-2")
    cases.append(("backprop_stepper 2-3-2-2 (x1 slider)", st, _move_control(st.w_x1)))
    cases.append(("backprop_stepper 2-3-2-2 (Forward button)", st, lambda i: st.forward()))
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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    from nbhelpers.widgets._base import render_png

    cases = discover_cases()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"{args.repeats} repeats, times in ms.\n")
    print("| widget | update median | update p95 | bare render median | ratio | frames/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, widget, update in cases:
        update(0)  # warm up: first draws build caches
        up = _time(update, args.repeats)
        fig = widget.live.fig
        bare = _time(lambda i: render_png(fig), args.repeats)
        ratio = np.median(up) / np.median(bare)
        print(f"| {name} | {np.median(up):.1f} | {np.percentile(up, 95):.1f} | {np.median(bare):.1f} | "
              f"{ratio:.2f} | {1000.0 / np.median(up):.1f} |", flush=True)


if __name__ == "__main__":
    main()
