"""The lecture's 2-3-2-2 network built from :class:`nbhelpers.autodiff.Value` scalars, one Value per number.

:func:`network_loss` builds the squared error of notebook 06's network (two inputs, hidden
layers of 3 and 2 sigmoid units, two linear outputs) unit by unit, so that one
``loss.backward()`` gives every weight's gradient; :func:`gradient_arrays` collects them in
the shapes of the weights, to compare with matrix backpropagation and a gradient check.

Used in: 07_autodiff.

Examples
--------
>>> loss, params = network_loss()
>>> loss.backward()
>>> gradient_arrays(params)["b3"].shape
(2,)
"""
import numpy as np

from .autodiff import Value

LECTURE_X = (1.0, 0.5)
LECTURE_Y = (1.0, 0.0)
LECTURE_WEIGHTS = {
    "W1": [[0.1, -0.2, 0.3], [0.4, 0.1, -0.5]], "b1": [0.1, 0.0, -0.1],
    "W2": [[0.2, -0.3], [0.5, 0.1], [-0.4, 0.2]], "b2": [0.0, 0.1],
    "W3": [[0.3, -0.1], [-0.2, 0.4]], "b3": [0.1, -0.1],
}
"""Notebook 06's weights: W_l has shape (units in, units out), as ``MLP.parameters()``."""


def network_loss(weights=None, x=LECTURE_X, y=LECTURE_Y):
    """Build E = 1/2 sum_k (a_k - y_k)^2 of a sigmoid-hidden, linear-output network from Values.

    Layer l computes z_j = b_j + sum_i a_i W[i, j] unit by unit (a_0 = x), then
    a_j = sigma(z_j) in the hidden layers and a_j = z_j at the output, as notebook 06's
    2-3-2-2 network does.

    Parameters
    ----------
    weights : dict, optional
        ``{"W1": (n_0, n_1), "b1": (n_1,), "W2": ..., ...}`` array_likes; default: the
        lecture's 2-3-2-2 weights (:data:`LECTURE_WEIGHTS`).
    x, y : sequence of float
        The sample and its target (default (1, 0.5) and (1, 0)).

    Returns
    -------
    loss : Value
    params : dict of ndarray
        ``{"W1": ..., "b1": ..., ...}``: object arrays of Values, each of its weight's shape.

    Raises
    ------
    ValueError
        If the shapes of the weights, x and y do not fit together.

    Examples
    --------
    >>> loss, params = network_loss()
    >>> round(loss.data, 4), params["W1"].shape
    (0.3555, (2, 3))
    """
    weights = LECTURE_WEIGHTS if weights is None else weights
    n_layers = sum(1 for k in weights if k.startswith("W"))
    a = [Value(v, label=f"x{i + 1}") for i, v in enumerate(np.asarray(x, dtype=float).ravel())]
    params = {}
    for l in range(1, n_layers + 1):
        W = np.asarray(weights[f"W{l}"], dtype=float)
        b = np.asarray(weights[f"b{l}"], dtype=float)
        if W.ndim != 2 or W.shape[0] != len(a) or b.shape != (W.shape[1],):
            raise ValueError(f"W{l} must have shape ({len(a)}, n) and b{l} shape (n,). "
                             f"Got {W.shape} and {b.shape}.")
        Wv = _value_array(W, f"W{l}")
        bv = _value_array(b, f"b{l}")
        params[f"W{l}"], params[f"b{l}"] = Wv, bv
        z = []
        for j in range(W.shape[1]):
            zj = bv[j]
            for i, ai in enumerate(a):
                zj = zj + ai * Wv[i, j]
            z.append(zj)
        a = [zj.sigmoid() for zj in z] if l < n_layers else z
    y = np.asarray(y, dtype=float).ravel()
    if len(y) != len(a):
        raise ValueError(f"y must have {len(a)} entries, one per output. Got {len(y)}.")
    total = (a[0] - float(y[0])) ** 2
    for ak, yk in zip(a[1:], y[1:]):
        total = total + (ak - float(yk)) ** 2
    loss = 0.5 * total
    loss.label = "E"
    return loss, params


def _value_array(arr, name):
    """An object array of leaf Values labelled ``name[i,j]``."""
    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        out[idx] = Value(arr[idx], label=f"{name}[{','.join(map(str, idx))}]")
    return out


def gradient_arrays(params):
    """``{name: float array of the .grad of each Value}`` for the ``params`` of :func:`network_loss`."""
    return {name: np.vectorize(lambda v: v.grad, otypes=[float])(arr) for name, arr in params.items()}
