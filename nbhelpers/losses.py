"""Losses and their gradients with respect to the network output ``y_hat``.

Each loss takes the targets ``y`` and the network output ``y_hat`` (same shape,
samples along the first axis) and returns a float; each gradient returns an array
shaped like ``y_hat``. Probabilities are clipped away from exactly 0 and 1 so the
logarithms stay finite.

| name                        | formula                                   |
| --------------------------- | ----------------------------------------- |
| ``squared_error``           | 1/2 sum (y_hat - y)^2  (the sources' E)   |
| ``mean_squared_error``      | 1/n sum (y_hat - y)^2                     |
| ``binary_cross_entropy``    | -1/n sum y log p + (1 - y) log(1 - p)     |
| ``categorical_cross_entropy`` | -1/n sum_n sum_k y_nk log p_nk          |

Used in: 06_backpropagation, 08_softmax, and ``models.MLP``.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._validation import check_choice

EPS = 1e-12


def _pair(y, y_hat):
    y = np.asarray(y, dtype=float)
    y_hat = np.asarray(y_hat, dtype=float)
    if y.shape != y_hat.shape:
        raise ValueError(f"y and y_hat must have the same shape. Got y {y.shape} and y_hat {y_hat.shape}.")
    return y, y_hat


def _n_samples(y):
    return y.shape[0] if y.ndim else 1


def squared_error(y, y_hat):
    """E = 1/2 sum (y_hat - y)^2, summed over samples, as the lecture and blog write it."""
    y, y_hat = _pair(y, y_hat)
    return 0.5 * float(np.sum((y_hat - y) ** 2))


def squared_error_grad(y, y_hat):
    """dE/dy_hat = y_hat - y (the 1/2 cancels the 2 of the square)."""
    y, y_hat = _pair(y, y_hat)
    return y_hat - y


def mean_squared_error(y, y_hat):
    """MSE = mean over samples of sum_k (y_hat - y)^2."""
    y, y_hat = _pair(y, y_hat)
    return float(np.sum((y_hat - y) ** 2)) / _n_samples(y)


def mean_squared_error_grad(y, y_hat):
    """dMSE/dy_hat = 2 (y_hat - y) / n."""
    y, y_hat = _pair(y, y_hat)
    return 2.0 * (y_hat - y) / _n_samples(y)


def binary_cross_entropy(y, p):
    """Mean of -[y log p + (1 - y) log(1 - p)]; p is clipped to [1e-12, 1 - 1e-12]."""
    y, p = _pair(y, p)
    p = np.clip(p, EPS, 1.0 - EPS)
    return float(-np.sum(y * np.log(p) + (1.0 - y) * np.log1p(-p))) / _n_samples(y)


def binary_cross_entropy_grad(y, p):
    """d/dp = (p - y) / (p (1 - p)) / n; after a sigmoid this becomes (p - y) / n."""
    y, p = _pair(y, p)
    p = np.clip(p, EPS, 1.0 - EPS)
    return (p - y) / (p * (1.0 - p)) / _n_samples(y)


def categorical_cross_entropy(y, p):
    """Mean over samples of -sum_k y_k log p_k, with one-hot (or soft) targets y."""
    y, p = _pair(y, p)
    return float(-np.sum(y * np.log(np.clip(p, EPS, 1.0)))) / _n_samples(y) + 0.0  # + 0.0 turns -0.0 into 0.0


def categorical_cross_entropy_grad(y, p):
    """d/dp_k = -y_k / p_k / n; after a softmax the gradient for the logits is (p - y) / n."""
    y, p = _pair(y, p)
    return -y / np.clip(p, EPS, 1.0) / _n_samples(y)


@dataclass(frozen=True)
class Loss:
    """A loss ``f(y, y_hat)`` with its gradient ``grad(y, y_hat)`` w.r.t. ``y_hat``."""

    name: str
    f: Callable
    grad: Callable

    def __call__(self, y, y_hat):
        return self.f(y, y_hat)


_REGISTRY = {
    "squared_error": Loss("squared_error", squared_error, squared_error_grad),
    "mean_squared_error": Loss("mean_squared_error", mean_squared_error, mean_squared_error_grad),
    "binary_cross_entropy": Loss("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad),
    "categorical_cross_entropy": Loss(
        "categorical_cross_entropy", categorical_cross_entropy, categorical_cross_entropy_grad
    ),
}


def names():
    """The registered loss names."""
    return list(_REGISTRY)


def get(name):
    """Look up a loss by name (one of :func:`names`)."""
    if isinstance(name, Loss):
        return name
    return _REGISTRY[check_choice("loss", name, names())]
