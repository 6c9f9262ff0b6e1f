"""Exercises of 06_backpropagation, the second half of the reader's library: the gradient check, the initial
parameters, the update and the training loop."""
import numpy as np

from ...grading.wire import portable
from .._core import Exercise, Mistake, _Stop, describe, fmt, run_check
from .._runner import is_stub
from ._network import call_pure, expect_arrays, random_network, same_arrays, unpack
from .backprop import EXERCISES as backprop_exercises
from .backprop import NOTEBOOK, backward, se_output
from .forward import EXERCISES as forward_exercises
from .forward import forward_pass


def numerical_gradient(f, theta, h=1e-5):
    theta = np.array(theta, dtype=float)  # a copy to nudge: the caller's array stays as it was
    grad = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):  # every entry, whatever the shape of theta
        old = theta[i]
        theta[i] = old + h
        f_plus = f(theta)
        theta[i] = old - h
        f_minus = f(theta)
        theta[i] = old  # restored before the next entry is nudged
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


NG_FORWARD = Mistake("forward_difference", "you used the forward difference (f(theta + h) - f(theta)) / h",
                     "the central difference (f(theta + h e_i) - f(theta - h e_i)) / (2 h) is far more exact.")
NG_BY_H = Mistake("divides_by_h", "you divided by h instead of 2 h: your gradient is twice too large",
                  "theta + h and theta - h are 2 h apart: divide the difference by 2 * h.")
NG_ROWS = Mistake("only_1d", "you nudged whole rows at once: theta[i] of a 2-D array is a row",
                  "loop over every entry: for i in np.ndindex(theta.shape), then theta[i] is one number.")
NG_NOT_RESTORED = Mistake("not_restored", "each entry stays nudged, so later entries are measured at a moved theta",
                          "after the two evaluations put the entry back: theta[i] = old.")
NG_CHANGED = Mistake("mutated_input", "the caller's theta was left changed",
                     "work on a copy (theta = np.array(theta, dtype=float)) or put each entry back after nudging it.")


def _gradient_as(f, theta, h, forward=False, rows=False, restore=True):
    """``numerical_gradient`` with a slip: forward differences, whole rows nudged, or entries not put back."""
    theta = np.array(theta, dtype=float)
    grad = np.zeros_like(theta)
    for i in range(len(theta)) if rows else np.ndindex(theta.shape):
        old = np.copy(theta[i])
        theta[i] = old + h
        up = f(theta)
        theta[i] = old if forward else old - h
        grad[i] = (up - f(theta)) / (h if forward else 2 * h)
        theta[i] = old if restore else theta[i]
    return grad


def _check_numerical_gradient(ctx, f):
    rng = np.random.default_rng(10)
    cases = [(rng, (3,), 1e-2), (rng, (2, 3), 1e-2), (ctx.rng, tuple(ctx.rng.integers(2, 4, size=2)), 5e-3),
             (ctx.rng, tuple(ctx.rng.integers(1, 3, size=3)), None)]
    for source, shape, h in cases:
        theta = source.uniform(-2, 2, shape)
        # a test function the grader can send into the student's kernel (no answer of any exercise)
        fun = portable("curved", c=source.uniform(0.5, 2, shape), w=source.normal(size=shape))
        where = f"f(theta) = sum(c * theta**3) + (w . theta)**2 / 2, theta of shape {shape}" + (
            f", h = {h:g}" if h else " and the default h")
        got = call_pure(ctx, f, fun, theta, *([h] if h else []), changed=NG_CHANGED, where=where,
                        arg_names=["f", "theta", "h"],
                        error_hint="theta can have any shape: loop over np.ndindex(theta.shape) and nudge theta[i].")
        h = h or 1e-5
        expected = numerical_gradient(fun, theta, h)
        mistakes = [(NG_FORWARD, _gradient_as(fun, theta, h, forward=True)), (NG_BY_H, 2 * expected),
                    (NG_NOT_RESTORED, _gradient_as(fun, theta, h, restore=False))]
        if len(shape) > 1:
            mistakes.append((NG_ROWS, _gradient_as(fun, theta, h, rows=True)))
        ctx.expect_close(got, expected, where=where, what="the gradient", mistakes=mistakes)


def init_params(sizes, rng, scale=0.1):
    # one draw per layer, in order: the same seed gives the same network
    weights = [scale * rng.standard_normal((n_in, n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    biases = [np.zeros(n_out) for n_out in sizes[1:]]  # the random weights already make the units differ
    return weights, biases


IP_TRANSPOSED = Mistake("transposed_weights", "your weight matrices are transposed, (n_out, n_in)",
                        "W_l has shape (n_in, n_out) so that z = a @ W + b: (2, 3) for 2 inputs and 3 units.")
IP_NO_SCALE = Mistake("ignores_scale", "your weights do not use the scale argument",
                      "multiply the standard normal draws by scale: scale * rng.standard_normal((n_in, n_out)).")
IP_BIASES = Mistake("random_biases", "your biases are not zero", "start every bias at zero: np.zeros(n_out).")
IP_GLOBAL = Mistake("global_random", "two calls with the same seed gave different weights: they do not come from rng",
                    "draw with the rng argument, rng.standard_normal(...), not np.random.randn or np.random.normal.")
IP_NO_RNG = Mistake("ignores_rng", "two different seeds gave the same weights: the rng argument is not used",
                    "draw with the rng you are given: rng.standard_normal((n_in, n_out)).")


def _init_call(ctx, f, sizes, seed, scale):
    where = f"sizes = {sizes}, rng = np.random.default_rng({seed})" + (f", scale = {scale:g}" if scale else "")
    got = ctx.call(f, list(sizes), np.random.default_rng(seed), *([scale] if scale else []), where=where,
                   arg_names=["sizes", "rng", "scale"])
    return unpack(ctx, got, ["weights", "biases"], where), where


def _check_init_params(ctx, f):
    seed = int(ctx.rng.integers(2 ** 31))
    cases = [([2, 3, 1], 0, None), ([4, 5, 5, 3], seed, 0.5),
             ([int(s) for s in ctx.rng.integers(1, 7, size=int(ctx.rng.integers(2, 6)))], seed + 1,
              round(float(ctx.rng.uniform(0.01, 1.0)), 3))]
    for k, (sizes, seed, scale) in enumerate(cases):
        (weights, biases), where = _init_call(ctx, f, sizes, seed, scale)
        for what, got in (("weights", weights), ("biases", biases)):
            if not isinstance(got, (list, tuple)) or len(got) != len(sizes) - 1:
                ctx.fail(f"{what} at {where} should be a list of {len(sizes) - 1} arrays, one per layer; "
                         f"got {describe(got)}.", mistake="wrong_type")
        scale = scale or 0.1
        ref_W, ref_b = init_params(sizes, np.random.default_rng(seed), scale)
        shapes = [np.shape(W) for W in weights]
        if shapes == [W.T.shape for W in ref_W] != [W.shape for W in ref_W]:
            ctx.fail(f"Your weight shapes at {where} are {shapes}.", mistake=IP_TRANSPOSED)
        nonzero = [i for i, b in enumerate(biases) if np.shape(b) == ref_b[i].shape and np.any(b)]
        if nonzero:
            ctx.fail(f"At {where}, biases[{nonzero[0]}] = {fmt(biases[nonzero[0]])}.", mistake=IP_BIASES)
        if k == 0:
            (again, _), _ = _init_call(ctx, f, sizes, seed, None)
            if not same_arrays(again, weights, 0, 0):
                ctx.fail(f"Two calls with rng = np.random.default_rng({seed}) gave different weights.",
                         mistake=IP_GLOBAL)
            (other, _), _ = _init_call(ctx, f, sizes, seed + 7, None)
            if same_arrays(other, weights, 0, 0):
                ctx.fail(f"The seeds {seed} and {seed + 7} gave the same weights.", mistake=IP_NO_RNG)
        expect_arrays(ctx, weights, ref_W, "weights", where, mistakes=[
            (IP_NO_SCALE, [W / scale for W in ref_W]), (IP_NO_SCALE, [W / scale * 0.1 for W in ref_W])])
        expect_arrays(ctx, biases, ref_b, "biases", where)


def sgd_step(weights, biases, grads_W, grads_b, lr):
    # new lists of new arrays: the caller's weights stay as they were (W -= ... would change them)
    new_weights = [W - lr * dW for W, dW in zip(weights, grads_W)]
    new_biases = [b - lr * db for b, db in zip(biases, grads_b)]
    return new_weights, new_biases


SG_SIGN = Mistake("update_sign_flipped", "you stepped up the gradient (W + lr * dW)",
                  "gradient descent goes against the gradient: W - lr * dW.")
SG_NO_LR = Mistake("ignores_lr", "the learning rate is not used", "multiply every gradient by lr: W - lr * dW.")
SG_NO_BIAS = Mistake("bias_not_updated", "the biases did not change", "the biases move too: b - lr * db.")
SG_IN_PLACE = Mistake("mutated_input", "you changed the caller's arrays in place (W -= lr * dW)",
                      "return new lists of new arrays: [W - lr * dW for W, dW in zip(weights, grads_W)]; "
                      "the caller may still need the old weights.")


def _check_sgd_step(ctx, f):
    rng = np.random.default_rng(12)
    cases = [(rng, random_network(rng, depth=2), 0.3),
             (ctx.rng, random_network(ctx.rng), float(ctx.rng.uniform(0.05, 2)))]
    for source, (sizes, _, weights, biases), lr in cases:
        grads_W = [source.normal(size=W.shape) for W in weights]
        grads_b = [source.normal(size=b.shape) for b in biases]
        where = f"a network with layer sizes {sizes}, lr = {lr:g}"
        got = call_pure(ctx, f, weights, biases, grads_W, grads_b, lr, changed=SG_IN_PLACE, where=where,
                        arg_names=["weights", "biases", "grads_W", "grads_b", "lr"])
        new_W, new_b = unpack(ctx, got, ["new_weights", "new_biases"], where)
        step = [W - lr * g for W, g in zip(weights, grads_W)]
        expect_arrays(ctx, new_W, step, "new_weights", where, mistakes=[
            (SG_SIGN, [W + lr * g for W, g in zip(weights, grads_W)]),
            (SG_NO_LR, [W - g for W, g in zip(weights, grads_W)])])
        expect_arrays(ctx, new_b, [b - lr * g for b, g in zip(biases, grads_b)], "new_biases", where, mistakes=[
            (SG_NO_BIAS, biases), (SG_SIGN, [b + lr * g for b, g in zip(biases, grads_b)])])


def train(X, Y, weights, biases, lr, epochs, batch_size=None, rng=None, output=se_output):
    n = len(X)
    losses = []
    for _ in range(epochs):
        if batch_size is None or batch_size >= n:
            batches = [np.arange(n)]  # one full-batch step per epoch
        else:
            order = rng.permutation(n)  # a new order every epoch
            batches = [order[i:i + batch_size] for i in range(0, n, batch_size)]  # the last may be smaller
        total = 0.0
        for batch in batches:
            zs, activations = forward_pass(X[batch], weights, biases)
            E, delta = output(zs[-1], Y[batch])  # E at the weights before this batch's update
            grads_W, grads_b = backward(delta, zs, activations, weights)
            weights, biases = sgd_step(weights, biases, grads_W, grads_b, lr)
            total += E * len(batch)
        losses.append(total / n)  # the epoch's mean loss: each batch weighted by its size
    return weights, biases, losses


TRAIN_SLIPS = {
    "loss_after_update": Mistake(
        "loss_after_update", "your losses were measured after the updates (at the end of each epoch)",
        "keep the E that output returns for each batch, before sgd_step changes the weights: the course's MLP "
        "records its loss_curve_ the same way."),
    "not_shuffled": Mistake(
        "not_shuffled", "the mini-batches are not shuffled", "draw order = rng.permutation(n) at the start of "
        "every epoch and take the batches order[i:i + batch_size]."),
    "shuffled_once": Mistake(
        "shuffled_once", "the samples are shuffled once, not at the start of every epoch",
        "call rng.permutation(n) inside the loop over the epochs."),
    "dropped_last_batch": Mistake(
        "dropped_last_batch", "the last, smaller mini-batch is left out",
        "range(0, n, batch_size) also starts a last batch with the n % batch_size samples left over."),
    "sum_of_batch_losses": Mistake(
        "sum_of_batch_losses", "each loss is the sum of the epoch's batch losses",
        "weight each batch's E by its size and divide the total by n: the mean loss over the epoch's samples."),
    "unweighted_mean": Mistake(
        "unweighted_mean", "each loss is the plain mean of the batch losses",
        "the last batch may be smaller: weight each E by len(batch) and divide the total by n."),
    "ignores_output": Mistake(
        "ignores_output", "the output argument is not used: the result is that of se_output",
        "call E, delta = output(zs[-1], Y_batch) with the function passed in, not se_output by name."),
}
TR_GLOBAL = Mistake("global_random", "two runs with the same rng gave different results: the shuffling does not "
                    "come from rng", "shuffle with the rng argument, order = rng.permutation(n), not np.random.")


def _train_as(X, Y, weights, biases, lr, epochs, batch_size, seed, output, slip=""):
    """The course's training loop with one slip of ``TRAIN_SLIPS`` (or none)."""
    n = len(X)
    step = n if batch_size is None or batch_size >= n else batch_size
    rng = np.random.default_rng(seed)
    once = rng.permutation(n) if slip == "shuffled_once" else None
    losses = []
    for _ in range(epochs):
        order = np.arange(n) if step == n or slip == "not_shuffled" else once if slip == "shuffled_once" else (
            rng.permutation(n))
        seen = []
        for i in range(0, n - n % step if slip == "dropped_last_batch" else n, step):
            zs, acts = forward_pass(X[order[i:i + step]], weights, biases)
            E, delta = output(zs[-1], Y[order[i:i + step]])
            weights, biases = sgd_step(weights, biases, *backward(delta, zs, acts, weights), lr)
            seen.append((E, len(zs[-1])))
        after = output(forward_pass(X, weights, biases)[0][-1], Y)[0]
        losses.append({"loss_after_update": after, "sum_of_batch_losses": sum(E for E, _ in seen),
                       "unweighted_mean": np.mean([E for E, _ in seen])}.get(slip, sum(E * m for E, m in seen) / n))
    return weights, biases, losses


def _linear_output(scale):
    """An output layer to pass as ``output``: the identity with squared error times ``scale``.

    Not se_output nor softmax_ce_output: the grader sends it into the student's kernel by name
    (:func:`nbhelpers.grading.wire.portable`), and no answer of an exercise may go there.
    """
    return portable("linear_se", scale=scale)


def _output_text(output):
    """How an output of :func:`_linear_output` is named in the feedback."""
    scale = output.params["scale"]
    factor = "" if scale == 1 else f"{scale:g} * "
    return f"output = the identity with E = {factor}mean 1/2 ||z - y||^2, delta = {factor}(z - Y) / n"


def _train_case(source, n, sizes, lr, epochs, batch_size=None, seed=None, output=None):
    """A small problem: X, Y (any real numbers for a linear output, else in [0, 1]) and initial parameters."""
    X = source.normal(size=(n, sizes[0]))
    k = sizes[-1]
    Y = source.normal(size=(n, k)) if output is not None else source.uniform(0, 1, (n, k))
    weights, biases = init_params(sizes, source, 0.5)
    return X, Y, weights, biases, lr, epochs, batch_size, seed, output


def _train_cases(ctx):
    rng, draw = np.random.default_rng(13), ctx.rng
    n = int(draw.integers(5, 10))
    sizes = [int(s) for s in draw.integers(1, 5, size=int(draw.integers(2, 5)))]
    output = _linear_output(round(float(draw.uniform(0.5, 2)), 2)) if draw.random() < 0.5 else None
    return [_train_case(rng, 6, [2, 3, 1], 0.5, 4), _train_case(rng, 7, [2, 4, 2], 0.5, 3, 3, 1),
            _train_case(rng, 6, [2, 3, 3], 0.5, 3, 4, 2, _linear_output(1.0)),
            _train_case(draw, n, sizes, float(draw.uniform(0.1, 1)), int(draw.integers(2, 5)),
                        int(draw.integers(2, n)), int(draw.integers(2 ** 31)), output),
            _train_case(draw, n, sizes[::-1], float(draw.uniform(0.1, 1)), 2, n + int(draw.integers(0, 3)),
                        int(draw.integers(2 ** 31)))]


def _train_call(ctx, f, X, Y, weights, biases, lr, epochs, batch_size, seed, output):
    options = {"batch_size": batch_size, "rng": None if seed is None else np.random.default_rng(seed),
               "output": output}
    options = {k: v for k, v in options.items() if v is not None}
    where = f"X of shape {X.shape}, Y {Y.shape}, layer sizes {[W.shape[0] for W in weights] + [Y.shape[1]]}, " \
            f"lr = {lr:g}, epochs = {epochs}" + "".join(
                ", " + (f"rng = np.random.default_rng({seed})" if k == "rng" else _output_text(v) if k == "output"
                        else f"{k} = {v}") for k, v in options.items())
    got = ctx.call(f, X, Y, weights, biases, lr, epochs, where=where, **options,
                   arg_names=["X", "Y", "weights", "biases", "lr", "epochs"])
    return unpack(ctx, got, ["weights", "biases", "losses"], where), where


def _check_train_cases(ctx, f):
    for k, case in enumerate(_train_cases(ctx)):
        X, Y, weights, biases, lr, epochs, batch_size, seed, output = case
        got, where = _train_call(ctx, f, *case)
        if k == 1:
            again, _ = _train_call(ctx, f, *case)
            if not all(same_arrays(a, b, 0, 0) for a, b in zip(got, again)):
                ctx.fail(f"Two runs at {where} gave different results.", mistake=TR_GLOBAL)
        expected = _train_as(*case[:-1], output or se_output)
        slips = ["loss_after_update"]
        if batch_size is not None and batch_size < len(X):
            slips += ["not_shuffled", "shuffled_once", "dropped_last_batch", "sum_of_batch_losses", "unweighted_mean"]
        wrong = {TRAIN_SLIPS[s]: _train_as(*case[:-1], output or se_output, slip=s) for s in slips}
        if output is not None:
            wrong[TRAIN_SLIPS["ignores_output"]] = _train_as(*case[:-1], se_output)
        for i, what in enumerate(("weights", "biases")):
            expect_arrays(ctx, got[i], expected[i], what, where, mistakes=[(m, v[i]) for m, v in wrong.items()])
        ctx.expect_close(got[2], expected[2], where=where, what="losses",
                         mistakes=[(m, v[2]) for m, v in wrong.items()])


def _helper_notes(f):
    """Lines naming the pieces that the reader's train calls and that do not pass their own checks."""
    found = getattr(f, "__globals__", {})
    exercises = {ex.id: ex for ex in forward_exercises + backprop_exercises + EXERCISES}
    notes = []
    for name in ("forward_pass", "backward", "sgd_step", "se_output"):
        helper = found.get(name)
        if callable(helper) and helper is not exercises[name].reference and not run_check(
                exercises[name], helper).passed:
            notes.append(f"Your train calls your {name}, which does not pass check({name!r}, {name}) yet: "
                         "fix it first.")
    return notes


def _only_raises(f):
    """True for a stub whose body is only ``raise NotImplementedError`` (or ``...``)."""
    return is_stub(f) or getattr(getattr(f, "__code__", None), "co_names", ()) == ("NotImplementedError",)


def _check_train(ctx, f):
    try:
        _check_train_cases(ctx, f)
    except _Stop as stop:
        notes = [] if stop.status == "not_done" and _only_raises(f) else _helper_notes(f)
        if not notes:
            raise
        lines = stop.lines or ["Your train stopped with NotImplementedError: a function it calls is not written yet."]
        status = "fail" if stop.status == "fail" else "error"
        raise _Stop(status, lines + notes, stop.mistake or "helper_fails") from None


EXERCISES = [
    Exercise(
        "numerical_gradient", NOTEBOOK,
        "Write `numerical_gradient(f, theta, h=1e-5)`: for a float array theta of any shape and a function f of "
        "such an array returning a number, return the array of central differences "
        "(f(theta + h e_i) - f(theta - h e_i)) / (2 h), one per entry i. theta must be unchanged afterwards.",
        numerical_gradient, _check_numerical_gradient,
        ["Nudge one entry at a time up by h and down by h, evaluate f each time, and put the entry back.",
         "np.ndindex(theta.shape) gives the index of every entry of an array of any shape; work on a copy "
         "(np.array(theta, dtype=float)) so the caller's theta never changes.",
         "for i in np.ndindex(theta.shape): old = t[i]; t[i] = old + h; up = f(t); t[i] = old - h; "
         "down = f(t); t[i] = old; grad[i] = (up - down) / (2 * h)."],
        stub="def numerical_gradient(f, theta, h=1e-5):\n    ...\n"),
    Exercise(
        "init_params", NOTEBOOK,
        "Write `init_params(sizes, rng, scale=0.1)` returning `(weights, biases)` for layer sizes such as [2, 3, 1]: "
        "W_l = scale * rng.standard_normal((n_in, n_out)), drawn layer by layer from the first, and b_l = zeros "
        "of shape (n_out,). Use only the rng you are given, so the same seed gives the same network.",
        init_params, _check_init_params,
        ["One weight matrix per pair of neighbouring sizes: zip(sizes[:-1], sizes[1:]).",
         "rng.standard_normal((n_in, n_out)) draws a whole matrix; multiply it by scale. Biases: np.zeros(n_out).",
         "weights = [scale * rng.standard_normal((i, o)) for i, o in zip(sizes[:-1], sizes[1:])]; "
         "biases = [np.zeros(o) for o in sizes[1:]]."],
        stub="def init_params(sizes, rng, scale=0.1):\n    ...\n"),
    Exercise(
        "sgd_step", NOTEBOOK,
        "Write `sgd_step(weights, biases, grads_W, grads_b, lr)`: one gradient-descent step, W_l - lr dW_l and "
        "b_l - lr db_l for every layer. Return new lists `(new_weights, new_biases)`; the arrays passed in must "
        "not change.",
        sgd_step, _check_sgd_step,
        ["Gradient descent moves every parameter against its gradient, by lr times the gradient.",
         "W - lr * dW makes a new array; W -= lr * dW would change the caller's array.",
         "return [W - lr * dW for W, dW in zip(weights, grads_W)], [b - lr * db for b, db in zip(biases, grads_b)]."],
        stub="def sgd_step(weights, biases, grads_W, grads_b, lr):\n    ...\n"),
    Exercise(
        "train", NOTEBOOK,
        "Write `train(X, Y, weights, biases, lr, epochs, batch_size=None, rng=None, output=se_output)` returning "
        "`(weights, biases, losses)`, with your forward_pass, backward and sgd_step. Each epoch: if batch_size is None "
        "or at least n, one step on the whole batch; otherwise order = rng.permutation(n) and one step on each batch "
        "order[i:i + batch_size], in order (the last may be smaller). A step: forward_pass, "
        "E, delta = output(zs[-1], Y_batch), backward, sgd_step. losses[epoch] is the mean of the epoch's batch "
        "losses E, each weighted by its batch size and taken before its update.",
        train, _check_train,
        ["Put together what you wrote: forward_pass, then output for E and delta, then backward, then sgd_step.",
         "Draw order = rng.permutation(n) once per epoch; batches are order[i:i + batch_size] for i in "
         "range(0, n, batch_size). Add E * len(batch) over the epoch and divide by n.",
         "for batch in batches: zs, acts = forward_pass(X[batch], weights, biases); E, delta = output(zs[-1], "
         "Y[batch]); weights, biases = sgd_step(weights, biases, *backward(delta, zs, acts, weights), lr); "
         "total += E * len(batch); then losses.append(total / n)."],
        stub="def train(X, Y, weights, biases, lr, epochs, batch_size=None, rng=None, output=se_output):\n    ...\n",
        uses=(forward_pass, backward, sgd_step, se_output)),
]
