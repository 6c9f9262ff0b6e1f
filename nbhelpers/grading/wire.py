"""Plain data on the wire between the grader and the student's kernel.

Both sides use this module: the grader imports it, and sends its source to the
kernel as part of the agent (:mod:`nbhelpers.grading.agent`). Only JSON goes over
the wire: numbers, strings, booleans, None, lists, and four tagged objects::

    {"__ndarray__": [...], "dtype": "float64", "shape": [2, 3]}
    {"__tuple__": [...]}
    {"__dict__": [[key, value], ...]}      # a dict with keys that are not strings
    {"__handle__": 3, "type": "module.Class"}   # an object left in the kernel

:func:`decode` rejects anything else (:class:`WireError`): a value from the kernel is
never an object with behaviour of its own, so an "always equal" object cannot get
through, and the grader compares only numbers and strings it built itself.
"""
import json

import numpy as np

MAX_BYTES = 8_000_000
_DTYPES = {"float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint8", "uint16",
           "uint32", "uint64", "bool"}


class WireError(ValueError):
    """The data is not plain data of the agreed shape."""


def encode(value, keep=None):
    """JSON-ready data for ``value``; objects that are not data go to ``keep(obj) -> handle``."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray) and value.dtype.name in _DTYPES:
        return {"__ndarray__": value.ravel().tolist(), "dtype": value.dtype.name, "shape": list(value.shape)}
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, keep) for v in value]}
    if isinstance(value, list):
        return [encode(v, keep) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: encode(v, keep) for k, v in value.items()}
        return {"__dict__": [[encode(k, keep), encode(v, keep)] for k, v in value.items()]}
    if keep is None:
        raise WireError(f"cannot send a {type(value).__name__}")
    return {"__handle__": keep(value), "type": f"{type(value).__module__}.{type(value).__qualname__}"}


def dumps(value, keep=None):
    """``encode`` then JSON text."""
    return json.dumps(encode(value, keep), allow_nan=True)


def decode(data, handle=None, depth=0):
    """The value described by JSON data; ``handle(id, type)`` builds handles (rejected without it)."""
    if depth > 50:
        raise WireError("nested too deeply")
    if data is None or isinstance(data, (bool, str)):
        return data
    if isinstance(data, (int, float)):
        return data
    if isinstance(data, list):
        return [decode(v, handle, depth + 1) for v in data]
    if not isinstance(data, dict):
        raise WireError(f"unexpected {type(data).__name__}")
    if "__ndarray__" in data:
        dtype, shape, flat = data.get("dtype"), data.get("shape"), data["__ndarray__"]
        if dtype not in _DTYPES or not isinstance(shape, list) or not isinstance(flat, list):
            raise WireError("malformed array")
        if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape):
            raise WireError("malformed array shape")
        if not all(isinstance(v, (int, float, bool)) for v in flat):
            raise WireError("an array holds something that is not a number")
        try:
            return np.array(flat, dtype=dtype).reshape(shape)
        except (ValueError, OverflowError) as exc:
            raise WireError(f"malformed array ({exc})") from None
    if "__tuple__" in data:
        if set(data) != {"__tuple__"} or not isinstance(data["__tuple__"], list):
            raise WireError("malformed tuple")
        return tuple(decode(v, handle, depth + 1) for v in data["__tuple__"])
    if "__dict__" in data:
        pairs = data["__dict__"]
        if set(data) != {"__dict__"} or not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 for p in pairs):
            raise WireError("malformed dict")
        out = {}
        for k, v in pairs:
            key = decode(k, None, depth + 1)
            if isinstance(key, (list, dict, np.ndarray)):
                raise WireError("a dict key must be a number, a string or a tuple of them")
            out[key] = decode(v, handle, depth + 1)
        return out
    if "__handle__" in data:
        if handle is None or not isinstance(data["__handle__"], int) or not isinstance(data.get("type"), str):
            raise WireError("an object was sent where only data is accepted")
        return handle(data["__handle__"], data["type"])
    if any(k.startswith("__") for k in data):
        raise WireError("unknown tagged object")
    return {k: decode(v, handle, depth + 1) for k, v in data.items()}


def loads(text, handle=None):
    """Parse JSON text (at most MAX_BYTES) and :func:`decode` it."""
    if len(text) > MAX_BYTES:
        raise WireError(f"the reply is larger than {MAX_BYTES // 1_000_000} MB")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise WireError(f"not JSON ({exc})") from None
    return decode(data, handle)
