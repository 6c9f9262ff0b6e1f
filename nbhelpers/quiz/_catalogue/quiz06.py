"""Quiz 6 of the lecture (60 points): four questions of 15 points, with partial credit."""
import numpy as np

from .._core import Exercise, Mistake, _close, fmt
from .softmax import GLOBAL_MAX, IGNORES_AXIS, SUM_ALL, WRONG_AXIS

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


# --- Question 3: a tanh network rewritten with sigmoid units ----------------------------
def sigmoid_net_from_tanh(W, b, v, c):
    W, b, v, c = (np.asarray(a, dtype=float) for a in (W, b, v, c))
    # tanh(a) = 2 sigma(2a) - 1 with a = X W + b: sigma sees 2a = X (2W) + 2b, the factor 2 goes into
    # the output weights, and the -1 times v is a constant per output, moved into the output bias.
    return 2 * W, 2 * b, 2 * v, c - v.sum(axis=0)


def _sigmoid(z):
    e = np.exp(-np.abs(z))  # stable for the large pre-activations an answer may produce
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _tanh_net(X, W, b, v, c):
    return np.tanh(X @ W + b) @ v + c


def _sigmoid_net(X, W, b, v, c):
    return _sigmoid(X @ W + b) @ v + c


Q3_UNCHANGED = Mistake("returned_unchanged", "you returned the tanh network's own parameters",
                       "sigmoid units are not tanh units: write tanh(a) = 2 sigma(2a) - 1 for the hidden layer and "
                       "see what changes in W, b, v and c.")
Q3_HIDDEN = Mistake("hidden_not_doubled", "the hidden layer's W and b are not both doubled",
                    "the sigmoid's argument is 2a = X (2W) + 2b: double W and b.")
Q3_OUTPUT = Mistake("output_not_doubled", "the output weights v are not doubled",
                    "the factor 2 in front of sigma(2a) multiplies the hidden activations: it goes into v' = 2v.")
Q3_NO_SHIFT = Mistake("missing_output_shift", "the output bias c is unchanged",
                      "(2 sigma(2a) - 1) v = 2 sigma(2a) v - v: the -1 times v is a constant that the output bias "
                      "must absorb.")
Q3_SHIFT_SIGN = Mistake("shift_sign", "the output shift has the wrong sign: c + (sum of v)",
                        "the constant is -1 times v, so c' = c minus the sum of v over the hidden units.")
Q3_SHIFT_NEW_V = Mistake("shift_of_doubled_v", "the shift subtracts the sum of the doubled weights 2v",
                         "the constant is -1 times the given v, not the new 2v: c' = c - v.sum(axis=0).")
Q3_DOUBLED_C = Mistake("doubled_c", "the output bias c was doubled too",
                       "c is added after the hidden layer and nothing multiplies it: only the shift changes it.")
Q3_ALL_V = Mistake("summed_all_outputs", "the shift sums every entry of v instead of one sum per output",
                   "output k is shifted by the sum of column k of v: v.sum(axis=0), one entry per output.")
Q3_REVERSED = Mistake("reversed_conversion", "you converted the other way round (halved weights: sigmoid to tanh)",
                      "the given units are tanh and the answer's are sigmoid: tanh(a) = 2 sigma(2a) - 1, so the "
                      "weights double.")


def _q3_mistakes(W, b, v, c):
    """The typical wrong answers, as parameters of sigmoid networks."""
    s = v.sum(axis=0)
    return [(Q3_UNCHANGED, (W, b, v, c)),
            (Q3_HIDDEN, (W, b, 2 * v, c - s)), (Q3_HIDDEN, (2 * W, b, 2 * v, c - s)),
            (Q3_HIDDEN, (W, 2 * b, 2 * v, c - s)),
            (Q3_OUTPUT, (2 * W, 2 * b, v, c - s)), (Q3_OUTPUT, (2 * W, 2 * b, v, c - s / 2)),
            (Q3_NO_SHIFT, (2 * W, 2 * b, 2 * v, c)), (Q3_SHIFT_SIGN, (2 * W, 2 * b, 2 * v, c + s)),
            (Q3_SHIFT_NEW_V, (2 * W, 2 * b, 2 * v, c - 2 * s)), (Q3_DOUBLED_C, (2 * W, 2 * b, 2 * v, 2 * c - s)),
            (Q3_DOUBLED_C, (2 * W, 2 * b, 2 * v, 2 * (c - s))), (Q3_ALL_V, (2 * W, 2 * b, 2 * v, c - v.sum())),
            (Q3_REVERSED, (W / 2, b / 2, v / 2, c + s / 2))]


Q3_EXAMPLE = (np.array([[1.0, -2.0, 0.5], [0.5, 1.0, -1.0]]), np.array([0.0, 0.5, -1.0]),
              np.array([[1.0], [-2.0], [0.5]]), np.array([0.3]))


def _random_tanh_net(rng, hidden, outputs):
    """A tanh network with random inputs (1 to 4), the given numbers of hidden units and outputs."""
    d = int(rng.integers(1, 5))
    return (rng.normal(0, 1, size=(d, hidden)), rng.normal(0, 1, size=hidden),
            rng.normal(0, 1.5, size=(hidden, outputs)), rng.normal(0, 1, size=outputs))


def _line(value):
    """``fmt`` on one line: a network's parameters are easier to read side by side."""
    return " ".join(fmt(value).split())


def _check_sigmoid_net(ctx, f, W, b, v, c):
    """The answer for the tanh network (W, b, v, c), judged by both networks' outputs on inputs drawn now."""
    (d, h), m = W.shape, v.shape[1]
    where = f"W = {_line(W)}, b = {_line(b)}, v = {_line(v)}, c = {_line(c)}"
    got = ctx.call(f, W, b, v, c, where=where, arg_names=["W", "b", "v", "c"])
    if not isinstance(got, (tuple, list)) or len(got) != 4:
        ctx.fail(f"Return the four parameters (W', b', v', c') of the sigmoid network; at {where} you returned "
                 f"{fmt(got)}.", mistake="wrong_type")
    names = ("W'", "b'", "v'", "c'")
    params = [ctx.as_array(p, name, where) for p, name in zip(got, names)]
    h2 = params[0].shape[1] if params[0].ndim == 2 else h  # any number of hidden units may do
    for name, p, shape, given in zip(names, params, [(d, h2), (h2,), (h2, m), (m,)], (W, b, v, c)):
        if p.shape != shape:
            ctx.fail(f"At {where}: {name} has shape {p.shape}, but the network needs {shape} "
                     f"(the given {name[0]} has shape {given.shape}).",
                     "W' is (inputs, hidden units), b' (hidden units,), v' (hidden units, outputs), c' (outputs,).",
                     mistake="wrong_shape")
    X = ctx.rng.normal(0, 1.5, size=(int(ctx.rng.integers(5, 9)), d))
    expected, y = _tanh_net(X, W, b, v, c), _sigmoid_net(X, *params)
    if _close(y, expected, rtol=1e-6, atol=1e-6):
        return
    shown = (expected.ravel(), y.ravel()) if m == 1 else (expected, y)  # one output: one line per network
    lines = [f"Your sigmoid network computes another function than the tanh network with {where}.",
             "You returned " + ", ".join(f"{n} = {_line(p)}" for n, p in zip(names, params)) + ".",
             f"Their outputs on inputs drawn now, X = {_line(X)}:",
             f"    tanh network: {fmt(shown[0])}",
             f"    yours:        {fmt(shown[1])}"]
    if not np.all(np.isfinite(y)):
        ctx.fail(*lines, mistake="not_finite")
    for mistake, wrong in _q3_mistakes(W, b, v, c):
        if _close(y, _sigmoid_net(X, *wrong), rtol=1e-6, atol=1e-6):
            ctx.fail(*lines, mistake=mistake)
    ctx.fail(*lines, hint="compare both networks on a few inputs of your own: y must agree for every X.")


def _check_q3(ctx, f):
    rng = ctx.rng
    with ctx.part("the same function, one output", 10):
        _check_sigmoid_net(ctx, f, *Q3_EXAMPLE)
        _check_sigmoid_net(ctx, f, *_random_tanh_net(rng, int(rng.integers(2, 7)), 1))
    with ctx.part("several outputs, one hidden unit or many", 5):
        _check_sigmoid_net(ctx, f, *_random_tanh_net(rng, 1, int(rng.integers(2, 5))))
        _check_sigmoid_net(ctx, f, *_random_tanh_net(rng, int(rng.integers(4, 9)), int(rng.integers(2, 5))))


# --- Question 4: softmax with a temperature -------------------------------------------------
def softmax_temperature(z, T, axis=-1):
    s = np.asarray(z, dtype=float) / T  # the temperature divides the scores before the exponential
    # shift by the max of z / T, not of z: at T = 0.01 a score of 10 is already an exponent of 1000
    e = np.exp(s - np.max(s, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


CAT_DOG_HORSE = np.array([[5.0, 4.0, 2.0], [4.0, 2.0, 8.0], [4.0, 4.0, 1.0]])  # the lecture's three images

Q4_AFTER_EXP = Mistake("temperature_after_exp", "your probabilities do not depend on T: the temperature was applied "
                       "after the exponential (e^z / T cancels when you normalise) or not at all",
                       "divide the scores first: p = softmax(z / T).")
Q4_TIMES_T = Mistake("multiplies_by_T", "you multiplied the scores by T instead of dividing them",
                     "p = softmax(z / T): a small T makes the scores larger and the probabilities sharper.")
Q4_NAIVE = Mistake("not_max_shifted", "np.exp(z / T) overflowed (or underflowed to 0 / 0): the scores were not "
                   "shifted by their maximum",
                   "subtract the maximum of z / T along the axis before np.exp; the probabilities do not change.")
Q4_SHIFT_Z = Mistake("shifted_by_max_of_z", "you shifted by the maximum of z, but the exponent is z / T "
                     "(at T = 0.01 a score of 10 still gives e^990)",
                     "divide first, then shift: s = z / T; np.exp(s - np.max(s, axis=axis, keepdims=True)).")


def _q4_mistakes(z, T, axis):
    """The typical wrong answers' values at (z, T, axis); the unstable ones may hold nan."""
    with np.errstate(all="ignore"):
        naive = np.exp(z / T) / np.sum(np.exp(z / T), axis=axis, keepdims=True)
        e = np.exp(z / T - np.max(z, axis=axis, keepdims=True))
        shift_z = e / np.sum(e, axis=axis, keepdims=True)
        e = np.exp(z / T - np.max(z / T))
        global_max = e / np.sum(e, axis=axis, keepdims=True)
        sum_all = np.exp(z / T) / np.sum(np.exp(z / T))
    return [(Q4_AFTER_EXP, softmax_temperature(z, 1.0, axis)), (Q4_TIMES_T, softmax_temperature(z, 1 / T, axis)),
            (Q4_NAIVE, naive), (Q4_SHIFT_Z, shift_z), (GLOBAL_MAX, global_max), (SUM_ALL, sum_all)]


def _check_temperature(ctx, f, z, T, axis=None, extra=(), **tol):
    """One call at (z, T[, axis]): the values along the axis, judged with the typical mistakes named."""
    z = np.asarray(z, dtype=float)
    kwargs = {} if axis is None else {"axis": axis}
    shown = f"z = {fmt(z)}, T = {fmt(T)}" + ("" if axis is None else f", axis = {axis}")
    got = ctx.call(f, z, T, where=shown, arg_names=["z", "T"], **kwargs)
    ax = -1 if axis is None else axis
    ctx.expect_close(got, softmax_temperature(z, T, ax), where=shown, what="softmax(z / T)",
                     mistakes=list(extra) + _q4_mistakes(z, T, ax), **tol)


def _check_q4(ctx, f):
    rng = ctx.rng
    with ctx.part("the lecture's cat/dog/horse scores at T = 1 and T = 2", 5):
        for T in (1.0, 2.0):
            _check_temperature(ctx, f, CAT_DOG_HORSE[0], T)
        T = float(rng.choice([rng.uniform(0.3, 0.7), rng.uniform(1.5, 4.0)]))
        _check_temperature(ctx, f, rng.normal(0, 2, size=int(rng.integers(3, 7))), T)
    # Exact to a relative 1e-9; probabilities below 1e-300 may be 0.
    exact = {"rtol": 1e-9, "atol": 1e-300}
    with ctx.part("small temperatures: finite and exact", 5):
        # 7.15 / 0.01 = 715 overflows exp, 715 - max(z) = 705 does not: the two unstable forms differ here
        _check_temperature(ctx, f, [10.0, 9.5, 7.15], 0.01, **exact)
        _check_temperature(ctx, f, [10.0, 10.0, 9.0], 0.001, **exact)
        T = float(rng.uniform(0.005, 0.02))
        offset = float(rng.choice([-1.0, 1.0]) * rng.uniform(5, 15))
        _check_temperature(ctx, f, offset + T * rng.normal(0, 2, size=int(rng.integers(3, 7))), T, **exact)
    with ctx.part("batches and the axis argument", 5):
        z = CAT_DOG_HORSE
        _check_temperature(ctx, f, z, 2.0, extra=[(WRONG_AXIS, softmax_temperature(z, 2.0, 0))])
        _check_temperature(ctx, f, z.T, 0.5, axis=0, extra=[(IGNORES_AXIS, softmax_temperature(z.T, 0.5, -1))])
        _check_temperature(ctx, f, [[350.0, 350.5], [-350.0, -349.5]], 0.5)  # one shift per row
        ndim = int(rng.integers(2, 4))
        z = rng.normal(0, 3, size=tuple(int(n) for n in rng.integers(2, 5, size=ndim)))
        axis, T = int(rng.integers(-ndim, ndim)), float(rng.uniform(0.5, 3.0))
        _check_temperature(ctx, f, z, T, axis=axis,
                           extra=[(IGNORES_AXIS, softmax_temperature(z, T, -1))] if axis % ndim != ndim - 1 else [])


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
        "q3_sigmoid_net_from_tanh", NOTEBOOK,
        "Write `sigmoid_net_from_tanh(W, b, v, c)`: for the network y = tanh(X W + b) v + c (tanh hidden units, a "
        "linear output) return `(W', b', v', c')` of a network with sigmoid hidden units, "
        "y = sigma(X W' + b') v' + c', that computes the same function; use tanh(z) = 2 sigma(2z) - 1.",
        sigmoid_net_from_tanh, _check_q3,
        ["Write tanh(a) = 2 sigma(2a) - 1 with a = X W + b and multiply out (2 sigma(2a) - 1) v + c: "
         "which part depends on X, and which is a constant?",
         "sigma's argument 2a = X (2W) + 2b gives W' and b'; the 2 in front of sigma goes into v'; "
         "-1 times v is a constant per output, the sum of v over the hidden units, which c' absorbs.",
         "return 2 * W, 2 * b, 2 * v, c - v.sum(axis=0)."],
        points=15, answer_name="sigmoid_net_from_tanh",
        stub="def sigmoid_net_from_tanh(W, b, v, c):\n    ...\n"),
    Exercise(
        "q4_softmax_temperature", NOTEBOOK,
        "Write `softmax_temperature(z, T, axis=-1)`: p = softmax(z / T) along `axis`, for arrays of any shape and "
        "any T > 0, finite and exact even at T = 0.01 with scores around 10.",
        softmax_temperature, _check_q4,
        ["The temperature divides the scores before the exponential: p = softmax(z / T). At T = 0.01 a score of "
         "10 becomes 1000, and np.exp(1000) is inf.",
         "Shift the divided scores s = z / T by their maximum along `axis` (keepdims=True): the largest "
         "exponent becomes e^0 = 1 and the probabilities do not change.",
         "s = z / T; e = np.exp(s - np.max(s, axis=axis, keepdims=True)); "
         "return e / np.sum(e, axis=axis, keepdims=True)."],
        points=15, answer_name="softmax_temperature",
        stub="def softmax_temperature(z, T, axis=-1):\n    ...\n"),
]
