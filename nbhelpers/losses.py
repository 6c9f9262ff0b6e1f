"""Losses, their gradients with respect to the output, and the output layer's error signal.

One convention for the squared error, the one the course's network trains on::

    E = (1/n) sum over the n samples of 1/2 sum_k (y_hat_k - y_k)^2

so one sample (``batch_size=1``) gives the blog's per-sample E = 1/2 sum_k (y_hat_k - y_k)^2,
and a batch gives the mean of it. ``sum_squared_error`` is the same sum over a whole data
set without the 1/n, as the sources write it for the total error.

| name                          | formula (y, y_hat of shape (n, K))         |
| ----------------------------- | ------------------------------------------ |
| ``squared_error``             | 1/n sum 1/2 (y_hat - y)^2  (the MLP's E)   |
| ``sum_squared_error``         | sum 1/2 (y_hat - y)^2                      |
| ``mean_squared_error``        | 1/n sum (y_hat - y)^2  (scikit-learn's MSE) |
| ``binary_cross_entropy``      | -1/n sum y log p + (1 - y) log(1 - p)      |
| ``categorical_cross_entropy`` | -1/n sum_n sum_k y_nk log p_nk             |

The cross-entropies of probabilities clip p away from 0 and 1; a network computes them
from its logits z instead (:func:`output_loss`), exactly and without clipping.

Used in: 06_backpropagation, 11_training_in_practice through ``models.MLP``.
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
    """E = 1/n sum over samples of 1/2 sum_k (y_hat - y)^2: the MLP's objective.

    Examples
    --------
    >>> squared_error([[1.0], [0.0]], [[0.0], [2.0]])   # (1/2 * 1 + 1/2 * 4) / 2
    1.25
    """
    y, y_hat = _pair(y, y_hat)
    d = (y_hat - y).ravel()
    return 0.5 * float(d @ d) / _n_samples(y)


def squared_error_grad(y, y_hat):
    """dE/dy_hat = (y_hat - y) / n (the 1/2 cancels the 2 of the square)."""
    y, y_hat = _pair(y, y_hat)
    return (y_hat - y) / _n_samples(y)


def sum_squared_error(y, y_hat):
    """1/2 sum (y_hat - y)^2 over every sample and output, as the lecture writes the total error."""
    y, y_hat = _pair(y, y_hat)
    return 0.5 * float(np.sum((y_hat - y) ** 2))


def sum_squared_error_grad(y, y_hat):
    """d/dy_hat = y_hat - y."""
    y, y_hat = _pair(y, y_hat)
    return y_hat - y


def mean_squared_error(y, y_hat):
    """MSE = mean over samples of sum_k (y_hat - y)^2 (no 1/2)."""
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


def softmax_and_log(z, p=None, log_p=None):
    """softmax(z) and log softmax(z) row-wise from one exponentiation (into ``p``, ``log_p`` if given).

    p = e / sum e and log p = z - max - log sum e, with e = exp(z - max): log p is finite for any finite z.
    """
    shifted = np.subtract(z, z.max(axis=1, keepdims=True), out=log_p)
    e = np.exp(shifted, out=p)
    total = e.sum(axis=1, keepdims=True)
    e /= total
    shifted -= np.log(total)
    return e, shifted


def log_softmax(z):
    """log softmax(z) row-wise, as z - max - log sum exp(z - max): finite for any finite z."""
    return softmax_and_log(z)[1]


# ------------------------------------------------------------------ the output layer of a network
PAIRS = (
    ("sigmoid", "squared_error"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "categorical_cross_entropy"),
    ("identity", "squared_error"),
)


def output_loss(loss, Y, z, a, log_a=None):
    """Mean loss of a batch from the output layer's z (logits) and a, for the pairs of :data:`PAIRS`.

    The cross-entropies use the logits: log(1 + e^z) - y z is -[y log p + (1 - y) log(1 - p)]
    with p = sigma(z), and -sum y log_softmax(z) the categorical one; both exact, never clipped.
    ``log_a``, log_softmax(z) if the caller has it (:func:`softmax_and_log`), saves computing it again.
    """
    n = Y.shape[0]
    if loss == "squared_error":
        d = (a - Y).ravel(order="K")
        return 0.5 * float(d @ d) / n
    if loss == "binary_cross_entropy":
        return float((np.logaddexp(0.0, z) - Y * z).sum()) / n
    log_a = log_softmax(z) if log_a is None else log_a
    if log_a.flags.f_contiguous:  # column by column: vdot of the transposes flattens without a copy
        Y, log_a = Y.T, log_a.T
    return -float(np.vdot(Y, log_a)) / n + 0.0


def output_delta(output, loss, Y, a, out=None):
    """delta_L = dE/dz_L of a batch: (a - y) / n, times a (1 - a) for a sigmoid with squared error.

    For the other pairs g'(z_L) cancels against the loss's derivative. Written into ``out`` if given.
    """
    delta = np.subtract(a, Y, out=out)
    if output == "sigmoid" and loss == "squared_error":
        delta *= a * (1.0 - a)
    delta *= 1.0 / Y.shape[0]
    return delta


@dataclass(frozen=True)
class Loss:
    """A loss ``f(y, y_hat)`` with its gradient ``grad(y, y_hat)`` w.r.t. ``y_hat``."""

    name: str
    f: Callable
    grad: Callable

    def __call__(self, y, y_hat):
        return self.f(y, y_hat)


_REGISTRY = {name: Loss(name, f, g) for name, f, g in [
    ("squared_error", squared_error, squared_error_grad),
    ("sum_squared_error", sum_squared_error, sum_squared_error_grad),
    ("mean_squared_error", mean_squared_error, mean_squared_error_grad),
    ("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad),
    ("categorical_cross_entropy", categorical_cross_entropy, categorical_cross_entropy_grad),
]}


def names():
    """The registered loss names."""
    return list(_REGISTRY)


def get(name):
    """Look up a loss by name (one of :func:`names`)."""
    if isinstance(name, Loss):
        return name
    return _REGISTRY[check_choice("loss", name, names())]
