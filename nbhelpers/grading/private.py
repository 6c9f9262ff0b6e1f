"""An instructor's private tests, kept outside the course (``--tests DIR``).

One JSON file per question, named after it, e.g. ``DIR/q4_softmax_temperature.json``::

    {"cases": [
        {"args": [[1.0, 2.0, 3.0], 1.0], "kwargs": {"axis": -1},
         "expected": [0.0900306, 0.2447285, 0.6652410], "rtol": 1e-6, "atol": 1e-9}
    ]}

Every list of numbers in ``args``/``kwargs`` reaches the answer as a numpy array
(``"raw": true`` in a case passes lists as lists). A question with private tests
keeps at most the share of its points equal to the share of its cases passed; the
feedback shows a failing case's input, never the file.
"""
import json
from pathlib import Path

import numpy as np

from ..quiz._core import _close, fmt


def load(folder):
    """``{question id: [case, ...]}`` from the folder (empty without one)."""
    if not folder:
        return {}
    tests = {}
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        tests[path.stem] = list(data["cases"])
    return tests


def _arrays(value):
    if isinstance(value, list) and value and all(isinstance(v, (int, float, list)) for v in value):
        try:
            arr = np.asarray(value, dtype=float)
            return arr if arr.dtype != object else value
        except (TypeError, ValueError):
            return value
    if isinstance(value, dict):
        return {k: _arrays(v) for k, v in value.items()}
    return value


def run(func, cases, timeout):
    """``(passed, total, message lines)`` of the private cases on the answer ``func``."""
    passed, lines = 0, []
    for case in cases:
        raw = case.get("raw", False)
        args = case.get("args", []) if raw else [_arrays(a) for a in case.get("args", [])]
        kwargs = case.get("kwargs", {}) if raw else _arrays(case.get("kwargs", {}))
        out = func._nbgrade_outcome(args, kwargs, timeout) if hasattr(func, "_nbgrade_outcome") else None
        shown = ", ".join([fmt(a) for a in args] + [f"{k}={fmt(v)}" for k, v in kwargs.items()])
        if out is None or out.kind != "ok":
            lines.append(f"A hidden test did not run at input ({shown}): {out.error if out else 'no answer'}")
            continue
        expected = case.get("expected")
        ok = (out.value == expected if isinstance(expected, str) else
              _close(out.value, expected, case.get("rtol", 1e-6), case.get("atol", 1e-9)))
        if ok:
            passed += 1
        else:
            lines.append(f"A hidden test failed at input ({shown}): expected {fmt(expected)}, got {fmt(out.value)}.")
    return passed, len(cases), lines
