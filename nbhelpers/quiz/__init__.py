"""Exercises that check themselves: ``check``, ``hint``, ``solution`` and a score.

A notebook embeds an exercise in three cells: the task (markdown), a stub the reader
fills in, and a check::

    def sigmoid_prime(z):
        ...                      # or: raise NotImplementedError

    check("sigmoid_prime", sigmoid_prime)

``check`` prints one short result and never raises: a pass with its points, "not done
yet" for an untouched stub, or what is wrong at a concrete input with a hint aimed at
the mistake. ``hint(name)`` shows the next hint each time it is called;
``solution(name)`` shows the reference answer (unless solutions are switched off).
``report(notebook)`` shows the points of a notebook's exercises so far.

Environment variables:

- ``NBHELPERS_GRADING=1``: a graded run (set by ``python -m nbhelpers.grade``). The
  kernel then has a copy of nbhelpers without the exercise catalogue: ``check``,
  ``hint`` and ``solution`` only say that the grader checks the answers itself,
  from its own process (see docs/grading.md).
- ``NBHELPERS_SOLUTIONS=off``: ``solution`` refuses (an exam).
- ``NBHELPERS_CHECK_TIMEOUT``: an upper bound in seconds for each call of the reader's code.

The catalogue (exercise id: what the reader writes; points 5 unless said)

01_logistic_neuron
    circle_theta (``circle_theta(r)``), predict_logistic (``predict_logistic(theta, X)``)
02_perceptron
    nand_weights, nor_weights (values ``(w1, w2, threshold)``),
    majority_weights (``majority_weights(n)`` -> ``(w0, w1, ..., wn)``),
    perceptron_update (``perceptron_update(w, x, target, lr)``)
03_linear_separability
    xor_weights (value ``(W1, b1, W2, b2)`` of a 2-2-1 step network),
    separates (``separates(w, X, y)``: True if the line ``w . (1, x1, x2) = 0`` separates the classes)
04_activation_functions
    sigmoid, sigmoid_prime, relu, tanh_via_sigmoid, swish_prime (functions of ``z``),
    elu_prime_from_output (``elu_prime_from_output(a, alpha=1.0)``), dead_units (``dead_units(X, W, b)``)
05_multilayer_networks
    layer_shapes (``layer_shapes(sizes, augmented=False)``), bias_shapes (``bias_shapes(sizes)``),
    forward (``forward(X, weights, biases)``), dense_forward (``dense_forward(X, W, b)``),
    forward_pass (``forward_pass(X, weights, biases)`` -> ``(zs, activations)``)
06_backpropagation
    output_delta (``output_delta(z, y)``), hidden_delta (``hidden_delta(delta_next, W_next, z)``),
    kink_input (``kink_input(w, b, h=1e-5)``), minibatch_sgd_step (``minibatch_sgd_step(w, b, X, y, lr)``),
    se_output (``se_output(z, Y)`` -> ``(E, delta)``), backward (``backward(delta_L, zs, activations, weights)``),
    numerical_gradient (``numerical_gradient(f, theta, h=1e-5)``), init_params (``init_params(sizes, rng, scale=0.1)``),
    sgd_step (``sgd_step(weights, biases, grads_W, grads_b, lr)``),
    train (``train(X, Y, weights, biases, lr, epochs, batch_size=None, rng=None, output=se_output)``),
    bce_output_delta (``bce_output_delta(z, y)``)
07_autodiff
    tanh_backward (``tanh_backward(a, grad_out)``), div_backward (``div_backward(a, b, grad_out)``),
    topological_order (``topological_order(root)``: a list of Values), grad_f (``grad_f(x, y)``)
08_regression
    r2_score (``r2_score(y, y_hat)``), abs_model (value: a fitted MLP on the ABS data)
09_softmax
    softmax (``softmax(z, axis=-1)``),
    smoothed_ce_delta (``smoothed_ce_delta(z, y, eps)``),
    softmax_ce_output (``softmax_ce_output(z, Y)`` -> ``(E, delta)``)
10_vanishing_gradient
    sigmoid_prime_max (value), layers_to_vanish (``layers_to_vanish(tol)``),
    clip_by_norm (``clip_by_norm(grads, max_norm)``), batchnorm_forward (``batchnorm_forward(X, gamma, beta, eps=1e-5)``)
11_training_in_practice
    split_data (``split_data(X, y, test_size=0.25, random_state=0)``), best_alpha (``best_alpha(results)``)
quiz_06 (60 points, partial credit)
    q1_perceptron_gates (15: ``train_perceptron(X, y, lr=1.0, max_epochs=100)``; OR, AND, NOT 4 each, XOR 3),
    q2_diabetes_r2 (15: ``diabetes_r2()``; split 5, R^2 computed 5, an MLP above the floor 5),
    q3_sigmoid_net_from_tanh (15: ``sigmoid_net_from_tanh(W, b, v, c)`` -> ``(W', b', v', c')``;
    the same function with one output 10, several outputs 5),
    q4_softmax_temperature (15: ``softmax_temperature(z, T, axis=-1)``; lecture example at T = 1 and 2 5,
    small temperatures 5, batches and axis 5)

Examples
--------
>>> import numpy as np
>>> from nbhelpers.quiz import check
>>> def relu(z):
...     return np.maximum(z, 0)
>>> result = check("relu", relu)
\u2714 relu: correct! 5/5 points.
"""
import difflib

from . import _core
from ._core import CheckResult, Exercise

try:
    from ._catalogue import EXERCISES
except ImportError:  # a graded run: the catalogue (and its reference answers) stays with the grader
    EXERCISES = {}

__all__ = ["check", "hint", "solution", "exercises", "get_exercise", "score", "report", "reset",
           "CheckResult", "Exercise"]


def _lookup(name):
    """The Exercise called ``name``, or None after printing a helpful message."""
    if not EXERCISES:
        print(f"This notebook is being graded: the grader checks {name} itself, from its own process.")
        return None
    if isinstance(name, str) and name in EXERCISES:
        return EXERCISES[name]
    close = difflib.get_close_matches(str(name), list(EXERCISES), n=3)
    extra = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else " See exercises() for the list."
    print(f"There is no exercise called {name!r}.{extra}")
    return None


def check(name, answer=Ellipsis):
    """Check the reader's answer to exercise ``name`` and print the result.

    Parameters
    ----------
    name : str
        The exercise id, e.g. "sigmoid_prime".
    answer : function or value
        The reader's function (not called: pass ``sigmoid_prime``, not ``sigmoid_prime(z)``)
        or value. ``...`` (the untouched stub) counts as not done.

    Returns
    -------
    CheckResult
        ``status`` ("pass", "fail", "not_done", "error"), ``points``, ``max_points``,
        ``message`` (the printed text), ``mistake`` (id of the detected mistake, or "").
        Never raises.
    """
    ex = _lookup(name)
    if ex is None:
        return CheckResult(str(name), "error", 0, 0, f"There is no exercise called {name!r}.", "unknown_exercise")
    try:
        result = _core.run_check(ex, answer)
    except Exception as exc:  # noqa: BLE001 - check never raises
        result = CheckResult(ex.id, "error", 0, ex.points,
                             f"\u2718 {ex.id}: the checker failed ({type(exc).__name__}). Please report this.",
                             "checker_bug")
    _core.RESULTS[ex.id] = result
    print(result.message)
    if result.passed:  # a piece of the reader's own library goes into my_network.py
        from ..thread import save_piece

        save_piece(ex.id, answer)
    return result


def hint(name):
    """Print the next hint for exercise ``name`` (one more tier each call)."""
    ex = _lookup(name)
    if ex is None:
        return
    shown = _core.HINTS_SHOWN.get(ex.id, 0)
    tier = min(shown, len(ex.hints) - 1)
    _core.HINTS_SHOWN[ex.id] = shown + 1
    print(f"Hint {tier + 1} of {len(ex.hints)} for {ex.id}: {ex.hints[tier]}")
    if shown >= len(ex.hints) - 1:
        more = "" if _core.solutions_off() else f" solution({ex.id!r}) shows the reference answer."
        print(f"That is the last hint.{more}")


def solution(name):
    """Print the reference answer of exercise ``name``, unless solutions are off."""
    ex = _lookup(name)
    if ex is None:
        return
    if _core.solutions_off():
        print(f"Solutions are switched off for this run; hint({ex.id!r}) still helps.")
        return
    print(f"A reference answer for {ex.id}:\n")
    print(ex.solution_code().rstrip())


def get_exercise(name):
    """The :class:`Exercise` object of ``name`` (task, hints, points, reference)."""
    if name not in EXERCISES:
        raise KeyError(f"exercise must be one of {sorted(EXERCISES)}. Got {name!r} instead.")
    return EXERCISES[name]


def exercises(notebook=None):
    """The exercise ids, in catalogue order, optionally only those of one notebook."""
    return [ex.id for ex in EXERCISES.values() if notebook is None or ex.notebook == notebook]


class Score:
    """Points so far; prints as one line, displays nothing more in a notebook."""

    def __init__(self, points, max_points, lines):
        self.points, self.max_points, self.lines = points, max_points, lines

    def __repr__(self):
        return f"Score({_core._num(self.points)}/{self.max_points})"

    def _ipython_display_(self):
        pass


def _collect(notebook):
    ids = exercises(notebook) if notebook else list(_core.RESULTS)
    rows = []
    for ex_id in ids:
        ex = EXERCISES[ex_id]
        res = _core.RESULTS.get(ex_id)
        status = res.status if res else "not checked"
        rows.append((ex, res.points if res else 0, status))
    return rows


def score(notebook=None):
    """Print and return the total points: of one notebook's exercises, or of every check run so far."""
    rows = _collect(notebook)
    points = sum(p for _, p, _ in rows)
    total = sum(ex.points for ex, _, _ in rows)
    label = f"{notebook}: " if notebook else ""
    line = f"{label}{_core._num(points)}/{total} points"
    print(f"Score: {line}")
    return Score(points, total, [line])


_WORDS = {"pass": "correct", "fail": "not right yet", "error": "did not run", "not_done": "not done yet",
          "not checked": "not checked yet"}


def report(notebook=None):
    """Print one line per exercise and the total; return the :class:`Score`."""
    rows = _collect(notebook)
    points = sum(p for _, p, _ in rows)
    total = sum(ex.points for ex, _, _ in rows)
    width = max((len(ex.id) for ex, _, _ in rows), default=0)
    lines = [f"Score{' for ' + notebook if notebook else ''}: {_core._num(points)}/{total} points"]
    for ex, p, status in rows:
        symbol = _core.SYMBOLS.get(status, _core.SYMBOLS["not_done"])
        word = "partly right" if status == "fail" and p else _WORDS.get(status, status)
        lines.append(f"  {symbol} {ex.id:<{width}}  {_core._num(p):>2}/{ex.points:<2}  {word}")
    print("\n".join(lines))
    return Score(points, total, lines)


def reset():
    """Forget the recorded results and hint tiers (e.g. before re-running a notebook)."""
    _core.RESULTS.clear()
    _core.HINTS_SHOWN.clear()
