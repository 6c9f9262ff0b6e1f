"""Call a reader's code safely: never raise, never hang, notice what went wrong.

:func:`safe_call` runs ``func(*args, **kwargs)`` on deep copies of the arguments,
with a time limit, with ``print`` output and warnings captured, and reports one
:class:`Outcome`. The checkers turn outcomes into friendly feedback.
"""
import contextlib
import copy
import ctypes
import io
import signal
import threading
import warnings
from dataclasses import dataclass, field

import numpy as np


class CheckTimeout(BaseException):
    """Raised inside the reader's code when its time is up.

    A BaseException, so that a reader's ``except Exception:`` does not swallow it.
    """


@dataclass
class Outcome:
    """What happened when the reader's code was called.

    ``kind`` is "ok", "not_done" (an untouched stub), "raised" or "timeout".
    """

    kind: str
    value: object = None
    error: str = ""
    printed: str = ""
    warnings: list = field(default_factory=list)
    mutated: list = field(default_factory=list)


def _stub_codes():
    def a(*args, **kwargs): ...

    def b(*args, **kwargs):
        pass

    def c(*args, **kwargs):
        """Docstring."""

    return {a.__code__.co_code, b.__code__.co_code, c.__code__.co_code}


_STUB_CODES = _stub_codes()


def is_stub(func):
    """True if ``func`` is a function whose body is only ``...``, ``pass`` or a docstring."""
    code = getattr(func, "__code__", None)
    return code is not None and code.co_code in _STUB_CODES


def same_value(a, b):
    """Exact equality of two argument values, for detecting mutation."""
    if isinstance(a, (np.random.Generator, np.random.RandomState)):
        return True  # a random generator passed in is there to be drawn from
    try:
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            return (
                isinstance(a, np.ndarray) and isinstance(b, np.ndarray)
                and a.shape == b.shape and a.dtype == b.dtype
                and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
            )
        if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
            return type(a) is type(b) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
        return bool(a == b)
    except Exception:
        return True  # cannot compare: do not accuse the reader


def _copy(value):
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _run_with_alarm(target, seconds):
    """Run ``target()`` in the main thread, interrupted by SIGALRM after ``seconds``."""
    def on_alarm(signum, frame):
        raise CheckTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return target()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_in_thread(target, seconds):
    """Run ``target()`` in a helper thread; on time-out inject CheckTimeout into it."""
    box = {}

    def work():
        try:
            box["value"] = target()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(CheckTimeout))
        thread.join(1.0)
        raise CheckTimeout()
    if "error" in box:
        raise box["error"]
    return box.get("value")


def run_limited(target, seconds):
    """Run ``target()`` with a wall-clock limit; raises CheckTimeout when it is exceeded."""
    use_alarm = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if use_alarm:
        return _run_with_alarm(target, seconds)
    return _run_in_thread(target, seconds)


def safe_call(func, args=(), kwargs=None, timeout=5.0, arg_names=None):
    """Call the reader's ``func`` safely and describe what happened.

    Parameters
    ----------
    func : callable
    args, kwargs
        The arguments; the reader receives deep copies, the originals are kept to
        detect changes made in place.
    timeout : float
        Seconds before the call is interrupted.
    arg_names : list of str, optional
        Names of the positional arguments, used to say which one was changed.

    Returns
    -------
    Outcome
    """
    kwargs = kwargs or {}
    call_args = [_copy(a) for a in args]
    call_kwargs = {k: _copy(v) for k, v in kwargs.items()}
    out = io.StringIO()
    caught = []

    def target():
        with warnings.catch_warnings(record=True) as seen, np.errstate(over="warn", divide="warn", invalid="warn"):
            warnings.simplefilter("always")
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                try:
                    return func(*call_args, **call_kwargs)
                finally:
                    caught.extend(seen)

    try:
        value = run_limited(target, timeout)
        kind, error = "ok", ""
    except CheckTimeout:
        value, kind = None, "timeout"
        error = f"it was still running after {timeout:g} seconds"
    except NotImplementedError:
        value, kind, error = None, "not_done", ""
    except RecursionError:
        value, kind, error = None, "raised", "RecursionError: maximum recursion depth exceeded"
    except Exception as exc:  # noqa: BLE001 - the reader's code may raise anything
        value, kind = None, "raised"
        error = f"{type(exc).__name__}: {exc}".rstrip(": ")
    if kind == "ok" and value is None and is_stub(func):
        kind = "not_done"
    names = list(arg_names or [])
    names += [f"argument {i + 1}" for i in range(len(names), len(args))]
    mutated = [names[i] for i, (a, b) in enumerate(zip(args, call_args)) if not same_value(a, b)]
    mutated += [k for k in kwargs if not same_value(kwargs[k], call_kwargs[k])]
    messages = []
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text not in messages:
            messages.append(text)
    return Outcome(kind, value, error, out.getvalue(), messages, mutated)
