"""Exercises of 08_regression: the R^2 score and an MLP that fits the ABS data."""
import numpy as np

from .._core import Exercise, Mistake, fmt

NOTEBOOK = "08_regression"
ABS_MAX_MSE = 0.1


def r2_score(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    ss_res = np.sum((y - y_hat) ** 2)
    ss_tot = np.sum((y - np.mean(y)) ** 2)  # the spread of the targets around their own mean
    return float(1 - ss_res / ss_tot)


R2_SWAPPED = Mistake("arguments_swapped", "you measured the spread around the mean of y_hat instead of y",
                     "SS_tot = sum((y - mean(y))^2) uses the true targets y (the first argument).")
R2_NO_ONE = Mistake("forgot_one_minus", "you returned SS_res / SS_tot", "R^2 = 1 - SS_res / SS_tot.")
R2_CORR = Mistake("squared_correlation", "you returned the squared correlation of y and y_hat",
                  "for a model's predictions R^2 = 1 - SS_res / SS_tot, which can even be negative.")
R2_MSE = Mistake("returned_mse", "you returned the mean squared error", "R^2 = 1 - SS_res / SS_tot.")


def _check_r2_score(ctx, f):
    cases = [(np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0])),
             (np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([2.0, 2.0, 2.5, 5.0, 3.0])),
             (np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 1.0]))]
    for n in ctx.rng.integers(4, 30, size=2):
        y = ctx.rng.normal(ctx.rng.normal(0, 10), ctx.rng.uniform(0.5, 5), size=int(n))
        cases.append((y, y + ctx.rng.normal(0, np.std(y) * ctx.rng.uniform(0.2, 1.5), size=int(n))))
    for y, y_hat in cases:
        where = f"y = {fmt(y)}, y_hat = {fmt(y_hat)}"
        got = ctx.call(f, y, y_hat, where=where, arg_names=["y", "y_hat"])
        res, tot = np.sum((y - y_hat) ** 2), np.sum((y - y.mean()) ** 2)
        ctx.expect_close(got, 1 - res / tot, where=where, what="R^2", mistakes=[
            (R2_SWAPPED, 1 - res / np.sum((y_hat - y_hat.mean()) ** 2)), (R2_NO_ONE, res / tot),
            (R2_CORR, np.corrcoef(y, y_hat)[0, 1] ** 2), (R2_MSE, res / len(y))])


def abs_model():
    from nbhelpers.datasets import regression_data
    from nbhelpers.models import MLP

    X, y = regression_data("ABS", n=100, noise=0.5, random_state=123)
    # three tanh hidden units and a linear (identity) output, as in the blog
    model = MLP(hidden=(3,), activation="tanh", output="identity", loss="squared_error",
                lr=0.1, epochs=2000, batch_size=None, random_state=0)
    return model.fit(X, y)


ABS_LINE = Mistake("straight_line", "your model's predictions lie on a straight line",
                   "a network without hidden units (or with identity hidden units) is linear: use a hidden layer of "
                   "tanh or sigmoid units.")
ABS_SQUASHED = Mistake("squashed_output", "the predictions stay inside (0, 1): the output unit is a sigmoid",
                       "for regression the output activation is the identity (output=\"identity\").")
ABS_FLAT = Mistake("not_trained", "the predictions are (nearly) constant",
                   "train longer, or with a larger learning rate.")


NOT_A_NETWORK = Mistake("not_a_network", "the predictions do not come from the network's own weights",
                        "train an nbhelpers MLP and set abs_model to it: abs_model = MLP(...).fit(X, y).")


def _network_output(ctx, model, x):
    """The output of a plain MLP recomputed here from its weights, or None if it is not one."""
    from nbhelpers import activations

    coefs, intercepts = ctx.attr(model, "coefs_"), ctx.attr(model, "intercepts_")
    act, out = ctx.attr(model, "activation"), ctx.attr(model, "output")
    if not (isinstance(coefs, list) and isinstance(intercepts, list) and len(coefs) == len(intercepts) and coefs):
        return None
    if ctx.attr(model, "batch_norm") or ctx.attr(model, "residual") or out != "identity":
        return None
    acts = [act] * (len(coefs) - 1) if isinstance(act, str) else act
    try:
        a = x
        for i, (W, b) in enumerate(zip(coefs, intercepts)):
            z = a @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float)
            a = activations.get(acts[i]).f(z) if i < len(coefs) - 1 else z
        return np.ravel(a)
    except (KeyError, ValueError, TypeError, IndexError):
        return None


def _check_is_the_network(ctx, model, x, pred):
    expected = _network_output(ctx, model, x)
    if expected is None or expected.shape != pred.shape or not np.allclose(pred, expected, rtol=1e-6, atol=1e-6):
        ctx.fail("abs_model should be a fitted nbhelpers MLP (identity output, no batch_norm or residual) whose "
                 "predictions are its own forward pass.", mistake=NOT_A_NETWORK)


def _check_abs_model(ctx, model):
    predict = getattr(model, "predict", None)
    if predict is None:
        ctx.fail(f"Expected a fitted model with a predict method, got {fmt(model)}.", mistake="wrong_type")
    x = np.linspace(-5, 5, 101).reshape(-1, 1)
    got = ctx.call(predict, x, where="x = 101 points from -5 to 5 (shape (101, 1))",
                   error_hint="is the model fitted? Call model.fit(X, y) first, with X of shape (n, 1).")
    pred = ctx.as_array(got, "the predictions").ravel()
    if pred.size != x.shape[0]:
        ctx.fail(f"predict returned {pred.size} values for 101 inputs.", mistake="wrong_shape")
    mse = float(np.mean((pred - np.abs(x.ravel())) ** 2))
    if mse <= ABS_MAX_MSE:
        _check_is_the_network(ctx, model, x, pred)
        ctx.notes.append(f"Mean squared error against |x|: {mse:.3f} (the goal: at most {ABS_MAX_MSE}).")
        return
    lines = [f"The mean squared error against |x| on [-5, 5] is {mse:.3f}; the goal is at most {ABS_MAX_MSE}."]
    if np.ptp(pred) < 0.05:
        ctx.fail(*lines, mistake=ABS_FLAT)
    if pred.min() >= 0 and pred.max() <= 1:
        ctx.fail(*lines, mistake=ABS_SQUASHED)
    line = np.polyval(np.polyfit(x.ravel(), pred, 1), x.ravel())
    if np.mean((pred - line) ** 2) < 1e-3 * max(np.var(pred), 1e-12) + 1e-9:
        ctx.fail(*lines, mistake=ABS_LINE)
    ctx.fail(*lines, hint="train for more epochs, try a few more hidden units, or a different learning rate.")


EXERCISES = [
    Exercise(
        "r2_score", NOTEBOOK,
        "Write `r2_score(y, y_hat)` = 1 - SS_res / SS_tot, with SS_res = sum (y - y_hat)^2 and "
        "SS_tot = sum (y - mean(y))^2.",
        r2_score, _check_r2_score,
        ["R^2 compares your model's squared error with that of always predicting the mean of y.",
         "SS_tot uses the true targets y, not the predictions.",
         "return 1 - np.sum((y - y_hat) ** 2) / np.sum((y - np.mean(y)) ** 2)."],
        stub="def r2_score(y, y_hat):\n    ...\n"),
    Exercise(
        "abs_model", NOTEBOOK,
        "Train an `MLP` on `datasets.regression_data(\"ABS\")` and set `abs_model` to the fitted model. It passes "
        f"when its mean squared error against |x| on [-5, 5] is at most {ABS_MAX_MSE}.",
        abs_model, _check_abs_model,
        ["A regression network needs a linear output: output=\"identity\", loss=\"squared_error\".",
         "The blog uses 3 tanh hidden units; full-batch training with lr around 0.1 needs a few thousand epochs.",
         "MLP(hidden=(3,), activation=\"tanh\", output=\"identity\", lr=0.1, epochs=2000).fit(X, y)."],
        kind="value", stub="abs_model = ...  # a fitted MLP\n", timeout=30.0),
]
