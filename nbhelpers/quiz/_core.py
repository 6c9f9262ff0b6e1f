"""The machinery behind check, hint and solution: exercises, results, feedback.

A checker is a function ``checker(ctx, answer)``. It calls the reader's code through
``ctx.call`` and compares with ``ctx.expect_close`` / ``ctx.expect_equal``; a wrong
answer stops it with ``ctx.fail`` (raised as :class:`_Stop`, caught by :func:`run_check`).
Questions with partial credit wrap each part in ``with ctx.part(label, points):``.
Checkers draw their inputs from ``ctx.rng``: fixed per exercise in a notebook (the
same feedback every run), seeded by the grader in a graded run (hidden inputs).

The answer is a local function or value, or, in a graded run, a stand-in for one
in the student's kernel (:class:`nbhelpers.grading.remote.Remote`): ``ctx.call``,
``ctx.attr`` and ``ctx.type_name`` work the same for both.
"""
import inspect
import os
import textwrap
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ._runner import safe_call

DEFAULT_TIMEOUT = 5.0
SYMBOLS = {"pass": "\u2714", "fail": "\u2718", "error": "\u2718", "not_done": "\u25cb"}


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: its id, what it looks like in words, and the hint for it."""

    id: str
    looks_like: str
    hint: str


@dataclass
class Exercise:
    """One exercise of the catalogue.

    Attributes
    ----------
    id : str
        The name passed to ``check``, ``hint`` and ``solution``.
    notebook : str
        The notebook it belongs to, e.g. "04_activation_functions".
    task : str
        The task in one or two sentences (markdown).
    reference : callable
        The reference solution. For function exercises it is the function itself;
        for value exercises a function of no arguments returning the value.
    checker : callable
        ``checker(ctx, answer)``.
    hints : list of str
        Tiers of hints, from a nudge to nearly the answer.
    points : int
    kind : str
        "function" (the answer is a function) or "value".
    answer_name : str
        The name of the function or variable in the notebook (default: the id).
    stub : str
        The code of the untouched stub cell.
    timeout : float
        Seconds allowed for each call of the reader's code.
    uses : tuple of callable
        Reference answers of earlier exercises that the stub and the solution call by name
        (the notebook defines them in earlier cells), e.g. ``train`` calls ``backward``.
    """

    id: str
    notebook: str
    task: str
    reference: Callable
    checker: Callable
    hints: list
    points: int = 5
    kind: str = "function"
    answer_name: str = ""
    stub: str = ""
    timeout: float = DEFAULT_TIMEOUT
    uses: tuple = ()

    def __post_init__(self):
        self.answer_name = self.answer_name or self.id

    def reference_answer(self):
        """The reference answer: the function itself, or the value of a value exercise."""
        return self.reference if self.kind == "function" else self.reference()

    def solution_code(self):
        """Python source that defines ``answer_name`` as the reference answer."""
        source = textwrap.dedent(inspect.getsource(self.reference))
        if self.kind == "function":
            return source.strip() + "\n"
        # A value exercise: the body of the reference, its final `return` becoming the assignment.
        body = textwrap.dedent("\n".join(source.strip().splitlines()[1:])).strip().splitlines()
        body[-1] = f"{self.answer_name} = " + body[-1][len("return "):]
        return "\n".join(body) + "\n"


@dataclass(repr=False)
class CheckResult:
    """The outcome of one check: status "pass", "fail", "not_done" or "error"."""

    exercise: str
    status: str
    points: float
    max_points: int
    message: str
    mistake: str = ""
    parts: dict = field(default_factory=dict)

    @property
    def passed(self):
        return self.status == "pass"

    def __repr__(self):
        return f"CheckResult({self.exercise!r}, {self.status!r}, {_num(self.points)}/{self.max_points})"

    def __str__(self):
        return self.message

    def _ipython_display_(self):
        # check() has already printed the message; showing it again would be noise.
        pass


class _Stop(Exception):
    """Ends a check (or one part of it) with a status and message lines."""

    def __init__(self, status, lines, mistake=""):
        super().__init__(status)
        self.status, self.lines, self.mistake = status, list(lines), mistake


def _num(x):
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"


def fmt(value):
    """Short deterministic text for a value shown to the reader."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, tuple) for v in value):
        return repr(list(value)) if isinstance(value, list) else repr(value)
    if isinstance(value, (np.ndarray, list, tuple, float, np.floating)) and not isinstance(value, str):
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return _short(repr(value))
        if arr.ndim == 0:
            return np.format_float_positional(float(arr) + 0.0, precision=6, trim="-") if np.isfinite(arr) else str(float(arr))
        with np.printoptions(precision=4, suppress=True, threshold=24, edgeitems=3, floatmode="maxprec"):
            return np.array2string(arr + 0.0, separator=", ")
    return _short(repr(value))


def _short(text, n=200):
    return text if len(text) <= n else text[: n - 3] + "..."


def describe(value):
    """The type and shape of a value, in words."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    return f"a {type(value).__name__}"


class Ctx:
    """What a checker works with: calls to the reader's code and ways to fail."""

    def __init__(self, exercise, rng=None):
        self.exercise = exercise
        self.rng = rng if rng is not None else np.random.default_rng(zlib.crc32(exercise.id.encode()))
        self.timeout = min(exercise.timeout, _timeout_cap())
        self.parts = {}
        self.part_lines = []
        self.notes = []

    # --- calling the reader's code -------------------------------------------------
    def call(self, func, *args, where="", arg_names=None, allow_none=False, error_hint="", **kwargs):
        """Call ``func``; stop the check with feedback unless it returned a value."""
        if not callable(func):
            raise _Stop("fail", [f"Expected a function here, got {describe(func)}.",
                                 f"Define `def {self.exercise.answer_name}(...):` and pass the function itself (no parentheses)."],
                        "not_a_function")
        # After one time-out, later calls of the same check get a short limit, so that a
        # function that never returns does not cost the full limit once per part.
        limit = min(self.timeout, 1.0) if getattr(self, "timed_out", False) else self.timeout
        if hasattr(func, "_nbgrade_outcome"):
            out = func._nbgrade_outcome(args, kwargs, limit, arg_names)
        else:
            out = safe_call(func, args, kwargs, timeout=limit, arg_names=arg_names)
        at = f" at {where}" if where else ""
        if out.kind == "not_done":
            raise _Stop("not_done", [])
        if out.kind == "missing":
            raise _Stop("error", [f"`{self.exercise.answer_name}` is not defined in the notebook{at}."], "missing")
        if out.kind == "memory":
            raise _Stop("error", [f"Your code ran out of memory{at}."], "memory")
        if out.kind == "dead":
            raise _Stop("error", [f"The kernel died while running your code{at}."], "raised")
        if out.kind == "timeout":
            self.timed_out = True
            raise _Stop("error", [f"Your code did not finish{at}: {out.error}.",
                                  "Look for a loop that never ends (a `while` whose condition never changes, "
                                  "or training without a maximum number of epochs)."], "timeout")
        if out.kind == "raised":
            lines = [f"Your code raised an error{at}:", f"    {_short(out.error, 300)}"]
            lines.append(f"Hint: {error_hint}" if error_hint else
                         "Run your function on that input in a cell of its own to see the full traceback.")
            raise _Stop("error", lines, "raised")
        if out.mutated:
            raise _Stop("fail", [f"Your code changed its input {', '.join(out.mutated)} in place{at}.",
                                 "Leave the inputs untouched and return a new array "
                                 "(write `w = w - ...` rather than `w -= ...`, or work on `w.copy()`)."],
                        "mutated_input")
        if out.value is None and not allow_none:
            lines = [f"Your function returned None{at}."]
            if out.printed.strip():
                lines.append("It printed something instead: use `return` to hand the result back, not `print`.")
            else:
                lines.append("Did you forget the `return` statement?")
            raise _Stop("fail", lines, "returned_none")
        self.last_printed = out.printed
        self.last_warnings = out.warnings
        return out.value

    def attr(self, obj, name):
        """``getattr(obj, name, None)``, for a local object or one in the student's kernel."""
        if hasattr(obj, "_nbgrade_get"):
            found, value = getattr(obj, name)._nbgrade_get()
            return value if found else None
        return getattr(obj, name, None)

    def type_name(self, obj):
        """``module.Class`` of ``obj`` (as the kernel reports it, for a remote object)."""
        if hasattr(obj, "_nbgrade_get"):
            return obj._nbgrade_type
        return f"{type(obj).__module__}.{type(obj).__qualname__}"

    # --- comparing -----------------------------------------------------------------
    def fail(self, *lines, mistake=None, hint=None):
        """Stop with a wrong-answer message; ``mistake`` is a :class:`Mistake` or an id."""
        lines = list(lines)
        mid = ""
        if isinstance(mistake, Mistake):
            mid = mistake.id
            lines.append(f"It looks like {mistake.looks_like}.")
            lines.append(f"Hint: {mistake.hint}")
        elif mistake:
            mid = mistake
        if hint:
            lines.append(f"Hint: {hint}")
        raise _Stop("fail", lines, mid)

    def as_array(self, got, what="your result", where="", shape=None):
        """Turn ``got`` into a float array, failing with a clear message if it is not one."""
        at = f" at {where}" if where else ""
        if got is Ellipsis:
            self.fail(f"{_cap(what)}{at} is still `...`.")
        try:
            arr = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            self.fail(f"{_cap(what)}{at} should be numbers (a number or a numpy array), but it is {describe(got)}.",
                      mistake="wrong_type")
        if shape is not None and arr.shape != tuple(shape):
            extra = ""
            if arr.ndim == 2 and arr.shape[::-1] == tuple(shape):
                extra = " It is transposed: rows and columns are swapped."
            elif arr.size == int(np.prod(shape)):
                extra = f" It has the right numbers of entries: reshape it, e.g. `.reshape{tuple(shape)}`."
            self.fail(f"{_cap(what)}{at} has shape {arr.shape}, but shape {tuple(shape)} was expected.{extra}",
                      mistake="wrong_shape")
        if not np.all(np.isfinite(arr)):
            self.fail(f"{_cap(what)}{at} contains nan or inf: {fmt(arr)}.", mistake="not_finite")
        return arr

    def expect_close(self, got, expected, where="", mistakes=(), what="your result", rtol=1e-6, atol=1e-9,
                     check_finite=True):
        """Compare an array answer with the expected one; name the mistake if it matches one.

        ``mistakes`` is a sequence of ``(Mistake, value the mistake produces)``.
        """
        expected = np.asarray(expected, dtype=float)
        at = f" at {where}" if where else ""
        if got is Ellipsis:
            self.fail(f"{_cap(what)}{at} is still `...`.")
        try:
            arr = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            self.fail(f"{_cap(what)}{at} should be numbers, but it is {describe(got)}.", mistake="wrong_type")
        if arr.shape != expected.shape:
            for mistake, value in mistakes:
                if value is not None and np.shape(value) == arr.shape and _close(arr, value, rtol, atol):
                    self.fail(f"{_cap(what)}{at} has shape {arr.shape}, but shape {expected.shape} was expected.",
                              mistake=mistake)
            self.as_array(arr, what, where, shape=expected.shape)
        if check_finite and not np.all(np.isfinite(arr)):
            for mistake, value in mistakes:
                if value is not None and np.shape(value) == arr.shape and _close(arr, value, rtol, atol, nan_ok=True):
                    self.fail(f"{_cap(what)}{at} contains nan or inf:", f"    got:      {fmt(arr)}", mistake=mistake)
            self.fail(f"{_cap(what)}{at} contains nan or inf:", f"    expected: {fmt(expected)}", f"    got:      {fmt(arr)}",
                      mistake="not_finite")
        if _close(arr, expected, rtol, atol):
            return arr
        lines = [f"Wrong {_bare(what)}{at}:", f"    expected: {fmt(expected)}", f"    got:      {fmt(arr)}"]
        for mistake, value in mistakes:
            if value is not None and np.shape(value) == arr.shape and _close(arr, value, rtol, atol):
                self.fail(*lines, mistake=mistake)
        self.fail(*lines)

    # --- partial credit --------------------------------------------------------------
    @contextmanager
    def part(self, label, points):
        """A part worth ``points``: a failure inside it costs those points only."""
        try:
            yield
        except _Stop as stop:
            if stop.status == "not_done":
                raise
            self.parts[label] = 0
            self.part_lines.append(f"{SYMBOLS['fail']} {label}: 0/{_num(points)}")
            self.part_lines.extend("    " + line for line in stop.lines)
            self.mistakes = getattr(self, "mistakes", []) + [stop.mistake]
        else:
            self.parts[label] = points
            self.part_lines.append(f"{SYMBOLS['pass']} {label}: {_num(points)}/{_num(points)}")


def _bare(what):
    for lead in ("your ", "the "):
        if what.startswith(lead):
            return what[len(lead):]
    return what


def _cap(text):
    return text[:1].upper() + text[1:]


def _close(a, b, rtol, atol, nan_ok=False):
    try:
        a = np.asarray(a, dtype=float)
        b = np.asarray(b, dtype=float)
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=nan_ok))
    except (TypeError, ValueError):
        return False


def _timeout_cap():
    try:
        return float(os.environ.get("NBHELPERS_CHECK_TIMEOUT", "inf"))
    except ValueError:
        return float("inf")


# --- the registry of results --------------------------------------------------------
RESULTS = {}
HINTS_SHOWN = {}


def grading():
    """True in a graded run (NBHELPERS_GRADING=1): the grader checks the answers itself."""
    return os.environ.get("NBHELPERS_GRADING", "") == "1"


def solutions_off():
    """True when solutions are hidden: NBHELPERS_SOLUTIONS=off, or a graded run."""
    return os.environ.get("NBHELPERS_SOLUTIONS", "").lower() in ("off", "0", "no", "false") or grading()


def run_check(ex, answer, rng=None):
    """Run the checker of ``ex`` on ``answer`` and build the CheckResult (never raises).

    ``rng`` draws the inputs (default: fixed per exercise).
    """
    ctx = Ctx(ex, rng)
    name, maxp = ex.id, ex.points
    if answer is Ellipsis or (isinstance(answer, (tuple, list)) and answer and all(a is Ellipsis for a in answer)):
        return _result(ex, "not_done", 0, [])
    mistake = ""
    try:
        if ex.kind == "function" and callable(answer) and _is_nbhelpers_function(answer):
            ctx.fail("This is the nbhelpers reference function, not your own.",
                     f"Write your own `{ex.answer_name}` in the cell above and check that one.",
                     mistake="used_reference")
        with np.errstate(all="ignore"):
            ex.checker(ctx, answer)
    except _Stop as stop:
        if stop.status == "not_done":
            return _result(ex, "not_done", 0, [])
        if not ctx.parts:
            return _result(ex, stop.status, 0, stop.lines, stop.mistake)
        ctx.part_lines.append(f"{SYMBOLS['fail']} the check stopped here:")
        ctx.part_lines.extend("    " + line for line in stop.lines)
        mistake = stop.mistake
    except Exception as exc:  # noqa: BLE001 - a bug of ours must not break the notebook
        return _result(ex, "error", 0, [f"The checker itself failed ({type(exc).__name__}: {exc}).",
                                        "This is a bug in nbhelpers, not in your answer: please report it."],
                       "checker_bug")
    if ctx.parts:
        points = sum(ctx.parts.values())
        status = "pass" if points == maxp else "fail"
        mistakes = [m for m in getattr(ctx, "mistakes", []) + [mistake] if m]
        return _result(ex, status, points, ctx.part_lines + ctx.notes, ",".join(mistakes), dict(ctx.parts))
    return _result(ex, "pass", maxp, ctx.notes)


def _is_nbhelpers_function(func):
    if hasattr(func, "_nbgrade_outcome"):  # an answer in the student's kernel: the module the kernel reported
        module = getattr(func, "_nbgrade_module", "")
    else:
        module = getattr(func, "__module__", "") or ""
    return module.startswith("nbhelpers.") and not module.startswith("nbhelpers.quiz")


def _result(ex, status, points, lines, mistake="", parts=None):
    pts = f"{_num(points)}/{ex.points} points"
    if status == "pass":
        head = f"{SYMBOLS['pass']} {ex.id}: correct! {pts}."
    elif status == "not_done":
        head = (f"{SYMBOLS['not_done']} {ex.id}: not done yet ({pts}). "
                f"Replace the `...` or `raise NotImplementedError` above with your answer, then run this cell again.")
    elif points:
        head = f"{SYMBOLS['fail']} {ex.id}: partly right, {pts}."
    elif status == "error":
        head = f"{SYMBOLS['error']} {ex.id}: your code did not run to the end ({pts})."
    else:
        head = f"{SYMBOLS['fail']} {ex.id}: not right yet ({pts})."
    body = ["  " + line for line in lines]
    if status in ("fail", "error") and points < ex.points:
        body.append(f"  More help: hint({ex.id!r}).")
    message = "\n".join([head] + body)
    return CheckResult(ex.id, status, points, ex.points, message, mistake, parts or {})
