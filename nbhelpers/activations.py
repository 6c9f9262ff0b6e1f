"""Activation functions and their derivatives with respect to the input ``z``.

Every function takes the pre-activation ``z`` (any shape) and returns an array of
the same shape. The derivatives are taken with respect to ``z``, never with
respect to the output ``a``: ``sigmoid_prime(z) = sigmoid(z) * (1 - sigmoid(z))``.

All of them are numerically safe for ``|z|`` up to 1e4 and beyond: no overflow
warning, no nan.

Used in: 02_perceptron, 04_activation_functions, 05 to 11 through ``models.MLP``.

Examples
--------
>>> from nbhelpers import activations
>>> act = activations.get("tanh")
>>> float(act.f(0.0)), float(act.df(0.0))
(0.0, 1.0)
"""
from dataclasses import dataclass, field
from functools import partial
from typing import Callable

import numpy as np

from ._validation import check_choice, check_float


def identity(z):
    """Return z unchanged: the output of a regression network."""
    return np.asarray(z, dtype=float).copy()


def identity_prime(z):
    """Derivative of the identity: 1 everywhere."""
    return np.ones_like(np.asarray(z, dtype=float))


def binary_step(z):
    """1 where z >= 0, else 0 (the perceptron's threshold, with the course's >= 0)."""
    return (np.asarray(z, dtype=float) >= 0).astype(float)


def binary_step_prime(z):
    """Derivative of the step: 0 everywhere (undefined at 0; we return 0).

    This zero is why a network of step units cannot learn by gradient descent.
    """
    return np.zeros_like(np.asarray(z, dtype=float))


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), evaluated without overflow.

    For z < 0 we use the equal form exp(z) / (1 + exp(z)), so exp never sees a
    large positive argument.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(np.copysign(z, -1.0))  # exp(-|z|), always in (0, 1]
    return np.where(z >= 0, 1.0, e) / (e + 1.0)


def sigmoid_tanh(z, out=None):
    """The same sigma(z), as (1 + tanh(z / 2)) / 2: one transcendental call instead of an exp and a select.

    A network evaluates its sigmoid units in this form (:func:`network`): four array operations
    in place (in ``out`` if given). It agrees with :func:`sigmoid` to rounding (absolute, about
    1e-16), and gives exactly 0 or 1 where |z| > 37 or so, where :func:`sigmoid` still resolves e^-|z|.
    """
    a = np.multiply(z, 0.5, out=out, dtype=float)
    if not isinstance(a, np.ndarray):  # a scalar z
        return 0.5 * (1.0 + np.tanh(a))
    np.tanh(a, out=a)
    a += 1.0
    a *= 0.5
    return a


def sigmoid_prime(z):
    """sigma'(z) = sigma(z) (1 - sigma(z)); at most 0.25, at z = 0."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z):
    """Hyperbolic tangent, equal to 2 sigma(2z) - 1."""
    return np.tanh(np.asarray(z, dtype=float))


def tanh_prime(z):
    """tanh'(z) = 1 - tanh(z)^2; at most 1, at z = 0."""
    t = np.tanh(np.asarray(z, dtype=float))
    return 1.0 - t * t


def arctan(z):
    """Inverse tangent: an S-shaped curve between -pi/2 and pi/2."""
    return np.arctan(np.asarray(z, dtype=float))


def arctan_prime(z):
    """arctan'(z) = 1 / (1 + z^2)."""
    z = np.asarray(z, dtype=float)
    return 1.0 / (1.0 + z * z)


def relu(z):
    """Rectified linear unit max(0, z)."""
    return np.maximum(np.asarray(z, dtype=float), 0.0)


def relu_prime(z):
    """1 where z > 0, else 0 (we take 0 at z = 0, as most libraries do)."""
    return (np.asarray(z, dtype=float) > 0).astype(float)


def leaky_relu(z, slope=0.1):
    """z where z > 0, else slope * z (the lecture uses slope 0.1)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, slope * z)


def leaky_relu_prime(z, slope=0.1):
    """1 where z > 0, else ``slope``."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, slope)


def elu(z, alpha=1.0):
    """Exponential linear unit: z where z > 0, else alpha (exp(z) - 1)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def elu_prime(z, alpha=1.0):
    """1 where z > 0, else alpha exp(z)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


def softplus(z):
    """Smooth ReLU log(1 + exp(z)), computed as logaddexp(0, z) to avoid overflow."""
    return np.logaddexp(0.0, np.asarray(z, dtype=float))


def softplus_prime(z):
    """softplus'(z) = sigma(z)."""
    return sigmoid(z)


def softmax(z, axis=-1):
    """Turn scores into probabilities that sum to 1 along ``axis``.

    We subtract the maximum first: softmax(z) = softmax(z - max z), and then
    exp never overflows (the largest exponent is exp(0) = 1).

    Examples
    --------
    >>> softmax([2.33, -1.46, 0.56]).round(8)
    array([0.83827314, 0.01894129, 0.14278557])
    """
    z = np.asarray(z, dtype=float)
    e = z - z.max(axis=axis, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=axis, keepdims=True)
    return e


def softmax_prime(z, axis=-1):
    """Jacobian of softmax: d p_i / d z_j = p_i (delta_ij - p_j).

    Returns an array of shape ``z.shape + (K,)`` where K is the size of ``axis``
    (the last axis is moved to the end first). A network never needs this matrix:
    softmax followed by cross-entropy has the simple gradient p - y.
    """
    p = np.moveaxis(softmax(z, axis=axis), axis, -1)
    return p[..., :, None] * (np.eye(p.shape[-1]) - p[..., None, :])


@dataclass(frozen=True)
class Activation:
    """An activation function ``f`` with its derivative ``df`` (both of z).

    Attributes
    ----------
    name : str
        The name it is registered under.
    f, df : callable
        ``f(z)`` and ``df(z) = d f / d z``, elementwise (softmax: a Jacobian).
    params : dict
        Parameters bound into ``f`` and ``df`` (``slope`` of leaky_relu, ``alpha`` of elu).
    df_a : callable
        ``df_a(a, z, out=None)``: the same derivative, from the output ``a = f(z)`` where that is
        cheaper (sigmoid: a (1 - a); tanh: 1 - a^2), written into ``out`` where it can be.
        Backpropagation uses it, so a network never evaluates f twice; with ``a = f(z)`` its
        values equal ``df(z)`` (relu gives them as a bool mask; the network's sigmoid,
        :func:`network`, differs from ``df(z)`` by rounding).
    """

    name: str
    f: Callable
    df: Callable
    params: dict = field(default_factory=dict)
    df_a: Callable = None

    def __call__(self, z):
        return self.f(z)


_REGISTRY = {
    "identity": (identity, identity_prime, {}),
    "binary_step": (binary_step, binary_step_prime, {}),
    "sigmoid": (sigmoid, sigmoid_prime, {}),
    "tanh": (tanh, tanh_prime, {}),
    "arctan": (arctan, arctan_prime, {}),
    "relu": (relu, relu_prime, {}),
    "leaky_relu": (leaky_relu, leaky_relu_prime, {"slope": 0.1}),
    "elu": (elu, elu_prime, {"alpha": 1.0}),
    "softplus": (softplus, softplus_prime, {}),
    "softmax": (softmax, softmax_prime, {}),
}
# derivatives from the output a (and z): <name>_prime(z) when a = <name>(z), written into out if given
def _identity_from_a(a, z, out=None):
    return identity_prime(z)


def _sigmoid_from_a(a, z, out=None):
    out = np.subtract(1.0, a, out=out)
    out *= a
    return out


def _tanh_from_a(a, z, out=None):
    out = np.multiply(a, a, out=out)
    return np.subtract(1.0, out, out=out)


def _relu_from_a(a, z, out=None):
    return np.greater(z, 0, out=out)  # a mask: multiplying by it is multiplying by 1.0 or 0.0


def _from_z(df):
    """df_a for an activation whose derivative needs z only."""
    return partial(_call_with_z, df)


def _call_with_z(df, a, z, out=None):
    return df(z)


_FROM_OUTPUT = {"identity": _identity_from_a, "sigmoid": _sigmoid_from_a, "tanh": _tanh_from_a, "relu": _relu_from_a}
_ALIASES = {"logistic": "sigmoid", "linear": "identity", "step": "binary_step"}


def names():
    """The registered activation names, in the order of the lecture's table."""
    return list(_REGISTRY)


def get(name, **params):
    """Look up an activation by name, optionally binding its parameter.

    Parameters
    ----------
    name : str
        One of :func:`names` (``"logistic"``, ``"linear"`` and ``"step"`` are accepted
        as aliases).
    **params
        ``slope`` for ``"leaky_relu"``, ``alpha`` for ``"elu"``.

    Returns
    -------
    Activation

    Raises
    ------
    ValueError
        For an unknown name or a parameter the activation does not take.

    Examples
    --------
    >>> float(get("leaky_relu", slope=0.2).f(-1.0))
    -0.2
    """
    if isinstance(name, Activation):
        return name
    if not isinstance(name, str):
        raise TypeError(f"activation must be a str among {names()}. Got {name!r} instead.")
    key = check_choice("activation", _ALIASES.get(name, name), names())
    f, df, defaults = _REGISTRY[key]
    for p in params:
        if p not in defaults:
            takes = ", ".join(defaults) or "no parameters"
            raise ValueError(f"activation {key!r} takes {takes}. Got parameter {p!r} instead.")
    bound = {**defaults, **{k: check_float(k, v) for k, v in params.items()}}
    if bound:
        f, df = partial(f, **bound), partial(df, **bound)
    df_a = _FROM_OUTPUT.get(key) or _from_z(df)
    return Activation(key, f, df, bound, df_a)


def _relu_array(z, out=None):
    """relu of a float array, without the conversion of arbitrary input."""
    return np.maximum(z, 0.0, out=out)


def _into(f, z, out=None):
    """f(z), copied into ``out`` if given."""
    a = f(z)
    if out is None:
        return a
    out[...] = a
    return out


# the forms a network evaluates (on float arrays only): the same values, fewer numpy calls
_NETWORK_FORMS = {(sigmoid, "sigmoid"): sigmoid_tanh, (tanh, "tanh"): np.tanh, (relu, "relu"): _relu_array}


def network(name, **params):
    """The activation of a network's layer: :func:`get`, evaluated on float arrays only, as ``f(z, out=None)``.

    The sigmoid is evaluated as :func:`sigmoid_tanh`; tanh and relu skip the conversion of their input
    and write into ``out``; the others compute f(z) and copy it there.
    """
    act = get(name, **params)
    fast = _NETWORK_FORMS.get((act.f, act.name)) or partial(_into, act.f)
    return Activation(act.name, fast, act.df, act.params, act.df_a)


def output(name):
    """The activation of a network's output layer: ``"sigmoid"``, ``"softmax"`` or ``"identity"``.

    The sigmoid output is evaluated as :func:`sigmoid_tanh`, as in hidden layers (:func:`network`).
    """
    return network(check_choice("output", name, ("sigmoid", "softmax", "identity")))
