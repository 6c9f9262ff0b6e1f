"""A multi-layer perceptron in numpy: forward pass, backpropagation, SGD.

Notation of the lecture, layer l = 1..L (L is the output layer):

    z_l = a_{l-1} W_l + b_l          a_0 = X, W_l of shape (n_{l-1}, n_l)
    a_l = g_l(z_l)
    delta_L = dE/dz_L                 (p - y) / n for the matched output/loss pairs
    delta_l = (delta_{l+1} W_{l+1}^T) * g_l'(z_l)
    dE/dW_l = a_{l-1}^T delta_l       dE/db_l = sum over the batch of delta_l

Rows are samples, so one matrix product handles the whole batch.

Used in: 05_mlp to 10_regularization, and the playground widget.
"""
from numbers import Integral, Real

import numpy as np

from . import activations
from ._validation import as_float_array, check_choice, check_float, check_int, check_X_y
from .losses import EPS

PAIRS = (
    ("sigmoid", "squared_error"),
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "categorical_cross_entropy"),
    ("identity", "squared_error"),
)
INITS = ("uniform", "xavier", "he")
BN_EPS = 1e-5
BN_MOMENTUM = 0.9
_HIDDEN_ACTIVATIONS = tuple(n for n in activations.names() if n != "softmax")


def _sigmoid(z):
    """Logistic function without overflow: tanh form, one ufunc call."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _softmax(z):
    """Row-wise softmax, shifted by the row maximum so exp never overflows."""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    e /= e.sum(axis=1, keepdims=True)
    return e


_OUTPUTS = {"sigmoid": _sigmoid, "softmax": _softmax, "identity": lambda z: z}


class MLP:
    """A fully connected network trained by backpropagation and (mini-batch) SGD.

    Parameters
    ----------
    hidden : tuple of int, default=(4,)
        Sizes of the hidden layers; ``()`` gives a single-layer network (an int n means (n,)).
    activation : str or list of str, default="sigmoid"
        Hidden activation, one name for all layers or one per layer (any name of
        ``activations.names()`` except softmax).
    output, loss : str, default="sigmoid", "squared_error"
        One of the pairs ("sigmoid", "squared_error"), ("sigmoid", "binary_cross_entropy"),
        ("softmax", "categorical_cross_entropy") or ("identity", "squared_error") (regression).
    init : {"uniform", "xavier", "he"} or float, default="uniform"
        "uniform": W and b from U(-0.5, 0.5) (the blog); "xavier": Glorot uniform;
        "he": He normal; a float: N(0, init^2). The last three start b at 0.
    lr : float, default=0.5
        Learning rate, > 0.
    epochs : int, default=100
        Passes over the training set made by ``fit``.
    batch_size : int or None, default=None
        1: stochastic; None: the full batch; k: mini-batches of k, reshuffled each epoch.
    anneal : float, default=1.0
        Factor applied to the learning rate after every epoch (the blog uses 0.95).
    alpha : float, default=0.0
        L2 penalty: the objective adds alpha / (2 n_batch) * sum ||W_l||^2.
    momentum : float, default=0.0
        Classical momentum in [0, 1): v <- momentum v - lr grad; W <- W + v.
    clip : float or None, default=None
        Maximum global norm of the gradient (all parameters together).
    batch_norm : bool, default=False
        Normalise every hidden pre-activation: (z - mean) / sqrt(var + 1e-5) * gamma + beta,
        with batch statistics in training and running statistics (momentum 0.9) at
        inference. A bias before the mean subtraction cancels out, so these layers have
        no b of their own: beta takes its place, and their ``intercepts_`` stay at 0.
    residual : bool, default=False
        Add a skip connection a_l = g(z_l) + a_{l-1} wherever a hidden layer has the
        same width as the hidden layer before it; other layers are left plain.
    snapshot_every : int or None, default=None
        Store (epoch, coefs, intercepts) in ``snapshots_`` at epoch 0 and every that many epochs.
    random_state : int or None, default=0
        Seed of the initial weights and of the shuffling.

    Attributes
    ----------
    coefs_, intercepts_ : list of ndarray
        W_l of shape (n_{l-1}, n_l) and b_l of shape (n_l,).
    loss_curve_ : list of float
        Mean training objective in each epoch (averaged over its batches).
    grad_norms_ : list of ndarray
        Per epoch, ||dE/dW_l|| (Frobenius, penalty included, before clipping) of every
        layer, measured on the last batch of the epoch.
    n_epochs_ : int
        Epochs completed (over all calls of fit / partial_fit).
    diverged_ : bool
        True if the loss became nan or inf: training stopped there, quietly, and the
        parameters are the last finite ones (at worst those of the start of that epoch).
    snapshots_ : list of tuple
        (epoch, coefs, intercepts) copies, if ``snapshot_every`` is set.
    classes_ : ndarray
        The class labels (classifiers only).

    Examples
    --------
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> net = MLP(hidden=(4,), lr=2.0, epochs=2000, random_state=1).fit(X, [0, 1, 1, 0])
    >>> net.predict(X).tolist()
    [0, 1, 1, 0]
    """

    def __init__(self, hidden=(4,), activation="sigmoid", output="sigmoid", loss="squared_error",
                 init="uniform", lr=0.5, epochs=100, batch_size=None, anneal=1.0, alpha=0.0,
                 momentum=0.0, clip=None, batch_norm=False, residual=False, snapshot_every=None,
                 random_state=0):
        self.hidden = hidden
        self.activation = activation
        self.output = output
        self.loss = loss
        self.init = init
        self.lr = lr
        self.epochs = epochs
        self.batch_size = batch_size
        self.anneal = anneal
        self.alpha = alpha
        self.momentum = momentum
        self.clip = clip
        self.batch_norm = batch_norm
        self.residual = residual
        self.snapshot_every = snapshot_every
        self.random_state = random_state
        self._check_params()

    # ------------------------------------------------------------------ checks
    def _check_params(self):
        """Validate the constructor arguments (called again by initialize)."""
        hidden = (self.hidden,) if isinstance(self.hidden, Integral) else self.hidden
        if not isinstance(hidden, (tuple, list)):
            raise TypeError(f"hidden must be a tuple of layer sizes such as (4,). Got {self.hidden!r} instead.")
        for size in hidden:
            check_int("each hidden layer size", size, low=1)
        self._hidden = tuple(int(h) for h in hidden)
        names = self.activation if isinstance(self.activation, (list, tuple)) else [self.activation] * len(hidden)
        if len(names) != len(hidden):
            raise ValueError(
                f"activation has {len(names)} names but hidden has {len(hidden)} layers; "
                "give one name, or one per hidden layer."
            )
        for name in names:
            if isinstance(name, str) and activations._ALIASES.get(name, name) == "softmax":
                raise ValueError(
                    f"activation must be one of {', '.join(map(repr, _HIDDEN_ACTIVATIONS))}. Got 'softmax' "
                    "instead: softmax is an output, use output='softmax'."
                )
        self._acts = [activations.get(name) for name in names]
        check_choice("output", self.output, tuple(_OUTPUTS))
        if not isinstance(self.loss, str) or (self.output, self.loss) not in PAIRS:
            allowed = ", ".join(f"({o!r}, {lo!r})" for o, lo in PAIRS)
            raise ValueError(f"(output, loss) must be one of {allowed}. Got ({self.output!r}, {self.loss!r}) instead.")
        if isinstance(self.init, str):
            check_choice("init", self.init, INITS)
        elif isinstance(self.init, Real) and not isinstance(self.init, bool):
            check_float("init", self.init, low=0, low_inclusive=False)
        else:
            raise TypeError(f"init must be one of {', '.join(map(repr, INITS))} or a positive float. "
                            f"Got {self.init!r} instead.")
        check_float("lr", self.lr, low=0, low_inclusive=False)
        check_int("epochs", self.epochs, low=0)
        check_int("batch_size", self.batch_size, low=1, allow_none=True)
        if not 0 < check_float("anneal", self.anneal) <= 1:
            raise ValueError(f"anneal must be in (0, 1]. Got {self.anneal!r} instead.")
        check_float("alpha", self.alpha, low=0)
        check_float("momentum", self.momentum, low=0)
        if self.momentum >= 1:
            raise ValueError(f"momentum must be in [0, 1). Got {self.momentum!r} instead.")
        check_float("clip", self.clip, low=0, low_inclusive=False, allow_none=True)
        for name in ("batch_norm", "residual"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False. Got {getattr(self, name)!r} instead.")
        if self.batch_norm and self.batch_size == 1:
            raise ValueError("batch_norm needs batches of at least 2 samples. Got batch_size=1 instead.")
        check_int("snapshot_every", self.snapshot_every, low=1, allow_none=True)
        check_int("random_state", self.random_state, allow_none=True)

    def _check_fitted(self):
        if not hasattr(self, "coefs_"):
            raise ValueError("This MLP is not initialised yet. Call fit(X, y) or initialize(X, y) first.")

    def _check_X(self, X):
        self._check_fitted()
        X, _ = check_X_y(X, None)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has shape {X.shape} but the network expects {self.n_features_in_} input features.")
        return X

    @property
    def _is_classifier(self):
        return self.output != "identity"

    def _encode(self, y, n_samples):
        """Targets as a float matrix (n_samples, n_outputs): one-hot, 0/1 column or values."""
        y = np.asarray(y)
        if y.shape[:1] != (n_samples,):
            raise ValueError(f"X and y have different numbers of samples: X has {n_samples}, y has shape {y.shape}.")
        if not self._is_classifier:
            Y = as_float_array("y", y).reshape(n_samples, -1)
            if Y.shape[1] != self.n_outputs_:
                raise ValueError(f"y has {Y.shape[1]} target columns but the network has {self.n_outputs_} outputs.")
            return Y
        if self.output == "softmax" and y.ndim == 2 and y.shape[1] == len(self.classes_):
            return as_float_array("y", y)  # already one-hot
        if y.ndim == 2 and y.shape[1] == 1:
            y = y.ravel()
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D (one label per sample). Got shape {y.shape} instead.")
        unknown = np.setdiff1d(y, self.classes_)
        if unknown.size:
            raise ValueError(f"y contains labels {unknown.tolist()} not seen at initialisation: "
                             f"{self.classes_.tolist()}.")
        index = np.searchsorted(self.classes_, y)
        if self.output == "sigmoid":
            return index.reshape(-1, 1).astype(float)
        return np.eye(len(self.classes_))[index]

    # ------------------------------------------------------------ set up
    def initialize(self, X, y):
        """Read the shapes and labels from (X, y) and draw the initial parameters.

        Returns
        -------
        self
        """
        self._check_params()
        X, y = check_X_y(X, y)
        n_in = X.shape[1]
        if self._is_classifier:
            y = np.asarray(y)
            if y.ndim == 2 and y.shape[1] == 1:
                y = y.ravel()
            if y.ndim != 1:
                raise ValueError(f"y must be 1-D (one label per sample). Got shape {y.shape} instead.")
            self.classes_ = np.unique(y)
            k = len(self.classes_)
            if self.output == "sigmoid" and k != 2:
                raise ValueError(f"output='sigmoid' needs exactly 2 classes. Got {k}: {self.classes_.tolist()}. "
                                 "For more classes use output='softmax', loss='categorical_cross_entropy'.")
            if k < 2:
                raise ValueError(f"y needs at least 2 classes. Got {k}: {self.classes_.tolist()}.")
            self.n_outputs_ = 1 if self.output == "sigmoid" else k
        else:
            y = as_float_array("y", y)
            self._y_ndim = y.ndim
            self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
        self.n_features_in_ = n_in
        self._rng = np.random.default_rng(self.random_state)
        sizes = (n_in, *self._hidden, self.n_outputs_)
        self.coefs_, self.intercepts_ = [], []
        for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
            W, b = self._draw(fan_in, fan_out)
            self.coefs_.append(W)
            self.intercepts_.append(b)
        n_hidden = len(self._hidden)
        if self.batch_norm:
            self.gammas_ = [np.ones(h) for h in self._hidden]
            self.betas_ = [np.zeros(h) for h in self._hidden]
            self.running_means_ = [np.zeros(h) for h in self._hidden]
            self.running_vars_ = [np.ones(h) for h in self._hidden]
            for b in self.intercepts_[:n_hidden]:
                b[:] = 0.0
        # skip connections only between hidden layers of equal width
        self._skip = [self.residual and i > 0 and self._hidden[i] == self._hidden[i - 1] for i in range(n_hidden)]
        self._names, self._params = [], []
        for name, value in self.parameters().items():
            self._names.append(name)
            self._params.append(value)
        self._velocity = [np.zeros_like(p) for p in self._params]
        self.lr_ = float(self.lr)
        self.loss_curve_, self.grad_norms_, self.snapshots_ = [], [], []
        self.n_epochs_ = 0
        self.diverged_ = False
        if self.snapshot_every:
            self._snapshot()
        return self

    def _draw(self, fan_in, fan_out):
        """Initial W (fan_in, fan_out) and b (fan_out,) by the chosen scheme."""
        rng = self._rng
        if self.init == "uniform":
            return rng.uniform(-0.5, 0.5, (fan_in, fan_out)), rng.uniform(-0.5, 0.5, fan_out)
        if self.init == "xavier":
            limit = np.sqrt(6.0 / (fan_in + fan_out))
            W = rng.uniform(-limit, limit, (fan_in, fan_out))
        elif self.init == "he":
            W = rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
        else:
            W = rng.normal(0.0, float(self.init), (fan_in, fan_out))
        return W, np.zeros(fan_out)

    def parameters(self):
        """The live parameter arrays by name: W1, b1, ..., with BN gamma1, beta1 (and no b of BN layers).

        Changing an array in place changes the network (gradcheck relies on this).
        """
        self._check_fitted()
        params = {}
        n_hidden = len(self._hidden)
        for l, (W, b) in enumerate(zip(self.coefs_, self.intercepts_), start=1):
            params[f"W{l}"] = W
            if self.batch_norm and l <= n_hidden:
                params[f"gamma{l}"] = self.gammas_[l - 1]
                params[f"beta{l}"] = self.betas_[l - 1]
            else:
                params[f"b{l}"] = b
        return params

    # ------------------------------------------------------------ forward / backward
    def _forward(self, X, training):
        """z_l, a_l for all layers; bn holds (zhat, 1/std, mean, var) of BN layers."""
        z_list, a_list, bn = [], [X], []
        a = X
        for i, act in enumerate(self._acts):
            z = a @ self.coefs_[i]
            if self.batch_norm:
                if training:
                    mean, var = z.mean(axis=0), z.var(axis=0)
                else:
                    mean, var = self.running_means_[i], self.running_vars_[i]
                inv_std = 1.0 / np.sqrt(var + BN_EPS)
                zhat = (z - mean) * inv_std
                bn.append((zhat, inv_std, mean, var))
                u = zhat * self.gammas_[i] + self.betas_[i]
            else:
                z += self.intercepts_[i]
                u = z
            a_next = act.f(u)
            if self._skip[i]:
                a_next += a
            z_list.append(z)
            a_list.append(a_next)
            a = a_next
        z = a @ self.coefs_[-1]
        z += self.intercepts_[-1]
        z_list.append(z)
        a_list.append(_OUTPUTS[self.output](z))
        return z_list, a_list, bn

    def _loss(self, z_out, a_out, Y):
        """Mean per-sample loss of the batch (without the L2 term)."""
        n = Y.shape[0]
        if self.loss == "squared_error":
            d = (a_out - Y).ravel()
            return 0.5 * float(d @ d) / n
        if self.loss == "binary_cross_entropy":
            # log(1 + e^z) - y z is -[y log p + (1 - y) log(1 - p)] with p = sigma(z), exactly and stably
            return float(np.sum(np.logaddexp(0.0, z_out) - Y * z_out)) / n
        return -float(np.vdot(Y, np.log(np.maximum(a_out, EPS)))) / n

    def _backward(self, z_list, a_list, bn, Y):
        """delta_l = dE/dz_l for every layer, and {layer index: [dW, db] or [dW, dgamma, dbeta]}."""
        n = Y.shape[0]
        a_out = a_list[-1]
        delta = a_out - Y
        if self.output == "sigmoid" and self.loss == "squared_error":
            delta *= a_out * (1.0 - a_out)  # times g'(z_L) = a (1 - a); the other pairs cancel it
        delta *= 1.0 / n
        L = len(self.coefs_)
        deltas = [None] * L
        deltas[-1] = delta
        grads = {}
        da = None  # dE/da_{l+1}, needed where a skip connection carries it straight down
        for l in range(L - 1, -1, -1):
            gW = a_list[l].T @ delta
            if self.alpha:
                gW += (self.alpha / n) * self.coefs_[l]
            if l in grads:  # a batch-norm layer: gamma and beta are already there
                grads[l][0] = gW
            else:
                grads[l] = [gW, delta.sum(axis=0)]
            if l == 0:
                break
            i = l - 1  # the hidden layer whose output a_l feeds W_l
            da_i = delta @ self.coefs_[l].T
            if l < L - 1 and self._skip[l]:
                da_i += da
            if self.batch_norm:
                zhat, inv_std, _, _ = bn[i]
                du = da_i * self._acts[i].df(zhat * self.gammas_[i] + self.betas_[i])
                dzhat = du * self.gammas_[i]
                grads[i] = [None, (du * zhat).sum(axis=0), du.sum(axis=0)]
                # through the batch mean and variance: every sample's z moves all of them
                delta = inv_std * (dzhat - dzhat.mean(axis=0) - zhat * (dzhat * zhat).mean(axis=0))
            else:
                delta = da_i * self._acts[i].df(z_list[i])
            deltas[i] = delta
            da = da_i
        return deltas, grads

    def _flat_grads(self, grads):
        """The gradients of _backward as one list, in the order of :meth:`parameters`."""
        out = []
        for l in range(len(self.coefs_)):
            out.extend(grads[l])
        return out

    def forward(self, X, training=False):
        """Propagate ``X`` through the network.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        training : bool, default=False
            Only matters with batch_norm: batch statistics (True) or running ones (False).

        Returns
        -------
        dict
            ``z``: [z_1, ..., z_L] (before batch norm where it is used); ``a``: [a_0 = X, a_1, ..., a_L];
            ``bn``: per BN layer (zhat, 1/std, mean, var).
        """
        X = self._check_X(X)
        with np.errstate(over="ignore", invalid="ignore"):
            z, a, bn = self._forward(X, bool(training))
        return {"z": z, "a": a, "bn": bn}

    def backward(self, cache, y):
        """Backpropagate the error for targets ``y`` through a cache of :meth:`forward`.

        Returns
        -------
        dict
            ``delta``: [delta_1, ..., delta_L] with delta_l = dE/dz_l; ``grads``: {"W1": dE/dW_1, ...}
            with the keys of :meth:`parameters`. With batch_norm, the cache must come from
            ``forward(X, training=True)``: the formulas differentiate through the batch statistics.
        """
        self._check_fitted()
        if not isinstance(cache, dict) or not {"z", "a"} <= set(cache):
            raise TypeError("cache must be the dict returned by forward(X). Got "
                            f"{type(cache).__name__} instead.")
        if self.batch_norm and len(cache.get("bn", [])) != len(self._hidden):
            raise ValueError("cache has no batch-norm statistics: call forward(X, training=True) first.")
        Y = self._encode(y, cache["a"][0].shape[0])
        deltas, grads = self._backward(cache["z"], cache["a"], cache.get("bn", []), Y)
        return {"delta": deltas, "grads": dict(zip(self._names, self._flat_grads(grads)))}

    def gradients(self, X, y):
        """dE/d(parameter) for the batch (X, y), in training mode, keyed like :meth:`parameters`."""
        return self.backward(self.forward(X, training=True), y)["grads"]

    def objective(self, X, y):
        """E = mean loss over the batch + alpha / (2 n) * sum ||W_l||^2, in training mode."""
        X = self._check_X(X)
        Y = self._encode(y, X.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):
            z, a, _ = self._forward(X, True)
        penalty = 0.5 * self.alpha / X.shape[0] * sum(float(np.vdot(W, W)) for W in self.coefs_)
        return self._loss(z[-1], a[-1], Y) + penalty

    # ------------------------------------------------------------ training
    def fit(self, X, y):
        """Initialise the parameters and train for ``epochs`` epochs.

        Returns
        -------
        self
        """
        self.initialize(X, y)
        return self._train(X, y, self.epochs)

    def partial_fit(self, X, y, epochs=1):
        """Continue training for ``epochs`` more epochs (initialising first if needed).

        Returns
        -------
        self
        """
        epochs = check_int("epochs", epochs, low=0)
        if not hasattr(self, "coefs_"):
            self.initialize(X, y)
        else:
            self._check_params()
        return self._train(X, y, epochs)

    def _train(self, X, y, epochs):
        X = self._check_X(X)
        Y = self._encode(y, X.shape[0])
        n = X.shape[0]
        batch = n if self.batch_size is None else min(self.batch_size, n)
        if self.batch_norm and batch < 2:
            raise ValueError(f"batch_norm needs batches of at least 2 samples; X has {n}.")
        starts = list(range(0, n, batch))
        stops = starts[1:] + [n]
        if self.batch_norm and len(starts) > 1 and n - starts[-1] == 1:
            # a last batch of one sample has no variance: it joins the batch before it
            starts.pop()
            stops.pop()
            stops[-1] = n
        last = starts[-1]
        params, velocity = self._params, self._velocity
        momentum, clip, L = self.momentum, self.clip, len(self.coefs_)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for _ in range(epochs):
                if self.diverged_:
                    break
                start_params = [p.copy() for p in params]
                order = self._rng.permutation(n) if batch < n else None
                total = 0.0
                for start, stop in zip(starts, stops):
                    if order is None:
                        Xb, Yb = X, Y
                    else:
                        idx = order[start:stop]
                        Xb, Yb = X[idx], Y[idx]
                    z_list, a_list, bn = self._forward(Xb, True)
                    batch_loss = self._loss(z_list[-1], a_list[-1], Yb)
                    if not np.isfinite(batch_loss):
                        self._diverge(start_params)
                        break
                    total += batch_loss * (stop - start)
                    _, grads = self._backward(z_list, a_list, bn, Yb)
                    flat = self._flat_grads(grads)
                    if start == last:
                        norms = np.array([np.linalg.norm(grads[l][0]) for l in range(L)])
                    if self.batch_norm:
                        for i, (_, _, mean, var) in enumerate(bn):
                            self.running_means_[i] *= BN_MOMENTUM
                            self.running_means_[i] += (1 - BN_MOMENTUM) * mean
                            self.running_vars_[i] *= BN_MOMENTUM
                            self.running_vars_[i] += (1 - BN_MOMENTUM) * var
                    if clip is not None:
                        norm = np.sqrt(sum(float(np.vdot(g, g)) for g in flat))
                        if norm > clip:
                            for g in flat:
                                g *= clip / norm
                    lr = self.lr_
                    if momentum:
                        for p, v, g in zip(params, velocity, flat):
                            v *= momentum
                            v -= lr * g
                            p += v
                    else:
                        for p, g in zip(params, flat):
                            g *= lr  # g is ours to overwrite: saves an allocation per parameter
                            p -= g
                if self.diverged_:
                    break
                self.grad_norms_.append(norms)
                penalty = 0.5 * self.alpha * sum(float(np.vdot(W, W)) for W in self.coefs_) if self.alpha else 0.0
                self.loss_curve_.append(total / n + penalty / batch)
                self.n_epochs_ += 1
                self.lr_ *= self.anneal
                if self.snapshot_every and self.n_epochs_ % self.snapshot_every == 0:
                    self._snapshot()
        return self

    def _diverge(self, start_params):
        """Stop training; fall back to the epoch's starting parameters if the current ones overflowed."""
        self.diverged_ = True
        if not all(np.isfinite(p).all() for p in self._params):
            for p, p0 in zip(self._params, start_params):
                p[...] = p0

    def _snapshot(self):
        self.snapshots_.append((self.n_epochs_, [W.copy() for W in self.coefs_],
                                [b.copy() for b in self.intercepts_]))

    # ------------------------------------------------------------ prediction
    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), rows summing to 1 (classifiers only)."""
        if not self._is_classifier:
            raise ValueError("predict_proba needs a classifier (output='sigmoid' or 'softmax'). "
                             "This network does regression (output='identity'); use predict.")
        a = self.forward(X)["a"][-1]
        if self.output == "sigmoid":
            return np.hstack([1.0 - a, a])
        return a

    def predict(self, X):
        """Class labels (classifiers) or predicted values (regression)."""
        self._check_fitted()
        if not self._is_classifier:
            a = self.forward(X)["a"][-1]
            return a.ravel() if self._y_ndim == 1 else a
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def score(self, X, y):
        """Accuracy for classifiers, R^2 (averaged over outputs) for regression."""
        y_hat = self.predict(X)
        y = np.asarray(y)
        if y.shape[0] != y_hat.shape[0]:
            raise ValueError(f"X and y have different numbers of samples: X has {y_hat.shape[0]}, y has {y.shape[0]}.")
        if self._is_classifier:
            return float(np.mean(y_hat == y.reshape(y_hat.shape)))
        y = as_float_array("y", y).reshape(y_hat.shape)
        ss_res = np.sum((y - y_hat) ** 2, axis=0)
        ss_tot = np.sum((y - y.mean(axis=0)) ** 2, axis=0)
        return float(np.mean(1.0 - ss_res / np.maximum(ss_tot, EPS)))
