"""Exercises of 07_autodiff: two backward rules, a topological order, a gradient through Values."""
from collections import Counter

import numpy as np

from ...autodiff import Value, expression, topological_order as _course_order
from .._core import Exercise, Mistake, describe

NOTEBOOK = "07_autodiff"


def _signed(rng, low, high):
    """A float of size in [low, high) and random sign."""
    return float(rng.uniform(low, high) * rng.choice([-1.0, 1.0]))


# --- tanh_backward --------------------------------------------------------------------------------------
def tanh_backward(a, grad_out):
    t = np.tanh(a)
    # c = tanh(a): dc/da = 1 - tanh(a)^2, times the gradient that arrived at c
    return (1 - t ** 2) * grad_out


NO_GRAD_OUT = Mistake("forgot_grad_out", "you returned the local derivative without the chain factor grad_out",
                      "the rule hands back dE/da = dc/da * dE/dc: multiply the local derivative by grad_out.")
TB_TANH = Mistake("used_tanh", "you used tanh(a) where its derivative 1 - tanh(a)^2 belongs",
                  "d tanh(a)/da = 1 - tanh(a)^2 (notebook 04).")
TB_WRT_OUTPUT = Mistake("derivative_wrt_output", "you computed 1 - a^2: a is the input of tanh, not its output",
                        "compute t = tanh(a) first, then (1 - t**2) * grad_out.")
TB_SIGN = Mistake("sign_flipped", "your gradient has the wrong sign: (tanh(a)^2 - 1) * grad_out",
                  "tanh rises everywhere, so its derivative 1 - tanh(a)^2 is positive.")


def _check_tanh_backward(ctx, f):
    cases = [(0.5, 2.0)] + [(_signed(ctx.rng, 0.1, 3.0), _signed(ctx.rng, 0.3, 3.0)) for _ in range(4)]
    for a, g in cases:
        where = f"a = {a:.4g}, grad_out = {g:.4g}"
        got = ctx.call(f, a, g, where=where, arg_names=["a", "grad_out"])
        t = np.tanh(a)
        ctx.expect_close(got, (1 - t ** 2) * g, where=where, what="grad_a",
                         mistakes=[(NO_GRAD_OUT, 1 - t ** 2), (TB_TANH, t * g), (TB_WRT_OUTPUT, (1 - a ** 2) * g),
                                   (TB_SIGN, (t ** 2 - 1) * g)])


# --- div_backward ---------------------------------------------------------------------------------------
def div_backward(a, b, grad_out):
    # c = a / b: dc/da = 1 / b and dc/db = -a / b^2, each times the gradient that arrived at c
    return grad_out / b, -a * grad_out / b ** 2


DB_SIGN = Mistake("sign_flipped", "grad_b has the wrong sign: +a / b^2 instead of -a / b^2",
                  "a / b = a * b**(-1), and d b**(-1)/db = -b**(-2): a larger b makes a / b smaller when a > 0.")
DB_MISSING_A = Mistake("missing_a", "grad_b lacks the factor a: -1 / b^2 * grad_out",
                       "c = a * b**(-1): differentiating by b keeps the factor a, so dc/db = -a / b**2.")
DB_SWAPPED = Mistake("swapped", "you returned (grad_b, grad_a): the order is one gradient per input, a first",
                     "return grad_out / b, -a * grad_out / b**2 in this order.")
DB_NOT_SQUARED = Mistake("b_not_squared", "grad_b is -a / b * grad_out: the b is not squared",
                         "d(1/b)/db = -1 / b**2.")


def _check_div_backward(ctx, f):
    cases = [(3.0, 2.0, 0.5)] + [tuple(_signed(ctx.rng, 0.5, 3.0) for _ in range(3)) for _ in range(4)]
    for a, b, g in cases:
        where = f"a = {a:.4g}, b = {b:.4g}, grad_out = {g:.4g}"
        got = ctx.call(f, a, b, g, where=where, arg_names=["a", "b", "grad_out"])
        if np.ndim(got) == 0 and not isinstance(got, Value):
            ctx.fail(f"Your function returned one number at {where}: return both gradients, (grad_a, grad_b).",
                     mistake="wrong_shape")
        ctx.expect_close(got, [g / b, -a * g / b ** 2], where=where, what="(grad_a, grad_b)",
                         mistakes=[(NO_GRAD_OUT, [1 / b, -a / b ** 2]), (DB_SIGN, [g / b, a * g / b ** 2]),
                                   (DB_MISSING_A, [g / b, -g / b ** 2]), (DB_SWAPPED, [-a * g / b ** 2, g / b]),
                                   (DB_NOT_SQUARED, [g / b, -a * g / b])])


# --- topological_order ----------------------------------------------------------------------------------
def topological_order(root):
    order, visited = [], set()

    def visit(node):
        if node in visited:  # reached before along another path
            return
        visited.add(node)
        for parent in node.parents:
            visit(parent)
        order.append(node)  # after all the nodes it depends on

    visit(root)
    return order


TO_REVERSED = Mistake("order_reversed",
                      "your list runs from the root to the leaves, the reverse of the order asked for",
                      "append a node only after all its parents (post-order): the leaves come first, the root last, "
                      "and backward() walks the list from the end.")
TO_DUPLICATES = Mistake("duplicates", "a node reached along two paths is in your list more than once",
                        "keep a set of the nodes already visited and skip those: otherwise backward() would run "
                        "a rule twice.")
TO_MISSING_LEAVES = Mistake("missing_leaves", "the leaves (the nodes without parents: the inputs) are missing",
                            "a leaf is a node too: visit every parent, also those without parents of their own, "
                            "and append it.")
TO_MISSING_ROOT = Mistake("missing_root", "the root itself is missing",
                          "append the node you started from too, after its parents: it comes last.")
TO_DATA = Mistake("returned_data", "your list holds numbers, the .data of the nodes",
                  "return the nodes themselves (the Value objects): backward() needs their parents and grads.")
TO_NOT_TOPOLOGICAL = Mistake("not_topological", "every node is there once, but one comes before a node it depends on",
                             "use depth-first post-order: visit all parents of a node first, then append the node. "
                             "A breadth-first order fails when two paths from the root have different lengths.")


def _random_graph(rng):
    """A random graph of course Values, labelled x1.. (leaves), n1.. (operations), out (the root).

    It always has a node used twice by one operation (n2 = n1 * n1 or n1 + n1), shared
    sub-expressions, and an edge from the root to n1, which a breadth-first order gets wrong.
    """
    n_leaves = int(rng.integers(2, 5))
    nodes = [Value(round(float(rng.uniform(-1, 1)), 2), label=f"x{i + 1}") for i in range(n_leaves)]
    for k in range(int(rng.integers(5, 10))):
        recent, other = nodes[-1], nodes[int(rng.integers(len(nodes)))]
        op = rng.choice(["add", "mul", "sub", "tanh"])
        if k == 1:
            new = recent * recent if op in ("mul", "tanh") else recent + recent
        elif op == "tanh":
            new = recent.tanh()
        else:
            new = {"add": recent + other, "mul": recent * other, "sub": other - recent}[op]
        new.label = f"n{k + 1}"
        nodes.append(new)
    used = {id(p) for n in nodes for p in n.parents}
    roots = [nodes[-1] + nodes[n_leaves]]  # back to n1: a short path beside the long one
    roots += [n for n in nodes[:n_leaves] if id(n) not in used]  # leaves no operation picked: every node counts
    root = roots[0]
    for leaf in roots[1:]:
        root.label = f"n{len(nodes) - n_leaves + 1}"
        nodes.append(root)
        root = root * leaf
    root.label = "out"
    return root


def _graph_text(root):
    return "; ".join(expression(n) for n in _course_order(root) if n.parents)


def _positions_valid(labels, nodes):
    pos = {label: i for i, label in enumerate(labels)}
    return all(pos[p.label] < pos[n.label] for n in nodes for p in n.parents)


def _check_topological_order(ctx, f):
    roots = [_random_graph(ctx.rng) for _ in range(3)] + [Value(1.5, label="x1")]
    for root in roots:
        nodes = _course_order(root)
        where = f"the graph {_graph_text(root) or 'x1 (a single leaf)'}"
        # In a graded run the graph is made again in the student's kernel; each of its nodes in the answer comes
        # back as the grader's own node, any other Value as an object left in the kernel.
        got = ctx.call(f, root, where="root = out" if root.parents else "root = x1, a leaf", arg_names=["root"])
        if isinstance(got, (str, bytes)) or not isinstance(got, (list, tuple)):
            ctx.fail(f"Return a list of the graph's nodes; got {describe(got)}.", mistake="wrong_type")
        if not all(isinstance(v, Value) for v in got):
            if all(isinstance(v, (int, float)) for v in got):
                ctx.fail(f"Your function returned {describe(got)} of numbers for {where}.", mistake=TO_DATA)
            other = next(v for v in got if not isinstance(v, Value))
            shown = describe(other)
            if hasattr(other, "_nbgrade_get"):  # an object left in the student's kernel
                shown = f"a {ctx.type_name(other)}"
                if shown.endswith(".Value"):
                    ctx.fail(f"Your list holds a Value that is not a node of this graph, for {where}.",
                             mistake="unknown_nodes", hint="return the graph's own nodes (root and all its "
                                                           "ancestors), not new Values.")
            ctx.fail(f"Your list should hold the graph's Values; it holds {shown}.", mistake="wrong_type")
        labels = [v.label for v in got]
        _check_nodes(ctx, labels, nodes, root, where)
        if not _positions_valid(labels, nodes):
            if _positions_valid(labels[::-1], nodes):
                ctx.fail(f"Wrong order for {where}:", f"    got: {labels}", mistake=TO_REVERSED)
            pos = {label: i for i, label in enumerate(labels)}
            n, p = next((n, p) for n in nodes for p in n.parents if pos[p.label] > pos[n.label])
            ctx.fail(f"Wrong order for {where}:", f"    got: {labels}",
                     f"{n.label!r} comes before {p.label!r}, which it depends on.", mistake=TO_NOT_TOPOLOGICAL)


def _check_nodes(ctx, labels, nodes, root, where):
    """Every node of the graph exactly once, and nothing else."""
    expected = [n.label for n in nodes]
    twice = [label for label, count in Counter(labels).items() if count > 1]
    if twice:
        ctx.fail(f"{twice[0]!r} is in your list {labels.count(twice[0])} times, for {where}.", mistake=TO_DUPLICATES)
    missing = [label for label in expected if label not in labels]
    if missing:
        leaves = {n.label for n in nodes if not n.parents}
        lines = [f"Your list misses {', '.join(map(repr, missing))}, for {where}.", f"    got: {labels}"]
        if missing == [root.label]:
            ctx.fail(*lines, mistake=TO_MISSING_ROOT)
        if set(missing) <= leaves:
            ctx.fail(*lines, mistake=TO_MISSING_LEAVES)
        ctx.fail(*lines, mistake="missing_nodes", hint="follow .parents from the root all the way to the leaves.")
    extra = [label for label in labels if label not in expected]
    if extra:
        ctx.fail(f"Your list holds Values that are not nodes of this graph ({extra[0]!r}), for {where}.",
                 mistake="unknown_nodes")


# --- grad_f ---------------------------------------------------------------------------------------------
def grad_f(x, y):
    from nbhelpers.autodiff import Value

    x, y = Value(x, label="x"), Value(y, label="y")
    f = x * (x * y).tanh() / (1 + y ** 2)
    f.backward()
    return x.grad, y.grad


GF_SWAPPED = Mistake("swapped", "you returned (df/dy, df/dx)", "return x.grad first, then y.grad.")
GF_VALUE = Mistake("returned_value", "you returned f(x, y) itself, not its gradient",
                   "after f.backward(), the gradients are x.grad and y.grad.")
GF_ONE_PATH = Mistake("missed_a_path", "df/dx follows only one of x's two paths (x is a factor and inside tanh)",
                      "build f from Values and call f.backward(): a node used twice gets both contributions.")
GF_CONSTANT = Mistake("ignored_denominator", "df/dy treats 1 + y^2 as a constant",
                      "y is in the denominator too; through Values, y ** 2 and the division are nodes of the graph.")


def _grad_f_variants(x, y):
    """The right gradient and what each mistake gives, at (x, y)."""
    t, d = np.tanh(x * y), 1 + y ** 2
    dx = (t + x * y * (1 - t ** 2)) / d
    dy_tanh = x * x * (1 - t ** 2) / d
    dy = dy_tanh - x * t * 2 * y / d ** 2
    return [dx, dy], [(GF_SWAPPED, [dy, dx]), (GF_VALUE, x * t / d), (GF_ONE_PATH, [t / d, dy]),
                      (GF_ONE_PATH, [x * y * (1 - t ** 2) / d, dy]), (GF_CONSTANT, [dx, dy_tanh])]


def _check_grad_f(ctx, f):
    for x, y in [(1.0, 0.5)] + [(_signed(ctx.rng, 0.3, 2.0), _signed(ctx.rng, 0.3, 2.0)) for _ in range(3)]:
        where = f"x = {x:.4g}, y = {y:.4g}"
        got = ctx.call(f, x, y, where=where, arg_names=["x", "y"])
        if isinstance(got, (list, tuple)) and any(isinstance(v, Value) for v in got):
            ctx.fail(f"You returned Values at {where}: return the numbers x.grad and y.grad.",
                     mistake="returned_values")
        expected, mistakes = _grad_f_variants(x, y)
        ctx.expect_close(got, expected, where=where, what="(df/dx, df/dy)", mistakes=mistakes)


def _stub(signature):
    return f"def {signature}:\n    # your code here\n    raise NotImplementedError\n"


EXERCISES = [
    Exercise(
        "tanh_backward", NOTEBOOK,
        "Write the backward rule of c = tanh(a): `tanh_backward(a, grad_out)` returns grad_a = dE/da, given the "
        "input a and grad_out = dE/dc (plain numbers).",
        tanh_backward, _check_tanh_backward,
        ["Chain rule: dE/da = dc/da * dE/dc, and dE/dc is grad_out.",
         "dc/da = 1 - tanh(a)^2 (notebook 04): compute t = tanh(a) from the input a.",
         "t = np.tanh(a); return (1 - t ** 2) * grad_out."],
        stub=_stub("tanh_backward(a, grad_out)")),
    Exercise(
        "div_backward", NOTEBOOK,
        "Write the backward rule of c = a / b: `div_backward(a, b, grad_out)` returns (grad_a, grad_b), given "
        "the inputs a, b and grad_out = dE/dc.",
        div_backward, _check_div_backward,
        ["One gradient per input: grad_a = dc/da * grad_out and grad_b = dc/db * grad_out.",
         "Write a / b = a * b**(-1): dc/da = 1 / b and dc/db = -a / b**2.",
         "return grad_out / b, -a * grad_out / b ** 2."],
        stub=_stub("div_backward(a, b, grad_out)")),
    Exercise(
        "topological_order", NOTEBOOK,
        "Write `topological_order(root)`: a list of every node of root's graph exactly once, each after all "
        "the nodes it depends on (its parents, theirs, ...), so the root comes last.",
        topological_order, _check_topological_order,
        ["Depth-first: to place a node, first place all of its parents (recursively), then append the node.",
         "A node reached along a second path is already placed: keep a set of visited nodes and skip them.",
         "def visit(node): if node in visited: return; visited.add(node); for p in node.parents: visit(p); "
         "order.append(node). Call visit(root), return order."],
        stub=_stub("topological_order(root)")),
    Exercise(
        "grad_f", NOTEBOOK,
        "Use Values to compute the gradient of f(x, y) = x tanh(x y) / (1 + y^2) at the point (x, y): "
        "`grad_f(x, y)` returns (df/dx, df/dy) as numbers.",
        grad_f, _check_grad_f,
        ["Wrap the numbers: x, y = Value(x), Value(y); then write f with Value operations, tanh as (x * y).tanh().",
         "Call f.backward(); the answers are x.grad and y.grad.",
         "x, y = Value(x), Value(y); f = x * (x * y).tanh() / (1 + y ** 2); f.backward(); return x.grad, y.grad."],
        stub=_stub("grad_f(x, y)")),
]
