"""nbhelpers.autodiff: scalar reverse mode, its graph picture and the backward stepper."""
import copy
import math
import pickle

import numpy as np
import pytest

from nbhelpers import autodiff as ad
from nbhelpers import autodiff_network as adn
from nbhelpers.autodiff import Value
from nbhelpers.gradcheck import numerical_gradient

RNG = np.random.default_rng(7)

# f(a, b) built from Values; every operation of the course's Value, also with plain numbers on either side
OPS = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "neg": lambda a, b: -a * b,
    "pow_int": lambda a, b: a ** 3 + b ** 2,
    "pow_frac": lambda a, b: (a * a + 1) ** 0.5 * b ** -1,
    "exp": lambda a, b: (a * b).exp(),
    "log": lambda a, b: (a * a + b * b).log(),
    "tanh": lambda a, b: (a - b).tanh(),
    "sigmoid": lambda a, b: (a * b).sigmoid(),
    "numbers_on_the_left": lambda a, b: 2 + a - (3 - b) + 0.5 * a * b - 1 / b,
    "numpy_scalars": lambda a, b: np.float64(2.0) * a + b * np.float64(3.0) - np.int64(1),
}


def _grad(build, a, b):
    A, B = Value(a, label="a"), Value(b, label="b")
    out = build(A, B)
    out.backward()
    return np.array([A.grad, B.grad])


@pytest.mark.parametrize("op", OPS)
def test_gradients_match_central_differences_on_random_inputs(op):
    build = OPS[op]
    for a, b in RNG.uniform(0.3, 2.0, size=(10, 2)) * RNG.choice([-1.0, 1.0], size=(10, 2)):
        def f(p):
            return build(Value(p[0]), Value(p[1])).data
        np.testing.assert_allclose(_grad(build, a, b), numerical_gradient(f, np.array([a, b])), rtol=1e-6, atol=1e-8)


def test_values_are_the_numbers_the_operations_compute():
    a, b = Value(1.5), Value(-0.5)
    assert (a + b).data == 1.0 and (a - b).data == 2.0 and (a * b).data == -0.75 and (a / b).data == -3.0
    assert (a ** 2).data == 2.25 and (-a).data == -1.5 and (2 - a).data == 0.5 and (3 / a).data == 2.0
    assert math.isclose(a.tanh().data, math.tanh(1.5)) and math.isclose(b.exp().data, math.exp(-0.5))
    assert math.isclose(Value(-800.0).sigmoid().data, 0.0) and Value(800.0).sigmoid().data == 1.0


def test_the_lecture_expression_by_hand():
    # f = (x*y + x) * w at x = 3, y = -2, w = 0.5: df/dv = w, df/du = w, df/dx = w*y + w (two paths)
    x, y, w = Value(3.0, label="x"), Value(-2.0, label="y"), Value(0.5, label="w")
    u = x * y
    v = u + x
    f = v * w
    f.backward()
    assert (f.grad, v.grad, u.grad, w.grad) == (1.0, 0.5, 0.5, -3.0)
    assert x.grad == 0.5 * -2.0 + 0.5 and y.grad == 1.5


def test_a_node_used_twice_gets_both_contributions():
    x = Value(3.0)
    (x * x).backward()
    assert x.grad == 6.0
    x2 = Value(2.0)
    (x2 + x2 + x2).backward()
    assert x2.grad == 3.0
    a = Value(0.7)
    b = a.tanh()
    (b * a + b.exp() + a).backward()  # a reaches the root along four paths
    t = math.tanh(0.7)
    assert math.isclose(a.grad, (1 - t * t) * 0.7 + t + math.exp(t) * (1 - t * t) + 1)


def test_backward_starts_from_zero_each_time_and_zero_grad_resets():
    x, y = Value(1.2), Value(-0.4)
    f = (x * y).tanh() + x
    f.backward()
    first = (x.grad, y.grad)
    f.backward()
    assert (x.grad, y.grad) == first
    f.zero_grad()
    assert all(n.grad == 0.0 and not n.has_grad for n in ad.topological_order(f))


def test_backward_with_given_rules_uses_them():
    x = Value(0.5)
    f = x.tanh()
    f.backward(rules={"tanh": lambda a, grad_out: 10.0 * grad_out})
    assert x.grad == 10.0
    with pytest.raises(ValueError, match="must return 2 number"):
        (x * x).backward(rules={"mul": lambda a, b, g: (g,)})


def _random_graph(rng, n_ops=12):
    """Values with shared sub-expressions: each operation picks its inputs among all earlier nodes."""
    nodes = [Value(float(v)) for v in rng.uniform(-1, 1, size=3)]
    for _ in range(n_ops):
        a, b = (nodes[int(i)] for i in rng.integers(len(nodes), size=2))
        nodes.append(rng.choice([lambda: a + b, lambda: a * b, lambda: (a - b).tanh()])())
    root = nodes[-1]
    for n in nodes[:-1]:  # make every node part of the root's graph
        root = root + 0.1 * n
    return root


@pytest.mark.parametrize("seed", range(6))
def test_topological_order_has_every_node_once_each_after_its_parents(seed):
    root = _random_graph(np.random.default_rng(seed))
    order = ad.topological_order(root)
    assert len({id(n) for n in order}) == len(order) == ad.count_nodes(root)
    pos = {id(n): i for i, n in enumerate(order)}
    assert all(pos[id(p)] < pos[id(n)] for n in order for p in n.parents)
    assert order[-1] is root
    reached, stack = set(), [root]  # every node reachable from the root is listed
    while stack:
        n = stack.pop()
        if id(n) not in reached:
            reached.add(id(n))
            stack.extend(n.parents)
    assert reached == set(pos)


def test_topological_order_of_a_long_chain_needs_no_recursion():
    x = Value(0.5)
    y = x
    for _ in range(5000):
        y = y * 1.0001
    assert ad.count_nodes(y) == 10001
    y.backward()
    assert math.isclose(x.grad, 1.0001 ** 5000)


def test_graph_lists_each_use_with_its_local_derivative():
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    c = a * b
    d = c * c
    nodes, edges = ad.graph(d)
    assert nodes[-1] is d and len(nodes) == 4
    assert [(p.label or p.op, ch.op, v) for p, ch, v in edges] == [("a", "mul", -3.0), ("b", "mul", 2.0),
                                                                  ("mul", "mul", -6.0), ("mul", "mul", -6.0)]


def test_names_and_expressions_for_pictures():
    x, y = Value(1.0, label="x"), Value(2.0, label="y")
    u = x * y
    v = (u + 3).tanh()
    v.label = "v"
    names = ad.display_names(ad.topological_order(v))
    assert ad.expression(u, names) == "n1 = x * y"
    assert ad.expression(v, names) == "v = tanh(n2)"
    assert ad.expression(x ** 2) == "x ** 2" and ad.expression(-x) == "-x"


def test_deepcopy_keeps_the_node_and_pickle_keeps_the_graph():
    x = Value(2.0, label="x")
    f = x * x + 1
    assert copy.deepcopy(f) is f
    g = pickle.loads(pickle.dumps(f))
    g.backward()
    leaf = next(n for n in ad.topological_order(g) if n.label == "x")
    assert leaf.grad == 4.0


@pytest.mark.parametrize("bad, error, words", [
    ("a", TypeError, "data must be a real number (int or float). Got 'a' of type str"),
    (None, TypeError, "data must be a real number"),
    (True, TypeError, "Got True of type bool"),
    ([1.0], TypeError, "of type list"),
    (float("nan"), ValueError, "data must be a finite number. Got nan"),
    (float("inf"), ValueError, "data must be a finite number"),
])
def test_bad_data_is_refused_with_the_parameter_named(bad, error, words):
    with pytest.raises(error) as info:
        Value(bad)
    assert words in str(info.value)


def test_other_bad_input_gets_clear_errors():
    a = Value(-2.0)
    with pytest.raises(TypeError, match="label must be a str"):
        Value(1.0, label=3)
    with pytest.raises(TypeError, match="exponent n of a \\*\\* n must be a number"):
        a ** Value(2.0)
    with pytest.raises(ValueError, match="negative a needs a whole number n"):
        a ** 0.5
    with pytest.raises(ValueError, match="log needs a positive input"):
        a.log()
    with pytest.raises(ZeroDivisionError, match="data is 0"):
        a / Value(0.0)
    with pytest.raises(OverflowError):
        Value(1000.0).exp()
    with pytest.raises(TypeError, match="unsupported operand"):
        a + "b"
    with pytest.raises(TypeError, match="root must be a Value. Got 3"):
        ad.topological_order(3)
    with pytest.raises(ValueError, match="op must be one of"):
        ad.agreeing_rules(relu=lambda a, g: g)


def test_agreeing_rules_keeps_right_rules_and_drops_stubs_and_wrong_ones(capsys):
    def stub(a, grad_out):
        raise NotImplementedError

    kept = ad.agreeing_rules(tanh=lambda a, g: (1 - np.tanh(a) ** 2) * g, div=lambda a, b, g: (g / b, a * g / b ** 2),
                             exp=stub)
    assert list(kept) == ["tanh"]
    assert capsys.readouterr().out == "backward rules used: tanh: yours, div: the course's, exp: the course's\n"


# --- the picture ---------------------------------------------------------------------------------------------
def _small():
    x, y, w = Value(3.0, label="x"), Value(-2.0, label="y"), Value(0.5, label="w")
    u = x * y
    u.label = "u"
    v = u + x
    v.label = "v"
    f = v * w
    f.label = "f"
    return f, x


def _texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def test_plot_shows_question_marks_before_backward_and_gradients_after():
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from nbhelpers.plots.autograd_graph import plot_graph

    f, _ = _small()
    fig = plot_graph(f)
    assert isinstance(fig, Figure) and fig.axes[0].get_title("left") == "The graph of f: 6 nodes"
    boxes = [t for t in _texts(fig) if "data" in t]
    assert len(boxes) == 6 and all(t.endswith("grad ?") for t in boxes)
    assert "u = x * y\ndata -6\ngrad ?" in boxes
    assert {"-2", "3", "1", "0.5", "-3"} <= set(_texts(fig))  # local derivatives on the edges
    assert len(fig.axes) == 2 and "local derivative" in fig.axes[1].get_xlabel() + fig.axes[1].get_ylabel()
    f.backward()
    fig = plot_graph(f, highlight=3)
    assert "x\ndata 3\ngrad -0.5" in _texts(fig) and "f = v * w\ndata -1.5\ngrad 1" in _texts(fig)
    plt.close("all")


def test_plot_draws_on_given_axes_and_compactly_for_big_graphs():
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from nbhelpers.plots.autograd_graph import GraphDrawing, layout, plot_graph

    loss, _ = adn.network_loss()
    fig = Figure(figsize=(11, 6), layout="constrained")
    ax = fig.add_subplot()
    before = plt.get_fignums()
    assert plot_graph(loss, ax=ax, title="2-3-2-2") is fig and plt.get_fignums() == before
    assert not any("data" in t for t in _texts(fig))  # compact: no numbers
    assert {"W1[0,0]", "b3[1]", "x1"} <= set(_texts(fig))
    nodes, edges = ad.graph(loss)
    pos = layout(nodes, edges)
    assert pos[len(nodes) - 1][0] == max(x for x, _ in pos.values())  # the loss on the right
    assert all(pos[nodes.index(p)][0] < pos[nodes.index(c)][0] for p, c, _ in edges)  # every arrow points right
    drawing = GraphDrawing(loss, Figure().add_subplot(), compact=False)
    assert len(drawing.box_artists) == 71


def test_highlight_frames_one_node_and_thickens_its_incoming_arrows():
    from matplotlib.figure import Figure

    from nbhelpers.plots.autograd_graph import GraphDrawing

    f, _ = _small()
    drawing = GraphDrawing(f, Figure(figsize=(7, 3)).add_subplot())
    widths = [a.get_linewidth() for a in drawing.edge_artists]
    drawing.set_state(highlight=len(drawing.nodes) - 1)
    assert drawing.box_artists[-1].get_linewidth() > drawing.box_artists[0].get_linewidth()
    into_root = [k for k, (_, c) in enumerate(drawing.edge_ends) if c == len(drawing.nodes) - 1]
    assert all(drawing.edge_artists[k].get_linewidth() > widths[k] for k in into_root)


# --- the widget ----------------------------------------------------------------------------------------------
def test_stepper_steps_forward_back_and_resets_with_the_rule_in_words():
    pytest.importorskip("ipywidgets")
    from nbhelpers.widgets.autodiff import backward_stepper

    f, x = _small()
    s = backward_stepper(f)
    assert s.n_steps == 4 and s.slider.max == 4 and s.b_back.disabled
    assert all(g is None for g in s.shown_grads()) and s.text.startswith("Step 0")
    pngs = [s.live.png]
    s.step()
    assert s.text == "Step 1: f.grad = df/df = 1: the output changes one for one with itself."
    s.step()
    assert s.text.splitlines() == ["Step 2: f = v * w:", "  v.grad += w.data * f.grad = 0.5 * 1 = 0.5",
                                   "  w.grad += v.data * f.grad = -3 * 1 = -3"]
    s.step()
    ix = s.drawing.nodes.index(x)
    assert s.shown_grads()[ix] == 0.5  # only v's share so far
    s.step()
    assert "x.grad += y.data * u.grad = -2 * 0.5 = -1" in s.text and s.shown_grads()[ix] == -0.5
    assert s.b_step.disabled
    s.step()
    assert s.slider.value == 4
    pngs.append(s.live.png)
    s.back()
    assert s.slider.value == 3 and s.shown_grads()[ix] == 0.5 and s.live.png != pngs[-1]
    s.reset()
    assert s.slider.value == 0 and s.live.png == pngs[0] and s.b_back.disabled
    s.go(99)
    assert s.slider.value == 4
    assert s.shown_grads() == [n.grad for n in s.drawing.nodes]  # the last step is what backward() computes


def test_stepper_every_step_draws_a_new_picture_without_warnings(recwarn):
    pytest.importorskip("ipywidgets")
    from nbhelpers.widgets.autodiff import backward_stepper

    loss, _ = adn.network_loss()
    s = backward_stepper(loss, step=0)
    seen = set()
    for k in range(s.n_steps + 1):
        s.go(k)
        seen.add(s.live.png)
        assert s.drawing.ax.get_title("left").startswith(f"The backward pass, step {k} of {s.n_steps}")
    assert len(seen) == s.n_steps + 1 and s.n_steps == 1 + 43
    assert not [w for w in recwarn if not issubclass(w.category, DeprecationWarning)]


def test_stepper_bundle_has_a_static_png_and_the_widget():
    pytest.importorskip("ipywidgets")
    from nbhelpers.widgets.autodiff import BackwardStepper

    f, _ = _small()
    bundle = BackwardStepper(f, step=2)._repr_mimebundle_()[0]
    assert {"image/png", "application/vnd.jupyter.widget-view+json", "text/plain"} <= set(bundle)


def test_every_operation_has_its_rule_in_words_and_the_words_add_up():
    pytest.importorskip("ipywidgets")
    from nbhelpers.widgets.autodiff import RULE_TEXT, record_backward

    assert set(RULE_TEXT) == set(ad.RULES)
    a, b = Value(0.8, label="a"), Value(-1.3, label="b")
    out = ((a * b).tanh() / (a ** 2 + 1) - (-b).exp() + (a + 2).log() * b.sigmoid())
    steps = record_backward(out)
    assert len(steps) == 2 + sum(1 for n in ad.topological_order(out) if n.parents)
    for step in steps[2:]:
        for line in step["text"].splitlines()[1:]:
            local, grad, share = (float(v) for v in line.split(" = ")[-2].split(" * ") + [line.split(" = ")[-1]])
            assert math.isclose(local * grad, share, rel_tol=2e-3, abs_tol=1e-3), line
    assert steps[-1]["grads"][ad.topological_order(out).index(a)] == a.grad
