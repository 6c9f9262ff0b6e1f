"""The checks of an ``MLP``: its parameters, its class labels and its targets, in scikit-learn's words.

``MLP.__init__`` only stores its parameters (scikit-learn's contract); these functions run when the
network is initialised or trained, and each error names the parameter, what was expected and what
was given.
"""
from numbers import Integral, Real

import numpy as np

from . import activations, optimizers
from ._validation import as_float_array, check_choice, check_float, check_int, check_labels
from .losses import PAIRS

INITS = ("uniform", "xavier", "he")
OUTPUTS = ("sigmoid", "softmax", "identity")
HIDDEN_ACTIVATIONS = tuple(n for n in activations.names() if n != "softmax")


def check_params(net):
    """Validate every parameter of ``net``; return its hidden sizes (a tuple) and hidden activations."""
    hidden = (net.hidden,) if isinstance(net.hidden, Integral) else net.hidden
    if not isinstance(hidden, (tuple, list)):
        raise TypeError(f"hidden must be a tuple of layer sizes such as (4,). Got {net.hidden!r} instead.")
    for size in hidden:
        check_int("each hidden layer size", size, low=1)
    names = net.activation if isinstance(net.activation, (list, tuple)) else [net.activation] * len(hidden)
    if len(names) != len(hidden):
        raise ValueError(f"activation has {len(names)} names but hidden has {len(hidden)} layers; "
                         "give one name, or one per hidden layer.")
    for name in names:
        if isinstance(name, str) and activations._ALIASES.get(name, name) == "softmax":
            raise ValueError(f"activation must be one of {', '.join(map(repr, HIDDEN_ACTIVATIONS))}. "
                             "Got 'softmax' instead: softmax is an output, use output='softmax'.")
    acts = [activations.network(name) for name in names]
    check_choice("output", net.output, OUTPUTS)
    if not isinstance(net.loss, str) or (net.output, net.loss) not in PAIRS:
        allowed = ", ".join(f"({o!r}, {lo!r})" for o, lo in PAIRS)
        raise ValueError(f"(output, loss) must be one of {allowed}. Got ({net.output!r}, {net.loss!r}) instead.")
    if isinstance(net.init, str):
        check_choice("init", net.init, INITS)
    elif isinstance(net.init, Real) and not isinstance(net.init, bool):
        check_float("init", net.init, low=0, low_inclusive=False)
    else:
        raise TypeError(f"init must be one of {', '.join(map(repr, INITS))} or a positive float. "
                        f"Got {net.init!r} instead.")
    check_float("lr", net.lr, low=0, low_inclusive=False)
    check_int("epochs", net.epochs, low=0)
    check_int("batch_size", net.batch_size, low=1, allow_none=True)
    check_choice("solver", net.solver, optimizers.SOLVERS)
    check_choice("schedule", net.schedule, optimizers.SCHEDULES)
    if not 0 < check_float("anneal", net.anneal) <= 1:
        raise ValueError(f"anneal must be in (0, 1]. Got {net.anneal!r} instead.")
    check_float("power_t", net.power_t, low=0)
    check_float("alpha", net.alpha, low=0)
    for name in ("momentum", "beta_1", "beta_2", "dropout"):
        if not 0 <= check_float(name, getattr(net, name)) < 1:
            raise ValueError(f"{name} must be in [0, 1). Got {getattr(net, name)!r} instead.")
    check_float("clip", net.clip, low=0, low_inclusive=False, allow_none=True)
    for name in ("batch_norm", "residual"):
        if not isinstance(getattr(net, name), (bool, np.bool_)):
            raise TypeError(f"{name} must be True or False. Got {getattr(net, name)!r} instead.")
    if net.batch_norm and net.batch_size == 1:
        raise ValueError("batch_norm needs batches of at least 2 samples. Got batch_size=1 instead.")
    check_int("snapshot_every", net.snapshot_every, low=1, allow_none=True)
    check_int("random_state", net.random_state, allow_none=True)
    return tuple(int(h) for h in hidden), acts


def check_classes(output, y, n_samples, classes=None):
    """The sorted class labels of a classifier from ``y`` (or from ``classes`` if given): 2 for a sigmoid output."""
    y = check_labels(y, n_samples)
    classes = np.unique(y if classes is None else classes)
    k = len(classes)
    if k < 2:
        raise ValueError(f"y needs at least 2 classes. Got 1 class: {classes.tolist()}.")
    if output == "sigmoid" and k != 2:
        raise ValueError(f"Only binary classification is supported. output='sigmoid' needs exactly 2 classes. "
                         f"Got {k}: {classes[:10].tolist()}. "
                         "For more classes use output='softmax', loss='categorical_cross_entropy'.")
    return classes


def encode_targets(output, classes, n_outputs, y, n_samples):
    """Targets as a float matrix (n_samples, n_outputs): one-hot (softmax), a 0/1 column (sigmoid) or values."""
    if output == "identity":
        y = np.asarray(y)
        if y.ndim == 0 or y.shape[0] != n_samples:
            raise ValueError(f"X and y have different numbers of samples: X has {n_samples}, "
                             f"y has shape {y.shape}.")
        Y = as_float_array("y", y).reshape(n_samples, -1)
        if Y.shape[1] != n_outputs:
            raise ValueError(f"y has {Y.shape[1]} target columns but the network has {n_outputs} outputs.")
        return Y
    y = np.asarray(y)
    if output == "softmax" and y.ndim == 2 and y.shape[1] == len(classes) > 1:
        return as_float_array("y", y)  # already one-hot
    y = check_labels(y, n_samples)
    unknown = np.setdiff1d(y, classes)
    if unknown.size:
        raise ValueError(f"y contains labels {unknown[:10].tolist()} not seen at initialisation: "
                         f"{classes[:10].tolist()}.")
    index = np.searchsorted(classes, y)
    if output == "sigmoid":
        return index.reshape(-1, 1).astype(float)
    return np.eye(len(classes))[index]
