"""Shared input checks, with error messages in scikit-learn's style.

Every message names the parameter, what was expected and what was given, so a
student who passes the wrong thing learns what to pass instead.
"""
from numbers import Integral, Real

import numpy as np


def check_choice(name, value, choices):
    """Return ``value`` if it is one of ``choices``, else raise ValueError."""
    if isinstance(value, np.ndarray) or value not in choices:
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


def check_fitted(model, attribute, message):
    """Raise scikit-learn's NotFittedError with ``message`` if ``model`` has no ``attribute`` yet."""
    if not hasattr(model, attribute):
        from sklearn.exceptions import NotFittedError

        raise NotFittedError(message)


def as_float_array(name, value, ndim=None):
    """Convert ``value`` to a float64 array, checking type, dimensions and finiteness.

    Complex numbers and text are refused (numpy would drop the imaginary part, or read "1"
    as 1.0), and a ragged list is named as such.
    """
    if hasattr(value, "tocsr"):
        raise TypeError(f"{name} is a scipy sparse matrix: sparse input is not supported. Pass {name}.toarray().")
    try:
        raw = np.asarray(value)
    except ValueError:
        raise ValueError(f"{name} must be a rectangular array of numbers: its rows have different "
                         "lengths.") from None
    if np.iscomplexobj(raw):
        raise ValueError(f"{name} must hold real numbers. Got complex values such as {raw.ravel()[0]!r}: "
                         "Complex data not supported.")
    if raw.dtype.kind in "USV" or (raw.dtype.kind == "O" and any(isinstance(v, (str, bytes))
                                                               for v in raw.ravel()[:1000])):
        example = next((v for v in raw.ravel() if isinstance(v, (str, bytes, np.str_))), raw.ravel()[:1])
        raise TypeError(f"{name} must hold numbers. Got text such as {str(example)!r} (dtype {raw.dtype}).")
    try:
        arr = raw.astype(float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must hold numbers. Got an array of dtype {raw.dtype} whose values cannot be "
                        "read as numbers (argument must be a string or a real number).") from None
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-D array. Got an array of shape {arr.shape} instead.")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains nan or inf.")
    return arr


def check_X_y(X, y, n_features=None, model="model"):
    """Check a design matrix ``X`` (n_samples, n_features) with at least one sample and feature, and ``y``."""
    X = as_float_array("X", X)
    if X.ndim == 1:
        raise ValueError(
            f"X must be 2-D with shape (n_samples, n_features). Got shape {X.shape}; "
            "Reshape your data: X.reshape(-1, 1) for a single feature, X.reshape(1, -1) for a single sample."
        )
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D with shape (n_samples, n_features). Got shape {X.shape} instead.")
    if X.shape[0] == 0:
        raise ValueError(f"X has no samples: shape {X.shape}; found array with 0 sample(s) (shape={X.shape}) "
                         "while a minimum of 1 is required.")
    if X.shape[1] == 0:
        raise ValueError(f"X has no features: shape {X.shape}; found array with 0 feature(s) (shape={X.shape}) "
                         "while a minimum of 1 is required.")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features, but {model} is expecting {n_features} features as "
                         f"input: X has shape {X.shape} but the {model} expects {n_features} input features.")
    if y is None:
        return X, None
    y = np.asarray(y)
    if y.dtype == object and y.size and y.ravel()[0] is None:
        raise ValueError(f"The {model} requires y to be passed, but the target y is None.")
    if y.ndim == 0 or y.shape[0] != X.shape[0]:
        got = "a single value" if y.ndim == 0 else f"{y.shape[0]} (y has shape {y.shape})"
        raise ValueError(f"X and y have different numbers of samples: X has {X.shape[0]}, y has {got}.")
    return X, y


def check_labels(y, n_samples):
    """Class labels of a classifier: 1-D, no nan, not continuous; return them as an array.

    Raises
    ------
    ValueError
        With a short message: the first offending value, never the whole list of labels.
    """
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] == 1:
        import warnings

        from sklearn.exceptions import DataConversionWarning

        warnings.warn("A column-vector y was passed when a 1d array was expected: y of shape (n, 1) is read as "
                      "y.ravel().",
                      DataConversionWarning, stacklevel=3)
        y = y.ravel()
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D (one label per sample). Got shape {y.shape} instead.")
    if y.shape[0] != n_samples:
        raise ValueError(f"X and y have different numbers of samples: X has {n_samples}, y has {y.shape[0]}.")
    if y.dtype.kind in "fc" or (y.dtype.kind == "O" and all(isinstance(v, (float, np.floating)) for v in y[:1000])):
        values = y.astype(float) if y.dtype.kind != "c" else y
        if np.any(np.isnan(values)):
            raise ValueError("y contains nan: every sample needs a class label.")
        odd = values[values != np.round(values)] if values.dtype.kind == "f" else values
        if odd.size:
            raise ValueError(f"Unknown label type: y has continuous values such as {odd[0].item()!r}; a classifier needs "
                             "class labels (integers or strings). For regression use output='identity'.")
    return y
