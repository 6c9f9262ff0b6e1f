"""Numerical gradients by centred differences, to check backpropagation.

The centred difference (f(x + h) - f(x - h)) / 2h has an error of order h^2,
so with h = 1e-5 in float64 a correct analytic gradient agrees to about 1e-9
in relative terms; a relative error above 1e-6 almost always means a bug.

Used in: 04_activation_functions, 06_backpropagation.
"""
import numpy as np

from ._validation import check_float


def numerical_gradient(f, x, h=1e-5):
    """Centred-difference gradient of a scalar function ``f`` at array ``x``.

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a number.
    x : array_like
        The point. It is copied, never changed.
    h : float, default=1e-5
        The step.

    Returns
    -------
    ndarray
        d f / d x, shaped like ``x``.

    Examples
    --------
    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), np.array([1.0, -2.0])).round(6)
    array([ 2., -4.])
    """
    h = check_float("h", h, low=0, low_inclusive=False)
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = float(f(x))
        flat[i] = old - h
        f_minus = float(f(x))
        flat[i] = old
        gflat[i] = (f_plus - f_minus) / (2.0 * h)
    return grad


def numerical_derivative(f, z, h=1e-5):
    """Elementwise centred difference (f(z + h) - f(z - h)) / 2h of an elementwise ``f``.

    One vectorized call per side: the right tool for activation functions.
    """
    h = check_float("h", h, low=0, low_inclusive=False)
    z = np.asarray(z, dtype=float)
    return (np.asarray(f(z + h)) - np.asarray(f(z - h))) / (2.0 * h)


def relative_error(a, b, eps=1e-12):
    """max |a - b| / max(|a| + |b|, eps), elementwise: scale-free agreement of two gradients.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape. Got {a.shape} and {b.shape}.")
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), eps), initial=0.0))


def check_mlp_gradients(mlp, X, y, h=1e-5):
    """Compare an MLP's backprop gradients with numerical ones, parameter by parameter.

    Parameters
    ----------
    mlp : nbhelpers.models.MLP
        A network whose parameters are initialised (``mlp.initialize(X, y)`` or fitted).
    X, y : array_like
        A small batch.
    h : float, default=1e-5

    Returns
    -------
    dict
        ``{parameter name: relative error}``, e.g. ``{"W1": 3e-10, "b1": 1e-10, ...}``.
    """
    analytic = mlp.gradients(X, y)
    errors = {}
    for name, param in mlp.parameters().items():
        def objective(value, param=param):
            saved = param.copy()
            param[...] = value
            try:
                return mlp.objective(X, y)
            finally:
                param[...] = saved
        errors[name] = relative_error(analytic[name], numerical_gradient(objective, param, h=h))
    return errors
