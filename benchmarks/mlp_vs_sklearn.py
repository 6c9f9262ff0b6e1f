"""Time nbhelpers.models.MLP against scikit-learn's MLPClassifier / MLPRegressor on the same jobs.

Cases (same settings on both sides, no L2 penalty, no early stopping, constant learning rate):
(a) digits, two hidden layers of 128 tanh, SGD with classical momentum 0.9, batch 32;
(b) 20,000-sample regression, 256 ReLU, plain SGD, batch 64;
(c) the repository's default benchmark: digits, 64 ReLU, softmax, plain SGD, batch 32;
(d) a full-batch sigmoid network on digits: 32 sigmoid units, plain gradient descent.
Threads are pinned to 1, runs are interleaved, the table shows medians of CPU time (``time.process_time``:
other jobs on a shared machine disturb it less than wall time); "matmul only" is a loop of the same
matrix products (forward, dE/dW and dE/da) alone, on the same batch shapes in float64: no biases,
activations, loss or update. This script measures; it does not assert.

    python benchmarks/mlp_vs_sklearn.py [--repeats 3]
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from threadpoolctl import threadpool_limits

from nbhelpers.models import MLP


def digits():
    X, y = load_digits(return_X_y=True)
    return train_test_split(X / 16.0, y, test_size=0.25, random_state=0, stratify=y)


def regression():
    X, y = make_regression(n_samples=25000, n_features=20, noise=5.0, random_state=0)
    y = (y - y.mean()) / y.std()
    return train_test_split(X, y, test_size=5000, random_state=0)


CASES = {
    "(a) digits, 128-128 tanh, momentum": (digits, dict(hidden=(128, 128), activation="tanh", lr=0.05, momentum=0.9,
                                                        batch_size=32, epochs=20)),
    "(b) regression 20k, 256 relu": (regression, dict(hidden=(256,), activation="relu", lr=0.01, batch_size=64,
                                                      epochs=5, output="identity")),
    "(c) digits, 64 relu (default case)": (digits, dict(hidden=(64,), activation="relu", lr=0.1, batch_size=32,
                                                        epochs=50)),
    "(d) digits, full-batch 32 sigmoid": (digits, dict(hidden=(32,), activation="sigmoid", lr=2.0, batch_size=None,
                                                       epochs=300)),
}


def models(kw, n, seed):
    kw = dict(kw)
    regress = kw.get("output") == "identity"
    ours = MLP(hidden=kw["hidden"], activation=kw["activation"], init="xavier", lr=kw["lr"], epochs=kw["epochs"],
               batch_size=kw["batch_size"], momentum=kw.get("momentum", 0.0), random_state=seed,
               **(dict(output="identity", loss="squared_error") if regress else
                  dict(output="softmax", loss="categorical_cross_entropy")))
    cls = MLPRegressor if regress else MLPClassifier
    theirs = cls(hidden_layer_sizes=kw["hidden"], activation={"sigmoid": "logistic"}.get(kw["activation"],
                 kw["activation"]), solver="sgd", alpha=0.0, batch_size=kw["batch_size"] or n,
                 learning_rate="constant", learning_rate_init=kw["lr"], max_iter=kw["epochs"], shuffle=True,
                 momentum=kw.get("momentum", 0.0), nesterovs_momentum=False, early_stopping=False, tol=0.0,
                 n_iter_no_change=10 ** 6, random_state=seed)
    return ours, theirs


def weights(sizes):
    """Random W_l for layer sizes (n_features, *hidden, n_outputs)."""
    return [np.random.default_rng(0).normal(size=(i, o)) * 0.01 for i, o in zip(sizes[:-1], sizes[1:])]


def products(X, Ws):
    """The forward and backward matrix products of one batch (forward, dE/dW, dE/da), nothing else."""
    a = [X]
    for W in Ws:
        a.append(a[-1] @ W)
    d = a[-1]
    for l in range(len(Ws) - 1, -1, -1):
        a[l].T @ d
        if l:
            d = d @ Ws[l].T


def matmul_only(X, kw, n_out):
    """The same forward and backward matrix products per batch, nothing else."""
    Ws = weights((X.shape[1], *kw["hidden"], n_out))
    bs = kw["batch_size"] or len(X)
    start = time.process_time()
    for _ in range(kw["epochs"]):
        for s in range(0, len(X), bs):
            products(X[s:s + bs], Ws)
    return time.process_time() - start


def main(repeats):
    print("| case | ours (s) | sklearn (s) | ours / sklearn | ours / matmul only | accuracy or R^2 ours / sklearn |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, (data, kw) in CASES.items():
        X_train, X_test, y_train, y_test = data()
        n_out = 1 if kw.get("output") == "identity" else len(np.unique(y_train))
        t_ours, t_theirs, s_ours, s_theirs, t_mm = [], [], [], [], []
        for seed in range(repeats):
            ours, theirs = models(kw, len(X_train), seed)
            for model, times, scores in ((ours, t_ours, s_ours), (theirs, t_theirs, s_theirs)):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", ConvergenceWarning)
                    start = time.process_time()
                    model.fit(X_train, y_train)
                    times.append(time.process_time() - start)
                scores.append(model.score(X_test, y_test))
            t_mm.append(matmul_only(X_train, kw, n_out))
        o, t, m = np.median(t_ours), np.median(t_theirs), np.median(t_mm)
        print(f"| {name} | {o:.3f} | {t:.3f} | {o / t:.2f} | {o / m:.2f} | "
              f"{np.median(s_ours):.4f} / {np.median(s_theirs):.4f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    with threadpool_limits(1):
        main(parser.parse_args().repeats)
