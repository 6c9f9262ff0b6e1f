"""Over-fitting and three cures side by side: L2, early stopping and dropout, over several seeds.

The data: 20 training points of the blog's noisy SIN curve, 40 for validation and 40 for testing.
The network: two hidden layers of 50 tanh units (about 2,700 parameters for 20 points), trained
by Adam on the full batch. Every run records its error E = 1/2 mean (y_hat - y)^2 on the three
sets every ``every`` epochs, always measured without penalty and without dropout.

The figure is ``plots.overfitting.plot_overfitting_cures``.

Used in: 11_training_in_practice.
"""
import functools

import numpy as np


CURES = {"plain": {}, "L2 (alpha = 1)": {"alpha": 1.0}, "dropout 0.2": {"dropout": 0.2}}
"""Label -> the ``MLP`` settings that differ from the plain network; early stopping reuses "plain"."""
EARLY = "early stopping"
EPOCHS, EVERY = 400, 20


@functools.lru_cache(maxsize=1)
def cures_data():
    """(X_train, y_train, X_val, y_val, X_test, y_test): 20 / 40 / 40 shuffled points of SIN, noise 0.5."""
    from .datasets import regression_data

    X, y = regression_data("SIN", n=100, noise=0.5, random_state=123)  # already shuffled
    parts = (X[:20], y[:20], X[20:60], y[20:60], X[60:], y[60:])
    for p in parts:
        p.setflags(write=False)
    return parts


def _error(net, X, y):
    """E = 1/2 mean (y_hat - y)^2, the squared error of the course (no penalty, dropout off)."""
    return 0.5 * float(np.mean((net.predict(X) - y) ** 2))


@functools.lru_cache(maxsize=64)
def train_curves(label, seed, epochs=EPOCHS, every=EVERY):
    """Train the network of ``CURES[label]`` from ``seed``; the errors every ``every`` epochs.

    Returns
    -------
    dict
        ``epochs`` (k,), ``train``, ``val``, ``test`` (k,) errors, ``loss_curve`` (the objective the
        training minimised, per epoch: with the penalty and the dropout masks) and ``net``.
    """
    from .mlp import MLP

    Xtr, ytr, Xva, yva, Xte, yte = cures_data()
    net = MLP(hidden=(50, 50), activation="tanh", output="identity", loss="squared_error", init="xavier",
              solver="adam", lr=0.01, epochs=every, random_state=seed, **CURES[label]).fit(Xtr, ytr)
    rows = []
    for k in range(epochs // every):
        if k:
            net.partial_fit(Xtr, ytr, epochs=every)
        rows.append((_error(net, Xtr, ytr), _error(net, Xva, yva), _error(net, Xte, yte)))
    rows = np.array(rows)
    return {"epochs": every * np.arange(1, len(rows) + 1), "train": rows[:, 0], "val": rows[:, 1],
            "test": rows[:, 2], "loss_curve": np.array(net.loss_curve_), "net": net}


def overfitting_cures(seeds=None, epochs=EPOCHS, every=EVERY):
    """Every cure from every seed, with early stopping chosen on the plain run's validation curve.

    Returns
    -------
    runs : dict
        ``{label: {"train", "val", "test": (n_seeds, k) curves, "final": (n_seeds, 2) training and test
        error where the run ends (for early stopping: at the epoch of least validation error),
        "stop": (n_seeds,) that checkpoint's index, "dropout_on": (n_seeds,) mean training objective with
        the dropout masks over the last 100 epochs}}``, and ``"epochs"``: the checkpoints.
    medians : dict
        ``{label: (median training error, median test error)}`` from ``replicates.median_scores``.
    """
    from .replicates import SEEDS, median_scores

    seeds = SEEDS if seeds is None else tuple(seeds)
    labels = [*CURES, EARLY]

    def run(label, seed):
        return train_curves("plain" if label == EARLY else label, seed, epochs, every)

    def stop(label, seed):
        r = run(label, seed)
        return int(np.argmin(r["val"])) if label == EARLY else len(r["val"]) - 1

    def fit_one(label, seed):
        r, i = run(label, seed), stop(label, seed)
        return r["train"][i], r["test"][i]

    scores, medians = median_scores(fit_one, labels, seeds=seeds)
    runs = {"epochs": run("plain", seeds[0])["epochs"]}
    for j, label in enumerate(labels):
        rs = [run(label, s) for s in seeds]
        runs[label] = {key: np.array([r[key] for r in rs]) for key in ("train", "val", "test")}
        runs[label]["final"] = scores[j]
        runs[label]["stop"] = np.array([stop(label, s) for s in seeds])
        runs[label]["dropout_on"] = np.array([np.mean(r["loss_curve"][-100:]) for r in rs])
    return runs, {label: tuple(m) for label, m in zip(labels, medians)}


def cure_claims(runs):
    """The claims 10 makes about the runs, each True only if it holds for every seed.

    Returns
    -------
    dict
        ``{claim: bool}``.
    """
    plain = runs["plain"]
    claims = {
        "plain: training error below a third of the validation error at the end":
            bool(np.all(plain["train"][:, -1] < plain["val"][:, -1] / 3)),
        "plain: validation error at the end 1.2 times its minimum or more":
            bool(np.all(plain["val"][:, -1] >= 1.2 * plain["val"].min(axis=1))),
        "early stopping: stops in the first half of the training":
            bool(np.all(runs[EARLY]["stop"] < len(runs["epochs"]) / 2)),
    }
    for label in (*list(CURES)[1:], EARLY):
        claims[f"{label}: lower test error than plain"] = bool(np.all(runs[label]["final"][:, 1]
                                                                      < plain["final"][:, 1]))
    drop = [label for label in CURES if "dropout" in label][0]
    claims["dropout: training objective with masks above the error without them"] = bool(
        np.all(runs[drop]["dropout_on"] > runs[drop]["train"][:, -1]))
    return claims
