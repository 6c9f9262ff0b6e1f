"""The backward pass of a small computational graph, one rule per click.

Step 0 shows the graph after the forward pass (every gradient "?"); step 1 sets the
output's gradient to 1; each further step runs the local rule of one node, in reverse
topological order, and adds its shares to the node's parents' gradients. A line under the
graph says which rule ran, with its numbers. All numbers come from
:func:`nbhelpers.autodiff.backward_steps`, the loop ``Value.backward`` runs.

Used in: 07_autodiff::

    nbh.widgets.autodiff.backward_stepper(f)
"""
from ..autodiff import backward_steps, count_nodes, display_names, expression, name, topological_order
from ._base import LABEL, CourseWidget, LiveFigure, new_figure

# What each rule adds to its parents' gradients, in words: one template per parent. {c} is the
# node whose rule runs, {a} and {b} its parents, {n} the exponent of a ** n.
RULE_TEXT = {
    "add": ("{c}.grad", "{c}.grad"),
    "sub": ("{c}.grad", "-{c}.grad"),
    "mul": ("{b}.data * {c}.grad", "{a}.data * {c}.grad"),
    "div": ("{c}.grad / {b}.data", "-{a}.data / {b}.data**2 * {c}.grad"),
    "neg": ("-{c}.grad",),
    "pow": ("{n} * {a}.data**({n} - 1) * {c}.grad",),
    "exp": ("{c}.data * {c}.grad",),
    "log": ("{c}.grad / {a}.data",),
    "tanh": ("(1 - {c}.data**2) * {c}.grad",),
    "sigmoid": ("{c}.data * (1 - {c}.data) * {c}.grad",),
}


def _n(v):
    return f"{v + 0.0:.4g}"


def rule_text(node, local, grad_out, shares, names=None):
    """What the rule of ``node`` just did: its expression, then one line per parent.

    E.g. ``u = x * y:`` and ``x.grad += y.data * u.grad = -2 * 0.5 = -1``.

    Parameters
    ----------
    node : Value
        The node whose rule ran.
    local : tuple of float
        Its local derivatives, d node / d parent.
    grad_out : float
        The node's own gradient, which the rule multiplied.
    shares : tuple of float
        What it added to each parent's gradient.
    names : dict, optional
        ``{id(node): name}`` (:func:`nbhelpers.autodiff.display_names`); default: the labels.
    """
    words = {"c": name(node, names), "n": f"{node.exponent:g}" if node.exponent is not None else ""}
    words.update(zip("ab", (name(p, names) for p in node.parents)))
    parts = []
    for parent, template, d, share in zip(node.parents, RULE_TEXT[node.op], local, shares):
        parts.append(f"{name(parent, names)}.grad += {template.format(**words)} = {_n(d)} * {_n(grad_out)}"
                     f" = {_n(share)}")
    return f"{expression(node, names)}:\n  " + "\n  ".join(parts)


def record_backward(root, rules=None):
    """Run ``root``'s backward pass and keep what each step shows.

    Step 0 is the graph before the pass, step 1 sets the root's gradient to 1, and each
    further step runs one node's rule.

    Returns
    -------
    list of dict
        One per step, from step 0 (nothing computed yet): ``grads`` (one number or None per
        node, in topological order), ``highlight`` (index of the node whose rule ran, or None)
        and ``text`` (what happened).
    """
    nodes = topological_order(root)
    names = display_names(nodes)
    index = {id(n): i for i, n in enumerate(nodes)}
    steps = [{"grads": [None] * len(nodes), "highlight": None,
              "text": f"Step 0: the forward pass is done, no gradient yet. Step starts the backward pass at "
                      f"{name(root, names)}."}]
    for k, (node, shares) in enumerate(backward_steps(root, rules), start=1):
        if not shares:
            c = name(node, names)
            text = f"{c}.grad = d{c}/d{c} = 1: the output changes one for one with itself."
        else:
            text = rule_text(node, node.local_grads(rules), node.grad, shares, names)
        steps.append({"grads": [n.grad if n.has_grad else None for n in nodes],
                      "highlight": index[id(node)], "text": f"Step {k}: {text}"})
    return steps


class BackwardStepper(CourseWidget):
    """Step through a graph's backward pass: Step, Back, Reset and a slider over the steps.

    Parameters
    ----------
    root : Value
        The output (a Value built from labelled leaves reads best). Its backward pass is
        run once, so afterwards its graph holds the gradients, as after ``root.backward()``.
    rules : dict, optional
        ``{op name: rule}`` instead of the course's rules (see ``Value.backward``).
    step : int, default=0
        The step shown first.

    Attributes
    ----------
    steps : list of dict
        What each step shows (:func:`record_backward`).

    Examples
    --------
    >>> from nbhelpers.autodiff import Value
    >>> x = Value(2.0, label="x"); f = x * x; f.label = "f"
    >>> s = BackwardStepper(f); s.step(); s.step(); print(s.text)
    Step 2: f = x * x:
      x.grad += x.data * f.grad = 2 * 1 = 2
      x.grad += x.data * f.grad = 2 * 1 = 2
    """

    def __init__(self, root, rules=None, step=0):
        import ipywidgets as w

        from ..plots._style import style
        from ..plots.autograd_graph import COMPACT_ABOVE, draw_graph, figsize

        self.steps = record_backward(root, rules)
        n = len(self.steps) - 1
        bl = w.Layout(width="auto")
        self.b_back = w.Button(description="\u25c0 Back", layout=bl)
        self.b_step = w.Button(description="Step \u25b6", button_style="success", layout=bl)
        self.b_reset = w.Button(description="Reset", layout=bl)
        self.slider = w.IntSlider(value=min(max(int(step), 0), n), min=0, max=n, description="step", style=LABEL,
                                  continuous_update=True)
        self.b_back.on_click(lambda _: self.back())
        self.b_step.on_click(lambda _: self.step())
        self.b_reset.on_click(lambda _: self.reset())
        self.slider.observe(self.update, names="value")
        self.controls = [self.b_back, self.b_step, self.b_reset, self.slider]
        compact = count_nodes(root) > COMPACT_ABOVE
        width, height = figsize(root, compact)
        fig = new_figure(figsize=(max(width, 7.5), height + 0.7), dpi=80)
        grid = fig.add_gridspec(2, 1, height_ratios=[height, 0.7])
        with style():
            ax, tax = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
            tax.set_axis_off()
            self.line = tax.text(0.0, 1.0, "", fontsize=9, ha="left", va="top", transform=tax.transAxes,
                                 family="monospace")
            self.drawing = draw_graph(root, ax, compact=compact, title=self._title())
        self.live = LiveFigure(fig, freeze_layout=True)
        self._assemble()
        self.update()

    @property
    def n_steps(self):
        """The last step: the root's gradient set, then one per node with a rule."""
        return len(self.steps) - 1

    @property
    def text(self):
        """The text under the graph at the current step: which rule ran, with its numbers."""
        return self.steps[self.slider.value]["text"]

    def shown_grads(self):
        """The gradients the picture shows now (None for "?"), in topological order."""
        return list(self.steps[self.slider.value]["grads"])

    def step(self):
        """One rule further (stays at the last step)."""
        self.go(self.slider.value + 1)

    def back(self):
        """One rule back (stays at step 0)."""
        self.go(self.slider.value - 1)

    def reset(self):
        """Back to step 0: every gradient "?"."""
        self.go(0)

    def go(self, k):
        """Show step ``k`` (clipped to 0 ... n_steps)."""
        self.slider.value = min(max(int(k), 0), self.n_steps)

    def _title(self):
        k = self.slider.value
        return f"The backward pass, step {k} of {self.n_steps}: which gradients are known?"

    def update(self, *_):
        """Redraw for the slider's step."""
        state = self.steps[self.slider.value]
        self.drawing.set_state(state["grads"], state["highlight"])
        self.drawing.ax.set_title(self._title(), loc="left")
        self.line.set_text(state["text"])
        self.b_back.disabled = self.slider.value == 0
        self.b_step.disabled = self.slider.value == self.n_steps
        self.live.refresh()


def backward_stepper(root, rules=None, step=0):
    """Build a :class:`BackwardStepper` (display it as a cell's last line).

    Examples
    --------
    >>> import nbhelpers as nbh
    >>> nbh.widgets.autodiff.backward_stepper(f)  # doctest: +SKIP
    """
    return BackwardStepper(root, rules=rules, step=step)
