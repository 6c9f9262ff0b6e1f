"""Plain data on the wire between the grader and the student's kernel.

Both sides use this module: the grader imports it, and sends its source to the
kernel as part of the agent (:mod:`nbhelpers.grading.agent`). Only JSON goes over
the wire: numbers, strings, booleans, None, lists, and these tagged objects::

    {"__ndarray__": [...], "dtype": "float64", "shape": [2, 3]}
    {"__tuple__": [...]}
    {"__dict__": [[key, value], ...]}      # a dict with keys that are not strings
    {"__handle__": 3, "type": "module.Class"}   # an object left in the kernel
    {"__node__": 2}                        # the call's Value number 2 (see below)

The grader's inputs (:func:`encode_call`, read in the kernel by :func:`decode_call`)
may also hold objects that are not data, each sent as what makes it, never as code:

    {"__rng__": "PCG64", "state": {...}}   # a np.random.Generator in that very state
    {"__portable__": "curved", "params": {"c": ..., "w": ...}}   # a function of PORTABLE
    "nodes": [[data, op, label, exponent, [parent numbers]], ...]  # Values, parents first

The kernel rebuilds a fresh Generator (its draws are the grader's draws from its own
copy), a :class:`Portable` from this module's registry (test functions that answer no
exercise), and the graph with its own ``nbhelpers.autodiff.Value``. A Value of that
graph in the answer goes back as its number, and the grader reads it as its own node.

:func:`decode` (the kernel's replies) rejects anything else, the input tags included
(:class:`WireError`): a value from the kernel is never an object with behaviour of its
own, so an "always equal" object cannot get through, and the grader compares only
numbers, strings and nodes it built itself.
"""
import json
import sys

import numpy as np

MAX_BYTES = 8_000_000
_DTYPES = {"float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint8", "uint16",
           "uint32", "uint64", "bool"}
_BIT_GENERATORS = ("PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64")


class WireError(ValueError):
    """The data is not plain data of the agreed shape."""


# --- portable functions: pure test functions the grader may pass to an answer ----------------------------
def _curved(theta, c, w):
    """f(theta) = sum(c * theta^3) + 1/2 (w . theta)^2: strongly curved, every entry coupled to every other."""
    theta = np.asarray(theta, dtype=float)
    return float(np.sum(c * theta ** 3) + 0.5 * np.sum(w * theta) ** 2)


def _linear_se(z, Y, scale=1.0):
    """An identity output: E = scale * mean over the samples of 1/2 sum_k (z - y)^2, and delta = dE/dz."""
    z, Y = np.asarray(z, dtype=float), np.asarray(Y, dtype=float)
    n = len(Y)
    return float(scale * 0.5 * np.sum((z - Y) ** 2) / n), scale * (z - Y) / n


PORTABLE = {"curved": _curved, "linear_se": _linear_se}
"""The functions :func:`portable` can name: none of them is the answer to an exercise."""


class Portable:
    """A function of :data:`PORTABLE` with its parameters fixed: ``f(*args)`` is ``PORTABLE[name](*args, **params)``."""

    def __init__(self, name, params):
        self.name, self.params, self.__name__ = name, params, name

    def __call__(self, *args, **kwargs):
        return PORTABLE[self.name](*args, **kwargs, **self.params)

    def __eq__(self, other):
        return (isinstance(other, Portable) and self.name == other.name and self.params.keys() == other.params.keys()
                and all(np.array_equal(v, other.params[k]) for k, v in self.params.items()))

    __hash__ = None

    def __repr__(self):
        return f"portable({self.name!r}, " + ", ".join(f"{k}={v!r}" for k, v in self.params.items()) + ")"


def portable(name, **params):
    """A function the grader can send into the student's kernel, and call itself like any other.

    Parameters
    ----------
    name : str
        A key of :data:`PORTABLE`.
    **params : float or array_like
        Its parameters (numbers or arrays of numbers).

    Returns
    -------
    Portable

    Examples
    --------
    >>> f = portable("curved", c=np.ones(2), w=np.zeros(2))
    >>> f(np.array([1.0, 2.0]))
    9.0
    """
    if name not in PORTABLE:
        raise ValueError(f"name must be one of {sorted(PORTABLE)}. Got {name!r} instead.")
    fixed = {}
    for key, value in params.items():
        arr = np.array(value, dtype=float)  # a copy: the caller's array may change, the function does not
        fixed[key] = float(arr) if arr.ndim == 0 else arr
    return Portable(name, fixed)


# --- graphs of nbhelpers.autodiff.Value ----------------------------------------------------------------
def _is_value(obj):
    """True for an ``nbhelpers.autodiff.Value`` (its module is loaded wherever one exists)."""
    module = sys.modules.get("nbhelpers.autodiff")
    return module is not None and isinstance(obj, getattr(module, "Value", ()))


class Nodes:
    """The Values of one call, numbered: the grader's inputs add whole graphs, parents first."""

    def __init__(self, values=()):
        self.values = list(values)
        self._index = {id(v): i for i, v in enumerate(self.values)}

    def number(self, value, grow=False):
        """The number of ``value`` (None if it is not one of them); ``grow`` adds it with its graph first."""
        if grow and id(value) not in self._index:
            stack = [(value, False)]  # depth-first, no recursion: a graph may be deep
            while stack:
                node, parents_done = stack.pop()
                if id(node) in self._index:
                    continue
                if parents_done:
                    self._index[id(node)] = len(self.values)
                    self.values.append(node)
                    continue
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents if id(p) not in self._index)
        return self._index.get(id(value))

    def rows(self):
        """The graph as data: ``[data, op, label, exponent, [parent numbers]]`` per node."""
        return [[float(v.data), str(v.op), str(v.label), None if v.exponent is None else float(v.exponent),
                 [self._index[id(p)] for p in v.parents]] for v in self.values]

    @classmethod
    def rebuild(cls, rows):
        """The nodes of :meth:`rows`, made again with ``nbhelpers.autodiff.Value`` (in the kernel)."""
        if not isinstance(rows, list):
            raise WireError("malformed graph")
        if not rows:
            return cls()
        from nbhelpers.autodiff import Value

        values = []
        for row in rows:
            if not (isinstance(row, list) and len(row) == 5 and isinstance(row[0], (int, float))
                    and isinstance(row[1], str) and isinstance(row[2], str)
                    and (row[3] is None or isinstance(row[3], (int, float))) and isinstance(row[4], list)
                    and all(type(j) is int and 0 <= j < len(values) for j in row[4])):
                raise WireError("malformed graph node")
            try:
                node = Value(row[0], label=row[2])
            except (TypeError, ValueError) as exc:
                raise WireError(f"malformed graph node ({exc})") from None
            node.op, node.exponent, node.parents = row[1], row[3], tuple(values[j] for j in row[4])
            values.append(node)
        return cls(values)


# --- encoding and decoding -------------------------------------------------------------------------------
def encode(value, keep=None, nodes=None, inputs=False):
    """JSON-ready data for ``value``.

    ``keep(obj) -> handle`` takes the objects that are not data (the kernel's replies); a
    Value among ``nodes`` (a :class:`Nodes`) becomes its number. ``inputs`` (the grader's
    call) also takes Generators, :class:`Portable` functions and Values, whose graphs are
    added to ``nodes``.
    """
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
        return {"__tuple__": [encode(v, keep, nodes, inputs) for v in value]}
    if isinstance(value, list):
        return [encode(v, keep, nodes, inputs) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: encode(v, keep, nodes, inputs) for k, v in value.items()}
        return {"__dict__": [[encode(k, keep), encode(v, keep, nodes, inputs)] for k, v in value.items()]}
    number = None if nodes is None else nodes.number(value, grow=inputs and _is_value(value))
    if number is not None:
        return {"__node__": number}
    if inputs and isinstance(value, np.random.Generator):
        return {"__rng__": type(value.bit_generator).__name__, "state": encode(value.bit_generator.state)}
    if inputs and isinstance(value, Portable):
        return {"__portable__": value.name, "params": encode(value.params)}
    if keep is None:
        raise WireError(f"cannot send a {type(value).__name__}")
    return {"__handle__": keep(value), "type": f"{type(value).__module__}.{type(value).__qualname__}"}


def dumps(value, keep=None):
    """``encode`` then JSON text."""
    return json.dumps(encode(value, keep), allow_nan=True)


def encode_call(args, kwargs):
    """The grader's side of a call: ``({"args", "kwargs", "nodes"}, Nodes)``; the Nodes read the reply."""
    nodes = Nodes()
    data = {"args": encode(list(args), nodes=nodes, inputs=True),
            "kwargs": encode(dict(kwargs), nodes=nodes, inputs=True)}
    data["nodes"] = nodes.rows()
    return data, nodes


def decode_call(request, handle=None):
    """The kernel's side of a call: ``(args, kwargs, Nodes)`` with the grader's objects made again."""
    nodes = Nodes.rebuild(request.get("nodes", []))
    args = decode(request.get("args", []), handle, nodes.values, inputs=True)
    kwargs = decode(request.get("kwargs", {}), handle, nodes.values, inputs=True)
    return args, kwargs, nodes


def decode(data, handle=None, nodes=None, inputs=False, depth=0):
    """The value described by JSON data.

    ``handle(id, type)`` builds handles (rejected without it); ``nodes`` are the Values
    the call sent, which ``{"__node__": i}`` names (rejected without them). Generators and
    portable functions are accepted only with ``inputs`` (the kernel reading the grader's call).
    """
    if depth > 50:
        raise WireError("nested too deeply")
    if data is None or isinstance(data, (bool, str)):
        return data
    if isinstance(data, (int, float)):
        return data
    if isinstance(data, list):
        return [decode(v, handle, nodes, inputs, depth + 1) for v in data]
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
        return tuple(decode(v, handle, nodes, inputs, depth + 1) for v in data["__tuple__"])
    if "__dict__" in data:
        pairs = data["__dict__"]
        if set(data) != {"__dict__"} or not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 for p in pairs):
            raise WireError("malformed dict")
        out = {}
        for k, v in pairs:
            key = decode(k, None, None, False, depth + 1)
            if isinstance(key, (list, dict, np.ndarray)):
                raise WireError("a dict key must be a number, a string or a tuple of them")
            out[key] = decode(v, handle, nodes, inputs, depth + 1)
        return out
    if "__handle__" in data:
        if handle is None or not isinstance(data["__handle__"], int) or not isinstance(data.get("type"), str):
            raise WireError("an object was sent where only data is accepted")
        return handle(data["__handle__"], data["type"])
    if "__node__" in data:
        i = data["__node__"]
        if set(data) != {"__node__"} or type(i) is not int or not 0 <= i < len(nodes or ()):
            raise WireError("a graph node that was not sent")
        return nodes[i]
    if "__rng__" in data or "__portable__" in data:
        if not inputs:
            raise WireError("a random generator or a function, which only the grader sends")
        return _decode_rng(data) if "__rng__" in data else _decode_portable(data, depth)
    if any(k.startswith("__") for k in data):
        raise WireError("unknown tagged object")
    return {k: decode(v, handle, nodes, inputs, depth + 1) for k, v in data.items()}


def _decode_rng(data):
    """A fresh np.random.Generator in the state that was sent."""
    name, state = data["__rng__"], data.get("state")
    if set(data) != {"__rng__", "state"} or name not in _BIT_GENERATORS or not isinstance(state, dict):
        raise WireError("malformed random generator")
    bit_generator = getattr(np.random, name)()
    try:
        bit_generator.state = decode(state)
    except (TypeError, ValueError, KeyError, OverflowError) as exc:
        raise WireError(f"malformed random generator state ({exc})") from None
    return np.random.Generator(bit_generator)


def _decode_portable(data, depth):
    """The :class:`Portable` function that was sent by name."""
    name, params = data["__portable__"], data.get("params")
    if set(data) != {"__portable__", "params"} or name not in PORTABLE or not isinstance(params, dict):
        raise WireError("unknown portable function")
    values = decode(params, None, None, False, depth + 1)
    if not all(isinstance(v, (int, float, np.ndarray)) and not isinstance(v, bool) for v in values.values()):
        raise WireError("a portable function's parameters must be numbers or arrays")
    return Portable(name, values)


def loads(text, handle=None):
    """Parse JSON text (at most MAX_BYTES) and :func:`decode` it."""
    if len(text) > MAX_BYTES:
        raise WireError(f"the reply is larger than {MAX_BYTES // 1_000_000} MB")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise WireError(f"not JSON ({exc})") from None
    return decode(data, handle)
