"""Shared input checks, with error messages in scikit-learn's style.

Every message names the parameter, what was expected and what was given, so a
student who passes the wrong thing learns what to pass instead.
"""
from numbers import Integral, Real

import numpy as np


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, else raise ValueError."""
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {allowed}. Got {value!r} instead.")
    return value


def check_int(name, value, low=None, high=None, allow_none=False):
    """Return ``value`` as int if it is a whole number in [low, high]."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int. Got {value!r} of type {type(value).__name__} instead.")
    _check_range(name, value, low, high)
    return int(value)


def check_float(name, value, low=None, high=None, low_inclusive=True, allow_none=False):
    """Return ``value`` as float if it is a real number in the given range."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Real) or not np.isfinite(value):
        raise TypeError(f"{name} must be a finite real number. Got {value!r} instead.")
    if low is not None and not low_inclusive and value <= low:
        raise ValueError(f"{name} must be > {low}. Got {value!r} instead.")
    _check_range(name, value, low if low_inclusive else None, high)
    return float(value)


def _check_range(name, value, low, high):
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "-inf" if low is None else low
        hi = "inf" if high is None else high
        raise ValueError(f"{name} must be in [{lo}, {hi}]. Got {value!r} instead.")


def as_float_array(name, value, ndim=None):
    """Convert ``value`` to a float64 array, checking dimensions and finiteness."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be array-like of numbers. Got {type(value).__name__} instead.") from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array. Got an array of shape {arr.shape} instead.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains nan or inf.")
    return arr


def check_X_y(X, y, n_features=None):
    """Check a design matrix ``X`` (n_samples, n_features) and targets ``y``."""
    X = as_float_array("X", X)
    if X.ndim == 1:
        raise ValueError(
            f"X must be 2-D with shape (n_samples, n_features). Got shape {X.shape}; "
            "use X.reshape(-1, 1) for a single feature."
        )
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D with shape (n_samples, n_features). Got shape {X.shape} instead.")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has shape {X.shape} but the model expects {n_features} input features.")
    if y is None:
        return X, None
    y = np.asarray(y)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"X and y have different numbers of samples: X has {X.shape[0]}, y has {y.shape[0]}.")
    return X, y
