"""Quiz 6 of the lecture (60 points): four questions of 15 points, with partial credit."""
import numpy as np

from .._core import Exercise, Mistake, fmt
from . import activations, softmax

NOTEBOOK = "quiz_06"
TABLES = {
    "OR": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 1]),
    "AND": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]),
    "NOT": ([[0], [1]], [1, 0]),
    "XOR": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]),
}
R2_FLOOR = 0.2


def train_perceptron(X, y, lr=1.0, max_epochs=100):
    X = np.asarray(X, dtype=float)
    X_aug = np.hstack([np.ones((len(X), 1)), X])  # x0 = 1 carries the bias w0
    w = np.zeros(X_aug.shape[1])
    for _ in range(max_epochs):
        changed = False
        for x, target in zip(X_aug, y):
            computed = 1.0 if w @ x >= 0 else 0.0
            if computed != target:
                w = w - lr * x * (computed - target)
                changed = True
        if not changed:  # a full pass without a change: every sample is right
            return w, True
    return w, False


Q1_NO_BIAS = Mistake("missing_bias", "w has one entry per input, without the bias w0",
                     "augment every x with x0 = 1 so that w = (w0, w1, ..., wn).")
Q1_NOT_CONVERGED = Mistake("not_converged", "training stopped without a solution on a gate that has one",
                           "check the update's sign: w <- w - lr * x_aug * (C - O), with C computed and O the target; "
                           "and allow enough epochs.")
Q1_STRICT = Mistake("strict_inequality", "your weights classify the table only with > 0; the course uses >= 0",
                    "compute the output as 1 if w.x >= 0 else 0, both in training and here.")
Q1_XOR_CLAIM = Mistake("claims_xor_solved", "your training reports convergence on XOR",
                       "no line separates XOR: report converged = False when max_epochs pass with changes.")


def _perceptron_part(ctx, f, gate):
    X, y = (np.array(v, dtype=float) for v in TABLES[gate])
    got = ctx.call(f, X, y, where=f"the {gate} truth table", arg_names=["X", "y"])
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        ctx.fail(f"Return the pair (w, converged); got {fmt(got)}.", mistake="wrong_type")
    w = ctx.as_array(got[0], "w", f"the {gate} truth table").ravel()
    converged = got[1]
    if not isinstance(converged, (bool, np.bool_)):
        ctx.fail(f"converged should be True or False; got {fmt(converged)}.", mistake="wrong_type")
    n = X.shape[1]
    if w.size == n:
        ctx.fail(f"w has {w.size} entries for {n} input(s).", mistake=Q1_NO_BIAS)
    if w.size != n + 1:
        ctx.fail(f"w should have {n + 1} entries (w0, then one per input); got {w.size}.", mistake="wrong_shape")
    z = w[0] + X @ w[1:]
    out = (z >= 0).astype(float)
    if gate == "XOR":
        if converged:
            ctx.fail(f"For XOR you returned converged = True with w = {fmt(w)}.", mistake=Q1_XOR_CLAIM)
        return
    if not converged:
        ctx.fail(f"For {gate} you returned converged = False (w = {fmt(w)}).", mistake=Q1_NOT_CONVERGED)
    if not np.array_equal(out, y):
        lines = [f"With w = {fmt(w)} the outputs are {fmt(out)}; {gate} is {fmt(y)}."]
        if np.array_equal((z > 0).astype(float), y):
            ctx.fail(*lines, mistake=Q1_STRICT)
        ctx.fail(*lines, hint="return the weights of the last pass, the one that changed nothing.")


def _random_table(rng, separable):
    """A truth table on 3 binary inputs: a random threshold function, or parity (not separable)."""
    X = np.array([[(i >> k) & 1 for k in range(3)] for i in range(8)], dtype=float)
    if not separable:
        return X, X.sum(axis=1) % 2
    while True:
        w = rng.integers(-3, 4, size=4).astype(float)
        y = (w[0] + X @ w[1:] >= 0).astype(float)
        if 0 < y.sum() < 8:
            return X, y


def _hidden_part(ctx, f, separable):
    """A table the student cannot know in advance: the training must behave like the reference's."""
    X, y = _random_table(ctx.rng, separable)
    where = f"the hidden table X = {X.astype(int).tolist()}, y = {y.astype(int).tolist()}"
    got = ctx.call(f, X, y, 1.0, 1000, where=where, arg_names=["X", "y", "lr", "max_epochs"])
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        ctx.fail(f"Return the pair (w, converged); got {fmt(got)}.", mistake="wrong_type")
    w_ref, converged_ref = train_perceptron(X, y, 1.0, 1000)
    if bool(got[1]) != converged_ref:
        ctx.fail(f"At {where} you returned converged = {got[1]!r}; the perceptron rule gives {converged_ref}.",
                 mistake=Q1_XOR_CLAIM if not separable else Q1_NOT_CONVERGED)
    w = ctx.as_array(got[0], "w", where).ravel()
    if separable and (w.size != 4 or not np.array_equal((w[0] + X @ w[1:] >= 0).astype(float), y)):
        ctx.fail(f"At {where} your w = {fmt(w)} does not classify the table.",
                 hint="train on the table you are given: no answer can be looked up in advance.")


def _check_q1(ctx, f):
    for gate, points in (("OR", 4), ("AND", 4), ("NOT", 4)):
        with ctx.part(f"{gate} learned", points):
            _perceptron_part(ctx, f, gate)
            _hidden_part(ctx, f, separable=True)
    with ctx.part("XOR: no solution found", 3):
        _perceptron_part(ctx, f, "XOR")
        _hidden_part(ctx, f, separable=False)


def diabetes_r2():
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = load_diabetes(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
    # scaling inside the pipeline, so the model takes the raw test rows
    model = make_pipeline(StandardScaler(), MLPRegressor(
        hidden_layer_sizes=(16,), alpha=1.0, learning_rate_init=0.01, early_stopping=True,
        max_iter=2000, random_state=0))
    model.fit(X_train, y_train)
    return {"model": model, "X_test": X_test, "y_test": y_test, "r2": model.score(X_test, y_test)}


Q2_SCALED = Mistake("scaled_test_rows", "X_test is not made of rows of the diabetes data (scaled outside the model?)",
                    "return the raw test rows; put the scaler and the MLP in one pipeline: "
                    "make_pipeline(StandardScaler(), MLPRegressor(...)).")
Q2_SIZE = Mistake("test_size", "the test set is not 25% of the 442 samples",
                  "train_test_split(X, y, test_size=0.25, ...).")
Q2_TRAIN_R2 = Mistake("r2_on_training_data", "your R^2 matches the training data, not the test data",
                      "report model.score(X_test, y_test).")
Q2_LOOKUP = Mistake("looks_up_rows", "the model predicts the known rows well but not rows it cannot have seen "
                    "(it looks answers up instead of computing them)",
                    "fit an MLPRegressor on the training rows and return the fitted model; it is also judged on "
                    "rows drawn at grading time.")
PERTURB = 0.1  # noise added to each feature, in units of that feature's standard deviation
Q2_NOT_MLP = Mistake("not_an_mlp", "the model is not a multilayer perceptron",
                     "use sklearn.neural_network.MLPRegressor.")


def _final_estimator(ctx, model):
    steps = ctx.attr(model, "steps")
    ok = isinstance(steps, list) and steps and isinstance(steps[-1], (tuple, list)) and len(steps[-1]) == 2
    return steps[-1][1] if ok else model


def _check_q2(ctx, f):
    from sklearn.datasets import load_diabetes

    answer = ctx.call(f, where="diabetes_r2()")
    if not isinstance(answer, dict) or not {"model", "X_test", "y_test", "r2"} <= set(answer):
        ctx.fail("Return a dict with the keys 'model', 'X_test', 'y_test' and 'r2'; got "
                 f"{fmt(sorted(answer) if isinstance(answer, dict) else answer)}.", mistake="wrong_type")
    X, y = load_diabetes(return_X_y=True)
    rows = {tuple(np.round(r, 10)): t for r, t in zip(X, y)}
    X_test = np.asarray(answer["X_test"], dtype=float) if np.ndim(answer["X_test"]) == 2 else None
    y_test = np.ravel(np.asarray(answer["y_test"], dtype=float))
    model = answer["model"]
    true_r2 = None
    with ctx.part("25% test split of the diabetes data", 5):
        if X_test is None or X_test.shape[1] != X.shape[1]:
            ctx.fail(f"X_test should have shape (111, 10); got {fmt(np.shape(answer['X_test']))}.", mistake="wrong_shape")
        found = [tuple(np.round(r, 10)) in rows for r in X_test]
        if not all(found):
            ctx.fail(f"{found.count(False)} of the {len(found)} rows of X_test are not rows of the diabetes data.",
                     mistake=Q2_SCALED)
        if len(X_test) not in (110, 111):
            ctx.fail(f"X_test has {len(X_test)} rows; 25% of 442 is 111 (110 also accepted).", mistake=Q2_SIZE)
        targets = np.array([rows[tuple(np.round(r, 10))] for r in X_test])
        if y_test.shape != targets.shape or not np.allclose(y_test, targets):
            ctx.fail("y_test does not hold the targets of the rows of X_test.", mistake="pairs_broken")
    with ctx.part("R^2 computed on the test data", 5):
        if X_test is None:
            ctx.fail("Without a valid X_test the R^2 cannot be checked.")
        pred = ctx.call(getattr(model, "predict", None), X_test, where="model.predict(X_test)",
                        error_hint="return the fitted model, one that takes the raw rows of X_test.")
        pred = ctx.as_array(pred, "model.predict(X_test)").ravel()
        if pred.shape != y_test.shape:
            ctx.fail(f"model.predict(X_test) has {pred.size} values for {y_test.size} targets.", mistake="wrong_shape")
        true_r2 = 1 - np.sum((y_test - pred) ** 2) / np.sum((y_test - y_test.mean()) ** 2)
        reported = ctx.as_array(answer["r2"], "r2")
        if reported.size != 1 or not np.isclose(float(reported.ravel()[0]), true_r2, rtol=1e-6, atol=1e-9):
            ctx.fail(f"You reported r2 = {fmt(answer['r2'])}, but the model's R^2 on X_test, y_test is {true_r2:.4f}.",
                     hint="use model.score(X_test, y_test) or r2_score(y_test, model.predict(X_test)).")
    with ctx.part(f"an MLP with R^2 of at least {R2_FLOOR}", 5):
        est_type = ctx.type_name(_final_estimator(ctx, model)).rsplit(".", 1)[-1]
        if "MLP" not in est_type:
            ctx.fail(f"The model is a {est_type}.", mistake=Q2_NOT_MLP)
        if true_r2 is None:
            ctx.fail("The test R^2 could not be computed (see above).")
        if not true_r2 >= R2_FLOOR:
            ctx.fail(f"The test R^2 is {true_r2:.3f}, below {R2_FLOOR}.",
                     hint="scale the inputs (StandardScaler in a pipeline), use a small hidden layer, "
                          "some L2 (alpha) and early stopping; a linear model reaches about 0.35.")
        # Rows no submission can have seen: the test rows plus noise drawn now.
        X_new = X_test + ctx.rng.normal(0, PERTURB, size=X_test.shape) * X.std(axis=0)
        where = f"model.predict(X_test + noise of {PERTURB} standard deviations, drawn at grading time)"
        pred = ctx.as_array(ctx.call(getattr(model, "predict", None), X_new, where=where), where).ravel()
        if pred.shape != y_test.shape:
            ctx.fail(f"{where} has {pred.size} values for {y_test.size} rows.", mistake="wrong_shape")
        new_r2 = 1 - np.sum((y_test - pred) ** 2) / np.sum((y_test - y_test.mean()) ** 2)
        if not new_r2 >= R2_FLOOR:
            ctx.fail(f"On X_test your model's R^2 is {true_r2:.3f}, but on the same rows with a little noise it is "
                     f"{new_r2:.3f}, below {R2_FLOOR}.", mistake=Q2_LOOKUP)
        ctx.notes.append(f"Your test R^2: {true_r2:.3f} (on rows drawn at grading time: {new_r2:.3f}).")


def _check_q3(ctx, f):
    with ctx.part("tanh(z) = 2 sigma(2z) - 1 on arrays", 10):
        activations.check_tanh_values(ctx, f)
    with ctx.part("stable at z = -1000 and 1000 (no overflow)", 5):
        activations.check_tanh_large(ctx, f)


def _check_q4(ctx, f):
    with ctx.part("the lecture's example [2.33, -1.46, 0.56]", 5):
        softmax.check_softmax_vector(ctx, f)
    with ctx.part("large logits without overflow", 5):
        softmax.check_softmax_large(ctx, f)
    with ctx.part("batches and the axis argument", 5):
        softmax.check_softmax_axes(ctx, f)


EXERCISES = [
    Exercise(
        "q1_perceptron_gates", NOTEBOOK,
        "Write `train_perceptron(X, y, lr=1.0, max_epochs=100)` returning `(w, converged)`: start from zero "
        "weights, go through the samples, update w <- w - lr * x_aug * (C - O) when the output C (1 if "
        "w.x_aug >= 0) differs from the target O, and stop after a pass without change (converged = True) or "
        "after max_epochs passes (converged = False). OR, AND and NOT (one input) are learned, XOR is not.",
        train_perceptron, _check_q1,
        ["x_aug = (1, x1, ..., xn); w starts as np.zeros(n_features + 1).",
         "Keep a flag `changed` per pass; return (w, True) as soon as a pass leaves it False.",
         "After the loop over max_epochs, return (w, False): XOR ends up here."],
        points=15, answer_name="train_perceptron",
        stub="def train_perceptron(X, y, lr=1.0, max_epochs=100):\n    ...\n"),
    Exercise(
        "q2_diabetes_r2", NOTEBOOK,
        "Write `diabetes_r2()`: load scikit-learn's diabetes data, keep 25% for testing, fit an `MLPRegressor` "
        "(scale inside a pipeline) and return a dict with 'model', 'X_test', 'y_test' (the raw test rows) and "
        "'r2', the R^2 on the test data.",
        diabetes_r2, _check_q2,
        ["load_diabetes(return_X_y=True) and train_test_split(X, y, test_size=0.25, random_state=0).",
         "make_pipeline(StandardScaler(), MLPRegressor(...)) scales the inputs inside the model.",
         "A small hidden layer, alpha=1.0, early_stopping=True and learning_rate_init=0.01 train in a second."],
        points=15, answer_name="diabetes_r2", timeout=60.0,
        stub="def diabetes_r2():\n    ...\n"),
    Exercise(
        "q3_tanh_via_sigmoid", NOTEBOOK,
        "Write `tanh_via_sigmoid(z)` with the lecture's identity tanh(z) = 2 sigma(2z) - 1, for arrays of any "
        "shape, with a stable sigmoid (no overflow at z = -1000) and without calling np.tanh.",
        activations.tanh_via_sigmoid, _check_q3,
        ["tanh(x) = 2 sigmoid(2x) - 1.", "A stable sigmoid: e = np.exp(-np.abs(x)); np.where(x >= 0, 1/(1+e), e/(1+e)).",
         "Apply that sigmoid to 2 * z, then return 2 * s - 1."],
        points=15, answer_name="tanh_via_sigmoid", stub="def tanh_via_sigmoid(z):\n    ...\n"),
    Exercise(
        "q4_stable_softmax", NOTEBOOK,
        "Write a stable `softmax(z, axis=-1)`: probabilities along `axis` for arrays of any shape, shifted by "
        "the maximum so that logits like 1000 do not overflow.",
        softmax.softmax, _check_q4,
        ["The lecture: subtract D = max(z) from every logit; the probabilities do not change.",
         "Take the max and the sum along `axis` with keepdims=True.",
         "e = np.exp(z - np.max(z, axis=axis, keepdims=True)); return e / np.sum(e, axis=axis, keepdims=True)."],
        points=15, answer_name="softmax", stub="def softmax(z, axis=-1):\n    ...\n"),
]
