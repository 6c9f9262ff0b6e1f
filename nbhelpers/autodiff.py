"""Reverse-mode automatic differentiation on scalars: every number remembers how it was made.

A :class:`Value` holds a number (``data``), its gradient (``grad``, dE/d(this number) after
``backward``), the Values it was computed from (``parents``) and the name of the operation
(``op``). Each operation has a **local backward rule**: a plain function of numbers that takes
the inputs and ``grad_out`` (the gradient of the result) and returns the gradients of the inputs,

    mul_backward(a, b, grad_out) = (b * grad_out, a * grad_out)        # c = a * b

``backward()`` sets the root's gradient to 1 and runs the rules of all nodes in reverse
topological order; a node used twice receives both contributions (``grad +=``).

The lecture's 2-3-2-2 network made of Values is in :mod:`nbhelpers.autodiff_network`.

Used in: 07_autodiff.

Examples
--------
>>> x, y = Value(3.0, label="x"), Value(-2.0, label="y")
>>> f = (x * y + x) * 0.5
>>> f.backward()
>>> x.grad, y.grad
(-0.5, 1.5)
"""
import math
from numbers import Real

import numpy as np


# --- local backward rules: (inputs..., constants..., grad_out) -> gradients of the inputs ------------
def add_backward(a, b, grad_out):
    """c = a + b: dc/da = dc/db = 1."""
    return grad_out, grad_out


def sub_backward(a, b, grad_out):
    """c = a - b: dc/da = 1, dc/db = -1."""
    return grad_out, -grad_out


def mul_backward(a, b, grad_out):
    """c = a * b: dc/da = b, dc/db = a."""
    return b * grad_out, a * grad_out


def div_backward(a, b, grad_out):
    """c = a / b: dc/da = 1 / b, dc/db = -a / b^2."""
    return grad_out / b, -a * grad_out / (b * b)


def neg_backward(a, grad_out):
    """c = -a: dc/da = -1."""
    return -grad_out


def pow_backward(a, n, grad_out):
    """c = a ** n for a number n: dc/da = n a^(n-1)."""
    return n * a ** (n - 1) * grad_out


def exp_backward(a, grad_out):
    """c = exp(a): dc/da = exp(a) = c."""
    return math.exp(a) * grad_out


def log_backward(a, grad_out):
    """c = log(a): dc/da = 1 / a."""
    return grad_out / a


def tanh_backward(a, grad_out):
    """c = tanh(a): dc/da = 1 - tanh(a)^2."""
    t = math.tanh(a)
    return (1.0 - t * t) * grad_out


def sigmoid_backward(a, grad_out):
    """c = sigma(a): dc/da = sigma(a) (1 - sigma(a))."""
    s = _sigmoid(a)
    return s * (1.0 - s) * grad_out


RULES = {"add": add_backward, "sub": sub_backward, "mul": mul_backward, "div": div_backward,
         "neg": neg_backward, "pow": pow_backward, "exp": exp_backward, "log": log_backward,
         "tanh": tanh_backward, "sigmoid": sigmoid_backward}
"""The course's rules by operation name: what ``backward`` runs unless told otherwise."""

SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "div": "/", "neg": "-", "pow": "**", "exp": "exp",
           "log": "log", "tanh": "tanh", "sigmoid": "sigmoid"}
"""How each operation is written: ``a * b``, ``tanh(a)``, ``a ** 2``."""


def _sigmoid(a):
    """sigma(a) without overflow (exp of a non-positive number only)."""
    e = math.exp(-abs(a))
    return 1.0 / (1.0 + e) if a >= 0 else e / (1.0 + e)


def _check_number(name, value):
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number (int or float). Got {value!r} of type "
                        f"{type(value).__name__} instead.")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number. Got {value!r} instead.")
    return float(value)


def _check_value(name, value):
    if not isinstance(value, Value):
        raise TypeError(f"{name} must be a Value. Got {value!r} of type {type(value).__name__} instead.")
    return value


class Value:
    """A scalar that records the operations that produced it, for reverse-mode differentiation.

    Parameters
    ----------
    data : int or float
        The number.
    label : str, default=""
        A name for pictures and messages ("x", "W1[0,1]").

    Attributes
    ----------
    data : float
    grad : float
        dE/d(data) of the root E after the root's ``backward()``; 0 before.
    parents : tuple of Value
        The inputs of the operation that made this Value (empty for a leaf). A Value used
        twice by one operation (``x * x``) appears twice.
    op : str
        The operation's name, a key of :data:`RULES` ("mul", "tanh", ...); "" for a leaf.
    exponent : float or None
        n of ``a ** n`` (None for every other operation).
    has_grad : bool
        True once a backward pass has set ``grad`` (pictures show "?" before).

    Raises
    ------
    TypeError
        If ``data`` is not a real number, or ``label`` not a string.
    ValueError
        If ``data`` is nan or infinite.

    Notes
    -----
    A Value is a node of one graph and is known by its identity: ``copy.deepcopy`` returns
    the node itself (a copy would no longer be the parent of its children).

    Examples
    --------
    >>> a = Value(2.0, label="a")
    >>> c = a * a + 1
    >>> c.backward(); a.grad
    4.0
    """

    __array_ufunc__ = None  # numpy defers to Value's own operators: np.float64(2) * v is a Value

    def __init__(self, data, label=""):
        self.data = _check_number("data", data)
        if not isinstance(label, str):
            raise TypeError(f"label must be a str. Got {label!r} of type {type(label).__name__} instead.")
        self.label = label
        self.grad = 0.0
        self.parents = ()
        self.op = ""
        self.exponent = None
        self.has_grad = False

    @classmethod
    def _result(cls, data, parents, op, exponent=None):
        """The Value made by ``op`` from ``parents`` (data already computed, no input checks)."""
        out = cls.__new__(cls)
        out.data, out.label, out.grad = float(data), "", 0.0
        out.parents, out.op, out.exponent, out.has_grad = tuple(parents), op, exponent, False
        return out

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g}{label})"

    def __deepcopy__(self, memo):
        return self

    # --- operations -------------------------------------------------------------------------
    def __add__(self, other):
        other = _as_value(other)
        return NotImplemented if other is None else Value._result(self.data + other.data, (self, other), "add")

    def __sub__(self, other):
        other = _as_value(other)
        return NotImplemented if other is None else Value._result(self.data - other.data, (self, other), "sub")

    def __mul__(self, other):
        other = _as_value(other)
        return NotImplemented if other is None else Value._result(self.data * other.data, (self, other), "mul")

    def __truediv__(self, other):
        other = _as_value(other)
        if other is None:
            return NotImplemented
        if other.data == 0:
            raise ZeroDivisionError(f"division by a Value whose data is 0 ({self!r} / {other!r}).")
        return Value._result(self.data / other.data, (self, other), "div")

    def __radd__(self, other):
        other = _as_value(other)
        return NotImplemented if other is None else other + self

    def __rsub__(self, other):
        other = _as_value(other)
        return NotImplemented if other is None else other - self

    def __rmul__(self, other):
        other = _as_value(other)
        return NotImplemented if other is None else other * self

    def __rtruediv__(self, other):
        other = _as_value(other)
        return NotImplemented if other is None else other / self

    def __neg__(self):
        return Value._result(-self.data, (self,), "neg")

    def __pow__(self, n):
        if isinstance(n, Value) or isinstance(n, bool) or not isinstance(n, Real):
            raise TypeError(f"the exponent n of a ** n must be a number (int or float). Got {n!r} of type "
                            f"{type(n).__name__} instead; for a Value exponent write (n * a.log()).exp().")
        n = float(n)
        if self.data < 0 and not n.is_integer():
            raise ValueError(f"a ** n with a negative a needs a whole number n. Got a = {self.data:g}, n = {n:g}.")
        if self.data == 0 and n < 0:
            raise ZeroDivisionError(f"0 ** n with a negative n (n = {n:g}).")
        return Value._result(self.data ** n, (self,), "pow", n)

    def exp(self):
        """e ** self."""
        if self.data > 709.0:
            raise OverflowError(f"exp({self.data:g}) is larger than the largest float.")
        return Value._result(math.exp(self.data), (self,), "exp")

    def log(self):
        """The natural logarithm; needs data > 0."""
        if self.data <= 0:
            raise ValueError(f"log needs a positive input. Got {self.data:g}.")
        return Value._result(math.log(self.data), (self,), "log")

    def tanh(self):
        """The hyperbolic tangent."""
        return Value._result(math.tanh(self.data), (self,), "tanh")

    def sigmoid(self):
        """The logistic function 1 / (1 + exp(-self)), as one node."""
        return Value._result(_sigmoid(self.data), (self,), "sigmoid")

    # --- gradients ----------------------------------------------------------------------------
    def local_grads(self, rules=None):
        """d(self)/d(parent) for each parent: the rule of ``op`` run with grad_out = 1.

        Returns
        -------
        tuple of float
            One number per parent (empty for a leaf).
        """
        return _run_rule(self, 1.0, rules) if self.parents else ()

    def backward(self, rules=None):
        """Fill in ``grad`` of every node of the graph: dE/d(node) for E = this Value.

        Every gradient starts from 0 (so a second call gives the same numbers), the root's
        is set to 1, then each node's rule adds its parents' shares, in reverse
        topological order.

        Parameters
        ----------
        rules : dict, optional
            ``{op name: rule}`` to use instead of the course's :data:`RULES` for some
            operations, e.g. ``{"tanh": my_tanh_backward}``.
        """
        for _ in backward_steps(self, rules):
            pass

    def zero_grad(self):
        """Set ``grad`` of every node of this Value's graph back to 0 (not yet computed)."""
        for node in topological_order(self):
            node.grad, node.has_grad = 0.0, False


def _as_value(x):
    """``x`` as a Value (a number becomes a constant leaf), or None if it is neither."""
    if isinstance(x, Value):
        return x
    if isinstance(x, Real) and not isinstance(x, bool):
        return Value(x, label=f"{float(x):g}")
    return None


def _run_rule(node, grad_out, rules=None):
    """The gradients the rule of ``node.op`` hands to its parents, as a tuple of floats."""
    rule = (rules or {}).get(node.op, RULES[node.op])
    consts = () if node.exponent is None else (node.exponent,)
    grads = rule(*(p.data for p in node.parents), *consts, grad_out)
    if len(node.parents) == 1:
        grads = (grads,)
    try:
        grads = tuple(float(g) for g in grads)
    except (TypeError, ValueError):
        raise TypeError(f"the backward rule of {node.op!r} must return {len(node.parents)} number(s). "
                        f"Got {grads!r}.") from None
    if len(grads) != len(node.parents):
        raise ValueError(f"the backward rule of {node.op!r} must return {len(node.parents)} number(s). "
                         f"Got {len(grads)}.")
    return grads


def name(node, names=None):
    """A node's name in pictures and messages: ``names[id(node)]``, its label, or its operation's symbol."""
    if names and id(node) in names:
        return names[id(node)]
    return node.label or SYMBOLS.get(node.op, node.op)


def display_names(nodes):
    """``{id(node): name}``: each label, and n1, n2, ... for unlabelled operations (in the given order)."""
    taken = {n.label for n in nodes}
    names, k = {}, 0
    for node in nodes:
        if node.label or not node.parents:
            names[id(node)] = name(node)
            continue
        k += 1
        while f"n{k}" in taken:
            k += 1
        names[id(node)] = f"n{k}"
    return names


def expression(node, names=None):
    """How ``node`` was made, in its parents' names: ``u = x * y``, ``n3 = tanh(n2)``, or a leaf's name.

    ``names`` (from :func:`display_names`) names the node and its parents; without it an
    unlabelled node is written without "name =".
    """
    if not node.parents:
        return name(node, names)
    args = [name(p, names) for p in node.parents]
    if node.op == "pow":
        expr = f"{args[0]} ** {node.exponent:g}"
    elif len(args) == 2:
        expr = f"{args[0]} {SYMBOLS[node.op]} {args[1]}"
    elif node.op == "neg":
        expr = f"-{args[0]}"
    else:
        expr = f"{SYMBOLS[node.op]}({args[0]})"
    own = names[id(node)] if names and id(node) in names else node.label
    return f"{own} = {expr}" if own else expr


def topological_order(root):
    """Every node of ``root``'s graph once, each after all the nodes it depends on.

    Depth-first, iterative (no recursion limit): a node is appended when all its parents
    are in the list, so leaves come first and ``root`` last.

    Parameters
    ----------
    root : Value

    Returns
    -------
    list of Value

    Examples
    --------
    >>> a = Value(1.0, label="a"); b = a * 2; c = b + a
    >>> [n.label or n.op for n in topological_order(c)]
    ['a', '2', 'mul', 'add']
    """
    _check_value("root", root)
    order, seen = [], set()
    stack = [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((p, False) for p in reversed(node.parents) if id(p) not in seen)
    return order


def backward_steps(root, rules=None):
    """Run ``root``'s backward pass one rule at a time (what ``backward`` does), as a generator.

    Yields
    ------
    node : Value
        The node whose rule just ran (first the root itself, when its gradient is set to 1).
    shares : tuple of float
        What the rule added to each parent's gradient (empty for the root's first step).
    """
    order = topological_order(root)
    for node in order:
        node.grad, node.has_grad = 0.0, False
    root.grad, root.has_grad = 1.0, True
    yield root, ()
    for node in reversed(order):
        if not node.parents:
            continue
        shares = _run_rule(node, node.grad, rules)
        for parent, share in zip(node.parents, shares):
            parent.grad += share
            parent.has_grad = True
        yield node, shares


def graph(root):
    """The nodes and edges of ``root``'s graph, for a picture.

    Returns
    -------
    nodes : list of Value
        In topological order (root last).
    edges : list of (Value, Value, float)
        ``(parent, child, d child / d parent)``, one per use: ``x * x`` gives two edges.
    """
    nodes = topological_order(root)
    edges = [(p, node, d) for node in nodes for p, d in zip(node.parents, node.local_grads())]
    return nodes, edges


def count_nodes(root):
    """The number of nodes of ``root``'s graph (leaves, constants and operations)."""
    return len(topological_order(root))


def agreeing_rules(**rules):
    """The rules among ``rules`` that agree with the course's on random inputs; prints which are used.

    Parameters
    ----------
    **rules : callable
        ``op name=rule``, e.g. ``tanh=tanh_backward``. A rule that raises (an untouched stub),
        returns something else or differs anywhere by more than 1e-8 (relative) is left out.

    Returns
    -------
    dict
        ``{op name: rule}`` for ``backward(rules=...)``.
    """
    rng = np.random.default_rng(0)
    kept, used = {}, []
    for op, rule in rules.items():
        if op not in RULES:
            raise ValueError(f"op must be one of {sorted(RULES)}. Got {op!r} instead.")
        course = RULES[op]
        rows = rng.uniform(0.5, 2.0, size=(20, course.__code__.co_argcount))  # the inputs and grad_out
        if op not in ("log", "pow"):  # their inputs must stay positive
            rows *= rng.choice([-1.0, 1.0], size=rows.shape)
        if _agrees(rule, course, rows):
            kept[op] = rule
        used.append(f"{op}: " + ("yours" if op in kept else "the course's"))
    print("backward rules used: " + ", ".join(used))
    return kept


def _agrees(rule, course, rows):
    """True if ``rule`` returns what ``course`` returns on every row of arguments."""
    try:
        return all(np.allclose(np.asarray(rule(*map(float, r)), dtype=float), course(*map(float, r)),
                               rtol=1e-8, atol=1e-12) for r in rows)
    except Exception:  # noqa: BLE001 - a stub or a broken rule: the course's is used instead
        return False
