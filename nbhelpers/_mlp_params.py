"""An ``MLP``'s parameters, class labels and targets: their checks, in scikit-learn's words, and the layout.

``MLP.__init__`` only stores its parameters (scikit-learn's contract); the checks run when the
network is initialised or trained, and each error names the parameter, what was expected and what
was given. :class:`FlatParams` keeps the weights of a network in one flat vector (an update is
one operation on it) with the views the passes and the estimator's fitted attributes use.
"""
from numbers import Integral, Real

import numpy as np

from . import activations, layers, optimizers
from ._validation import as_float_array, check_choice, check_float, check_int, check_labels, check_X_y
from .losses import EPS, PAIRS

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
    if net.batch_norm and hidden and net.batch_size == 1:
        raise ValueError("batch_norm needs batches of at least 2 samples. Got batch_size=1 instead.")
    check_int("snapshot_every", net.snapshot_every, low=1, allow_none=True)
    check_int("random_state", net.random_state, allow_none=True)
    return tuple(int(h) for h in hidden), acts


def estimator_tags(tags, output):
    """scikit-learn's tags of an MLP: a regressor for output="identity", else a classifier; y required."""
    from sklearn.utils import ClassifierTags, RegressorTags

    tags.target_tags.required = True
    if output == "identity":
        tags.estimator_type, tags.regressor_tags = "regressor", RegressorTags()
    else:
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags(multi_class=output == "softmax")
    return tags


def read_targets(output, X, y, classes=None):
    """Check (X, y) at initialisation: return X, the classes (None for regression), n_outputs and y's ndim."""
    if y is None:
        raise ValueError("The MLP requires y to be passed, but the target y is None.")
    X, y = check_X_y(X, y)
    if output == "identity":
        y = as_float_array("y", y)
        return X, None, 1 if y.ndim == 1 else y.shape[1], y.ndim
    classes = check_classes(output, y, X.shape[0], classes)
    return X, classes, 1 if output == "sigmoid" else len(classes), 1


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


def score_predictions(classifier, y, y_hat, sample_weight=None):
    """Accuracy of predicted labels ``y_hat`` (classifier), or R^2 averaged over the outputs."""
    y = np.asarray(y)
    if y.ndim == 0 or y.shape[0] != y_hat.shape[0]:
        raise ValueError(f"X and y have different numbers of samples: X has {y_hat.shape[0]}, "
                         f"y has shape {y.shape}.")
    w = None if sample_weight is None else as_float_array("sample_weight", sample_weight, ndim=1)
    if classifier:
        return float(np.average(y_hat == y.reshape(y_hat.shape), weights=w))
    y = as_float_array("y", y).reshape(y_hat.shape)
    w = np.ones(len(y)) if w is None else w
    mean = np.average(y, axis=0, weights=w)
    ss_res = np.sum(w[:, None] * (y - y_hat).reshape(len(y), -1) ** 2, axis=0)
    ss_tot = np.sum(w[:, None] * (y - mean).reshape(len(y), -1) ** 2, axis=0)
    return float(np.mean(1.0 - ss_res / np.maximum(ss_tot, EPS)))


class FlatParams:
    """Every parameter of a network in one flat vector ``P``, its gradient in ``G`` of the same layout.

    Per layer l: W_l, b_l right after it (so [W_l; b_l] is one matrix, the one the forward product
    uses), then gamma_l, beta_l with batch norm (whose layers keep a b, always 0 and unused, so
    ``b`` has one array per layer). ``W``, ``b``, ``gamma``, ``beta`` and ``values`` (by name) are
    views into P, ``grads`` views into G, ``running_mean``, ``running_var`` views into one array
    ``running``: an update is then one operation on P. ``net`` is the :class:`layers.Net` of the passes.
    Pickling stores the views as copies: unpickling links them again, in the same lists, so an
    estimator holding these lists keeps live views.

    Parameters
    ----------
    sizes : tuple of int
        (n_features, *hidden, n_outputs).
    acts : list of activations.Activation
        The hidden activations.
    output, loss : str
    batch_norm : bool
    residual : bool
        Skip connections a_l = g(z_l) + a_{l-1} between hidden layers of equal width.
    P, G, running : ndarray, optional
        Arrays to link to (new zero arrays if not given).
    """

    _LISTS = ("W", "b", "gamma", "beta", "running_mean", "running_var")  # restored in place on unpickling

    def __init__(self, sizes, acts, output, loss, batch_norm, residual, P=None, G=None, running=None):
        H, L = len(sizes) - 2, len(sizes) - 1
        # batch norm normalizes hidden layers: with none it has nothing to do
        self.batch_norm = batch_norm = bool(batch_norm) and H > 0
        self._config = (tuple(sizes), list(acts), output, loss, batch_norm, bool(residual))
        skip = [residual and 0 < i and sizes[i + 1] == sizes[i] for i in range(H)]
        shapes, names, self.names = [], [], []  # names: of the layout; self.names: of the parameters
        for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
            bn = batch_norm and l <= H
            shapes += [(n_in, n_out), (n_out,)] + [(n_out,)] * (2 * bn)
            names += [f"W{l}", f"b{l}"] + [f"gamma{l}", f"beta{l}"] * bn
            self.names += [f"W{l}"] + ([f"gamma{l}", f"beta{l}"] if bn else [f"b{l}"])
        offsets = np.cumsum([0] + [int(np.prod(s)) for s in shapes])
        self.P = np.zeros(offsets[-1]) if P is None else P
        self.G = np.zeros(offsets[-1]) if G is None else G
        spans = dict(zip(names, zip(offsets[:-1], offsets[1:], shapes)))
        pv = {nm: self.P[o:e].reshape(s) for nm, (o, e, s) in spans.items()}
        gv = {nm: self.G[o:e].reshape(s) for nm, (o, e, s) in spans.items()}
        self.W, self.b = [pv[f"W{l}"] for l in range(1, L + 1)], [pv[f"b{l}"] for l in range(1, L + 1)]
        self.values, self.grads = {nm: pv[nm] for nm in self.names}, {nm: gv[nm] for nm in self.names}
        # the matrix of each layer's product: [W; b] (contiguous in P), or W alone for a batch-norm layer
        rows = [n_in + (not (batch_norm and l <= H)) for l, n_in in enumerate(sizes[:-1], start=1)]
        starts = [spans[f"W{l}"][0] for l in range(1, L + 1)]
        Wb = [self.P[o:o + r * n].reshape(r, n) for o, r, n in zip(starts, rows, sizes[1:])]
        gWb = [self.G[o:o + r * n].reshape(r, n) for o, r, n in zip(starts, rows, sizes[1:])]
        # where each W starts and ends: the squared norms of the dE/dW_l are sums over these spans
        self._w_bounds = np.array([spans[f"W{l}"][i] for l in range(1, L + 1) for i in (0, 1)])
        gammas = betas = means = variances = ggamma = gbeta = None
        if batch_norm:
            gammas, betas = [pv[f"gamma{l}"] for l in range(1, H + 1)], [pv[f"beta{l}"] for l in range(1, H + 1)]
            ggamma, gbeta = [gv[f"gamma{l}"] for l in range(1, H + 1)], [gv[f"beta{l}"] for l in range(1, H + 1)]
            cuts = np.cumsum(sizes[1:-1])
            self.running = np.zeros(2 * cuts[-1]) if running is None else running
            means = np.split(self.running[:cuts[-1]], cuts[:-1])
            variances = np.split(self.running[cuts[-1]:], cuts[:-1])
        self.gamma, self.beta, self.running_mean, self.running_var = gammas, betas, means, variances
        self.net = layers.Net(self.W, self.b, Wb, [gv[f"W{l}"] for l in range(1, L + 1)], gWb, list(acts),
                              activations.output(output), output, loss, list(skip),
                              gammas, betas, means, variances, ggamma, gbeta)
        self._works = {}

    def fitted_attributes(self):
        """The estimator's fitted attributes that are views: ``coefs_``, ``intercepts_`` (and batch norm's)."""
        names = ("coefs_", "intercepts_") + ("gammas_", "betas_", "running_means_", "running_vars_")
        return {name: getattr(self, key) for name, key in zip(names, self._LISTS) if getattr(self, key) is not None}

    def draw(self, rng, init):
        """Fill in the initial parameters: W, b drawn by ``init`` (:func:`layers.initial`), gamma 1, beta 0."""
        sizes, H = self._config[0], len(self._config[0]) - 2
        for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
            W, b = layers.initial(rng, init, n_in, n_out)
            self.W[l - 1][...] = W
            if not (self.gamma is not None and l <= H):
                self.b[l - 1][...] = b
        if self.gamma is not None:
            for g in self.gamma:
                g[...] = 1.0
            self.running[self.running.size // 2:] = 1.0
        return self

    def work(self, n):
        """The :class:`layers.Work` of batches of n, made once (training reuses it from step to step)."""
        work = self._works.get(n)
        if work is None:
            if len(self._works) >= 4:
                self._works.clear()
            work = self._works[n] = layers.Work(self.net, n)
        return work

    def release(self):
        """Let the arrays of the passes go: a trained network kept in a cache then holds only its parameters."""
        self._works.clear()

    def squared_weight_norms(self, g2):
        """||dE/dW_l||^2 per layer, from the squared gradient g2 = G * G."""
        return np.add.reduceat(g2, self._w_bounds)[::2]

    def update_running(self, bn, momentum):
        """running <- momentum running + (1 - momentum) (batch means, batch variances) of a forward pass."""
        stats = np.concatenate([mean for _, _, mean, _ in bn] + [var for _, _, _, var in bn])
        self.running *= momentum
        self.running += (1 - momentum) * stats

    def __getstate__(self):
        # the flat arrays are the truth; the lists travel too, so that who holds them gets them back
        state = {"config": self._config, "P": self.P, "G": self.G, "running": getattr(self, "running", None)}
        return dict(state, **{name: getattr(self, name) for name in self._LISTS})

    def __setstate__(self, state):
        self.__init__(*state["config"], P=state["P"], G=state["G"], running=state["running"])
        for name in self._LISTS:  # the restored lists now hold views into the restored P and running
            if state[name] is not None:
                state[name][:] = getattr(self, name)
                setattr(self, name, state[name])
