"""The code the grader sends into the student's kernel after the student's cells.

It answers one request at a time: look a name up in the notebook (or an object left
in the kernel earlier), call it on the grader's inputs (random generators, portable
test functions and Value graphs made again in the kernel: :func:`.wire.decode_call`),
and print one line
``<nonce> <json>`` with the outcome as plain data (:mod:`nbhelpers.grading.wire`).
The grader never trusts this code: the student's cells ran before it and may have
changed anything in the kernel. What it prints only ever counts as the student's
answer to inputs the grader drew, and only a line with the nonce of that very
request is read.
"""
import inspect
from pathlib import Path

from ..quiz import _runner

_SERVE = r'''
import contextlib as _contextlib, copy as _copy, io as _io, sys as _sys, warnings as _warnings
_OUT = _sys.stdout
_HANDLES = []


def _keep(obj):
    _HANDLES.append(obj)
    return len(_HANDLES) - 1


_STUBS = _stub_codes()


def _resolve(request, namespace):
    target = request["target"]
    if "handle" in target:
        obj = _HANDLES[target["handle"]]
    elif target["name"] in namespace:
        obj = namespace[target["name"]]
    else:
        return None, False
    for name in request.get("attr", []):
        obj = getattr(obj, name)
    return obj, True


def _call(request, namespace):
    func, found = _resolve(request, namespace)
    if not found:
        return {"kind": "missing"}
    if request["op"] == "get":
        try:
            module = str(getattr(func, "__module__", "") or "")[:200]
        except Exception:
            module = ""
        return {"kind": "ok", "value": encode(func, _keep), "module": module}
    args, kwargs, sent = decode_call(request, lambda i, t: _HANDLES[i])
    originals = [_copy.deepcopy(a) for a in args]
    printed = _io.StringIO()
    with _warnings.catch_warnings(record=True) as seen, np.errstate(over="warn", divide="warn", invalid="warn"):
        _warnings.simplefilter("always")
        with _contextlib.redirect_stdout(printed), _contextlib.redirect_stderr(printed):
            try:
                value = func(*args, **kwargs)
            except NotImplementedError:
                return {"kind": "not_done"}
            except RecursionError:
                return {"kind": "raised", "error": "RecursionError: maximum recursion depth exceeded"}
            except MemoryError:
                return {"kind": "memory", "error": "MemoryError"}
            except Exception as exc:
                return {"kind": "raised", "error": (type(exc).__name__ + ": " + str(exc))[:300].rstrip(": ")}
    code = getattr(func, "__code__", None)
    if value is None and code is not None and code.co_code in _STUBS:
        return {"kind": "not_done"}
    names = request.get("arg_names") or []
    names = names + ["argument %d" % (i + 1) for i in range(len(names), len(args))]
    mutated = [names[i] for i, (a, b) in enumerate(zip(originals, args)) if not same_value(a, b)]
    warned = []
    for w in seen:
        text = w.category.__name__ + ": " + str(w.message)
        if text not in warned:
            warned.append(text)
    return {"kind": "ok", "value": encode(value, _keep, sent), "printed": printed.getvalue()[:2000],
            "warnings": warned[:20], "mutated": mutated}


def serve(text):
    import json
    request = json.loads(text)
    try:
        namespace = get_ipython().user_ns
        reply = _call(request, namespace)
    except Exception as exc:
        reply = {"kind": "raised", "error": (type(exc).__name__ + ": " + str(exc))[:300]}
    try:
        line = json.dumps(reply, allow_nan=True)
    except Exception as exc:
        line = json.dumps({"kind": "raised", "error": "the result cannot be sent: " + type(exc).__name__})
    _OUT.write("\n" + request["nonce"] + " " + line + "\n")
    _OUT.flush()
'''


def source():
    """Python source of the agent: the wire format, stub and mutation tests, :func:`serve`.

    It imports nothing of nbhelpers but ``nbhelpers.autodiff.Value``, and that only to make
    a graph the grader sent (the student's copy of nbhelpers has that module anyway).
    """
    wire = (Path(__file__).with_name("wire.py")).read_text(encoding="utf-8")
    shared = "\n\n".join(inspect.getsource(f) for f in (_runner._stub_codes, _runner.same_value))
    return wire + "\n" + shared + "\n" + _SERVE


def install_code():
    """A cell that defines the agent in a namespace of its own, ``__nbgrade__``."""
    return f"__nbgrade__ = {{}}\nexec(compile({source()!r}, '<nbgrade>', 'exec'), __nbgrade__)\n"


def call_code(request_json):
    """A cell that answers one request."""
    return f"__nbgrade__['serve']({request_json!r})\n"
