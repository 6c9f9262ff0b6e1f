"""Time nbhelpers.models.MLP against scikit-learn's MLPClassifier on the same job.

Both train one hidden layer of 64 ReLU units with a softmax output on the digits
data set (pixels scaled by 1/16), plain SGD (no momentum, no Nesterov), batches
of 32, 50 epochs, constant learning rate 0.1, no L2 penalty, no early stopping.
The runs are interleaved and repeated; the table shows median times.

This script measures; it does not assert. Run it from the repository root::

    python benchmarks/mlp_vs_sklearn.py [--repeats 5]
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

from nbhelpers.models import MLP

HIDDEN, EPOCHS, BATCH, LR = 64, 50, 32, 0.1


def make_models(seed):
    ours = MLP(hidden=(HIDDEN,), activation="relu", output="softmax", loss="categorical_cross_entropy",
               init="xavier", lr=LR, epochs=EPOCHS, batch_size=BATCH, random_state=seed)
    theirs = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="relu", solver="sgd", alpha=0.0,
                           batch_size=BATCH, learning_rate="constant", learning_rate_init=LR,
                           max_iter=EPOCHS, shuffle=True, momentum=0.0, nesterovs_momentum=False,
                           early_stopping=False, tol=0.0, n_iter_no_change=10 ** 6, random_state=seed)
    return {"nbhelpers MLP": ours, "sklearn MLPClassifier": theirs}


def main(repeats):
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    times = {name: [] for name in make_models(0)}
    accuracy = {name: [] for name in times}
    epochs = {name: set() for name in times}
    for seed in range(repeats):
        for name, model in make_models(seed).items():  # interleaved: each repeat runs both
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                start = time.perf_counter()
                model.fit(X_train, y_train)
                times[name].append(time.perf_counter() - start)
            accuracy[name].append(model.score(X_test, y_test))
            epochs[name].add(getattr(model, "n_epochs_", getattr(model, "n_iter_", None)))
    ours, theirs = (np.median(times[n]) for n in times)
    print(f"digits: {len(X_train)} train / {len(X_test)} test, 64 relu hidden, SGD batch {BATCH}, "
          f"{EPOCHS} epochs, lr {LR}, {repeats} repeats\n")
    print("| model | epochs run | median fit time (s) | time / sklearn | median test accuracy |")
    print("| --- | --- | --- | --- | --- |")
    for name in times:
        t = np.median(times[name])
        ran = ", ".join(map(str, sorted(epochs[name])))
        print(f"| {name} | {ran} | {t:.3f} | {t / theirs:.2f} | {np.median(accuracy[name]):.4f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    main(parser.parse_args().repeats)
