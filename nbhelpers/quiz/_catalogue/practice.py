"""Exercises of 11_training_in_practice: a seeded train/test split and choosing the L2 strength."""
import numpy as np

from .._core import Exercise, Mistake, fmt

NOTEBOOK = "11_training_in_practice"


def split_data(X, y, test_size=0.25, random_state=0):
    X, y = np.asarray(X), np.asarray(y)
    order = np.random.default_rng(random_state).permutation(len(X))  # one permutation for X and y
    n_test = int(np.ceil(test_size * len(X)))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


SP_ORDER = Mistake("return_order", "you returned (X_train, y_train, X_test, y_test)",
                   "return in scikit-learn's order: X_train, X_test, y_train, y_test.")
SP_PAIRS = Mistake("pairs_broken", "X and y were shuffled separately, so rows and labels no longer match",
                   "draw one permutation and index both X and y with it.")
SP_NOT_SHUFFLED = Mistake("not_shuffled", "the test set is simply the last (or first) rows",
                          "shuffle first: np.random.default_rng(random_state).permutation(n).")
SP_SEED = Mistake("ignores_seed", "the same random_state gave different splits (or different seeds the same split)",
                  "make a generator from the seed: rng = np.random.default_rng(random_state).")


def _check_split_data(ctx, f):
    _check_split_once(ctx, f, 22, (0, 0, 1))
    for _ in range(6):  # hidden: other sizes and seeds; a draw with replacement repeats rows sooner or later
        seeds = [int(s) for s in ctx.rng.integers(0, 10_000, size=2)]
        _check_split_once(ctx, f, int(ctx.rng.integers(12, 60)), (seeds[0], seeds[0], seeds[0] + 1 + seeds[1]))


def _check_split_once(ctx, f, n, seeds):
    n_test = int(np.ceil(0.25 * n))
    X = np.column_stack([np.arange(n) * 2.0, np.arange(n) * 2.0 + 1])
    y = np.arange(n) * 10.0
    out = {}
    for seed in seeds:
        where = f"X ({n}, 2), y ({n},), test_size=0.25, random_state={seed}"
        got = ctx.call(f, X, y, 0.25, seed, where=where, arg_names=["X", "y", "test_size", "random_state"])
        if not isinstance(got, (tuple, list)) or len(got) != 4:
            ctx.fail(f"Return four arrays (X_train, X_test, y_train, y_test); got {fmt(got)}.", mistake="wrong_type")
        parts = [np.asarray(a) for a in got]
        if parts[1].ndim == 1 and parts[2].ndim == 2:
            ctx.fail("The second item is 1-D and the third is 2-D.", mistake=SP_ORDER)
        X_tr, X_te, y_tr, y_te = parts
        if X_te.ndim != 2 or X_tr.ndim != 2 or len(X_te) not in (n_test - 1, n_test) or len(X_tr) + len(X_te) != n:
            ctx.fail(f"With {n} samples and test_size=0.25 the test set has {n_test} rows ({n_test - 1} also accepted) and the "
                     f"training set the rest; got X_train {X_tr.shape} and X_test {X_te.shape}.", mistake="wrong_shape")
        if len(y_te) != len(X_te) or len(y_tr) != len(X_tr):
            ctx.fail(f"X_test has {len(X_te)} rows but y_test {len(y_te)} labels.", mistake="wrong_shape")
        if not (np.array_equal(y_te, X_te[:, 0] * 5) and np.array_equal(y_tr, X_tr[:, 0] * 5)):
            ctx.fail("A row of X_test no longer sits next to its own label in y_test.", mistake=SP_PAIRS)
        if sorted(np.concatenate([X_tr[:, 0], X_te[:, 0]]).tolist()) != X[:, 0].tolist():
            ctx.fail("Training and test rows together should be every row exactly once.", mistake="overlap")
        out.setdefault(seed, []).append(tuple(X_te[:, 0]))
    first, other = seeds[0], seeds[2]
    blocks = {tuple(X[-k:, 0]) for k in (n_test - 1, n_test)} | {tuple(X[:k, 0]) for k in (n_test - 1, n_test)}
    if out[first][0] in blocks and out[other][0] in blocks:
        ctx.fail("The test rows are a block at the end or the start of the data.", mistake=SP_NOT_SHUFFLED)
    if out[first][0] != out[first][1] or out[first][0] == out[other][0]:
        ctx.fail(f"Calling twice with random_state={first} must give the same split, and random_state={other} "
                 "another one.",
                 mistake=SP_SEED)


def best_alpha(results):
    # results: {alpha: (train_score, validation_score)}, higher scores are better
    return max(results, key=lambda alpha: results[alpha][1])


BA_TRAIN = Mistake("picked_by_training_score", "you chose by the training score",
                   "the training score always prefers the weakest regularisation: choose by the validation score.")
BA_MIN = Mistake("picked_minimum", "you picked the lowest validation score",
                 "scores are better when higher (R^2, accuracy): use max.")
BA_INDEX = Mistake("returned_index", "you returned a position or a score instead of the alpha itself",
                   "return the key of the dictionary: max(results, key=...).")


def _check_best_alpha(ctx, f):
    cases = [{1e-4: (0.99, 0.80), 1e-3: (0.97, 0.84), 1e-2: (0.92, 0.86), 1e-1: (0.85, 0.83), 1.0: (0.70, 0.69)},
             {0.0: (1.0, 0.55), 0.5: (0.9, 0.71), 5.0: (0.6, 0.58), 50.0: (0.3, 0.29)}]
    for k in ctx.rng.integers(3, 7, size=2):
        alphas = np.sort(10.0 ** ctx.rng.uniform(-5, 1, size=int(k)))
        val = ctx.rng.permutation(np.linspace(0.5, 0.9, int(k)))  # distinct validation scores
        train = np.minimum(1.0, val + np.linspace(0.3, 0.01, int(k)))  # overfits most at the smallest alpha
        cases.append({float(a): (round(float(t), 3), round(float(v), 3)) for a, t, v in zip(alphas, train, val)})
    for results in cases:
        where = f"results = {results}"
        got = ctx.call(f, dict(results), where=where, arg_names=["results"])
        alphas = list(results)
        expected = max(alphas, key=lambda a: results[a][1])
        if isinstance(got, (int, float, np.number)) and not isinstance(got, bool) and np.isclose(got, expected):
            continue
        lines = [f"At {where}:", f"    expected: {expected:g}", f"    got:      {fmt(got)}"]
        if isinstance(got, (int, float, np.number)) and not isinstance(got, bool):
            if np.isclose(got, max(alphas, key=lambda a: results[a][0])):
                ctx.fail(*lines, mistake=BA_TRAIN)
            if np.isclose(got, min(alphas, key=lambda a: results[a][1])):
                ctx.fail(*lines, mistake=BA_MIN)
            if got == alphas.index(expected) or np.isclose(got, results[expected][1]):
                ctx.fail(*lines, mistake=BA_INDEX)
        if isinstance(got, (tuple, list)):
            ctx.fail(*lines, mistake=BA_INDEX)
        ctx.fail(*lines)


EXERCISES = [
    Exercise(
        "split_data", NOTEBOOK,
        "Write `split_data(X, y, test_size=0.25, random_state=0)` returning X_train, X_test, y_train, y_test: "
        "a shuffled split with ceil(test_size * n) test rows, the same for the same seed.",
        split_data, _check_split_data,
        ["Shuffle the row indices once, then cut them into a test part and a training part.",
         "rng = np.random.default_rng(random_state); order = rng.permutation(len(X)).",
         "n_test = int(np.ceil(test_size * len(X))); test, train = order[:n_test], order[n_test:]; "
         "return X[train], X[test], y[train], y[test]."],
        stub="def split_data(X, y, test_size=0.25, random_state=0):\n    ...\n"),
    Exercise(
        "best_alpha", NOTEBOOK,
        "Write `best_alpha(results)`: results maps each L2 strength alpha to (training score, validation score), "
        "higher is better; return the alpha with the best validation score.",
        best_alpha, _check_best_alpha,
        ["Which of the two scores tells how well the model generalises?",
         "max over the keys of the dict, comparing results[alpha][1].",
         "return max(results, key=lambda a: results[a][1])."],
        stub="def best_alpha(results):\n    ...\n"),
]
