"""A multi-layer perceptron in numpy, with scikit-learn's estimator API.

The maths lives elsewhere: the passes in :mod:`nbhelpers.layers`, the activations in
:mod:`nbhelpers.activations`, the losses in :mod:`nbhelpers.losses`, the updates and the
learning-rate schedules in :mod:`nbhelpers.optimizers`. This module holds the parameters
and the one training loop: ``fit``, ``partial_fit`` and ``step`` all go through :meth:`MLP._step`.

Used in: 03_linear_separability, 05_multilayer_networks to 11_training_in_practice, and the widgets.
"""
import math
import warnings

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.metaestimators import available_if

from . import activations, layers, optimizers
from ._mlp_params import INITS, check_classes, check_params, encode_targets
from ._validation import as_float_array, check_int, check_X_y
from .losses import EPS, output_loss

BN_EPS = layers.BN_EPS
BN_MOMENTUM = 0.9


class DivergenceWarning(UserWarning):
    """Training stopped because the loss became nan or inf."""


class MLP(BaseEstimator):
    """A fully connected network trained by backpropagation and (mini-batch) gradient descent.

    A classifier (``output="sigmoid"`` or ``"softmax"``) or a regressor (``output="identity"``).

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
        The squared error is E = 1/n sum over samples of 1/2 sum_k (a - y)^2 (see ``losses``).
    init : {"uniform", "xavier", "he"} or float, default="uniform"
        "uniform": W and b from U(-0.5, 0.5) (the blog); "xavier": Glorot uniform;
        "he": He normal; a float: N(0, init^2). The last three start b at 0.
    lr : float, default=0.5
        Learning rate, > 0. ``set_params(lr=...)`` on a trained network takes effect at once.
    epochs : int, default=100
        Passes over the training set made by ``fit``.
    batch_size : int or None, default=None
        1: stochastic; None: the full batch; k: mini-batches of k, reshuffled each epoch.
    solver : {"sgd", "momentum", "nesterov", "adam"}, default="sgd"
        The update rule (:mod:`nbhelpers.optimizers`). "sgd" with ``momentum > 0`` is "momentum".
    momentum : float, default=0.0
        mu in [0, 1) of classical or Nesterov momentum: v <- mu v - lr grad; W <- W + v.
    beta_1, beta_2 : float, default=0.9, 0.999
        Adam's decay rates of its first and second moment estimates.
    schedule : {"anneal", "invscaling"}, default="anneal"
        Learning rate of epoch e = 0, 1, ...: lr * anneal^e, or lr / (e + 1)^power_t.
    anneal : float, default=1.0
        Factor applied to the learning rate after every epoch (the blog uses 0.95).
    power_t : float, default=0.5
        Exponent of the "invscaling" schedule.
    alpha : float, default=0.0
        L2 penalty: the objective of a batch of n adds alpha / (2 n) * sum ||W_l||^2.
    dropout : float, default=0.0
        Probability of dropping each hidden unit while training (inverted dropout: the kept
        units are scaled by 1 / (1 - dropout), so nothing changes at inference).
    clip : float or None, default=None
        Maximum global norm of the gradient (all parameters together).
    batch_norm : bool, default=False
        Normalise every hidden pre-activation: (z - mean) / sqrt(var + 1e-5) * gamma + beta,
        with batch statistics in training and running statistics (momentum 0.9) at
        inference. These layers have no b of their own (beta takes its place).
    residual : bool, default=False
        Add a skip connection a_l = g(z_l) + a_{l-1} wherever a hidden layer has the
        same width as the hidden layer before it.
    snapshot_every : int or None, default=None
        Store (epoch, coefs, intercepts) in ``snapshots_`` at epoch 0 and every that many epochs.
    random_state : int or None, default=0
        Seed of the initial weights, the shuffling and the dropout masks.

    Attributes
    ----------
    coefs_, intercepts_ : list of ndarray
        W_l of shape (n_{l-1}, n_l) and b_l of shape (n_l,).
    loss_curve_ : list of float
        Per epoch, the objective the network minimised (L2 penalty included), averaged over
        the epoch's batches, each batch at the parameters its gradient was taken at.
    grad_norms_ : list of ndarray
        Per epoch, ||dE/dW_l|| (Frobenius, penalty included, before clipping) of every
        layer, measured on the last batch of the epoch.
    lr_ : float
        The learning rate of the next epoch (after annealing).
    n_epochs_ : int
        Epochs completed (over all calls of fit / partial_fit).
    diverged_ : bool
        True if the loss became nan or inf: training stopped there with a ``DivergenceWarning``,
        and the parameters are the last finite ones (at worst those of the start of that epoch).
    snapshots_ : list of tuple
        (epoch, coefs, intercepts) copies, if ``snapshot_every`` is set.
    classes_ : ndarray
        The class labels (classifiers only).
    n_features_in_ : int
        Number of input features.
    gammas_, betas_, running_means_, running_vars_ : list of ndarray
        Batch-norm parameters and statistics (with ``batch_norm=True``).

    Examples
    --------
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> net = MLP(hidden=(4,), lr=2.0, epochs=2000, random_state=1).fit(X, [0, 1, 1, 0])
    >>> net.predict(X).tolist()
    [0, 1, 1, 0]
    """

    def __init__(self, hidden=(4,), activation="sigmoid", output="sigmoid", loss="squared_error",
                 init="uniform", lr=0.5, epochs=100, batch_size=None, solver="sgd", momentum=0.0,
                 beta_1=0.9, beta_2=0.999, schedule="anneal", anneal=1.0, power_t=0.5, alpha=0.0,
                 dropout=0.0, clip=None, batch_norm=False, residual=False, snapshot_every=None,
                 random_state=0):
        self.hidden = hidden
        self.activation = activation
        self.output = output
        self.loss = loss
        self.init = init
        self.lr = lr
        self.epochs = epochs
        self.batch_size = batch_size
        self.solver = solver
        self.momentum = momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.schedule = schedule
        self.anneal = anneal
        self.power_t = power_t
        self.alpha = alpha
        self.dropout = dropout
        self.clip = clip
        self.batch_norm = batch_norm
        self.residual = residual
        self.snapshot_every = snapshot_every
        self.random_state = random_state

    def __sklearn_tags__(self):
        from sklearn.utils import ClassifierTags, RegressorTags

        tags = super().__sklearn_tags__()
        tags.target_tags.required = True
        if self.output == "identity":
            tags.estimator_type, tags.regressor_tags = "regressor", RegressorTags()
        else:
            tags.estimator_type = "classifier"
            tags.classifier_tags = ClassifierTags(multi_class=self.output == "softmax")
        return tags

    # ------------------------------------------------------------------ checks
    def _check_params(self):
        """Validate the parameters (in initialize: ``__init__`` only stores them)."""
        self._hidden, self._acts = check_params(self)

    def _check_fitted(self):
        if not hasattr(self, "coefs_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("This MLP is not initialised yet. Call fit(X, y) or initialize(X, y) first.")

    def _check_X(self, X):
        self._check_fitted()
        return check_X_y(X, None, n_features=self.n_features_in_, model="MLP")[0]

    @property
    def _is_classifier(self):
        return self.output != "identity"

    def _encode(self, y, n_samples):
        """Targets as a float matrix (n_samples, n_outputs): one-hot, 0/1 column or values."""
        return encode_targets(self.output, getattr(self, "classes_", None), self.n_outputs_, y, n_samples)

    # ------------------------------------------------------------ set up
    def initialize(self, X, y, classes=None):
        """Check the parameters, read the shapes and labels from (X, y) and draw the initial parameters.

        Returns
        -------
        self
        """
        self._check_params()
        if y is None:
            raise ValueError("The MLP requires y to be passed, but the target y is None.")
        X, y = check_X_y(X, y)
        if self._is_classifier:
            self.classes_ = check_classes(self.output, y, X.shape[0], classes)
            self.n_outputs_ = 1 if self.output == "sigmoid" else len(self.classes_)
        else:
            y = as_float_array("y", y)
            self._y_ndim = y.ndim
            self.n_outputs_ = 1 if y.ndim == 1 else y.shape[1]
        self.n_features_in_ = X.shape[1]
        self._rng = np.random.default_rng(self.random_state)
        self._allocate((X.shape[1], *self._hidden, self.n_outputs_))
        self._optimizer = optimizers.Optimizer(self._solver, self._P.size, momentum=self.momentum,
                                               beta_1=self.beta_1, beta_2=self.beta_2)
        self.loss_curve_, self.grad_norms_, self.snapshots_ = [], [], []
        self.n_epochs_ = 0
        self.diverged_ = False
        if self.snapshot_every:
            self._snapshot()
        return self

    @property
    def _solver(self):
        return "momentum" if self.solver == "sgd" and self.momentum else self.solver

    def _allocate(self, sizes):
        """Draw W, b of every layer, then keep all parameters in one flat vector P (weights first).

        ``coefs_``, ``intercepts_``, ``gammas_``, ``betas_`` are views into P, and the gradients
        views into G of the same layout: an update is then one operation on P.
        """
        drawn = [layers.initial(self._rng, self.init, n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        self._link(sizes)
        H, bn = len(self._hidden), self.batch_norm
        for l, (W, b) in enumerate(drawn, start=1):
            self.coefs_[l - 1][...] = W
            if not (bn and l <= H):
                self.intercepts_[l - 1][...] = b
        if bn:
            for g in self.gammas_:
                g[...] = 1.0
            self._running[self._running.size // 2:] = 1.0

    def _link(self, sizes, P=None, G=None, running=None):
        """Make every parameter, gradient and running statistic a view into P, G and one running array.

        New zero arrays unless given: pickling and ``copy.deepcopy`` store the views as separate
        copies, so :meth:`__setstate__` links them to the restored P, G and running array again.
        """
        H, bn, L = len(self._hidden), self.batch_norm, len(sizes) - 1
        shapes = [(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        names = [f"W{l}" for l in range(1, L + 1)]
        for l, n_out in enumerate(sizes[1:], start=1):
            shapes += [(n_out,)] * 3 if bn and l <= H else [(n_out,)]
            names += [f"b{l}"] + ([f"gamma{l}", f"beta{l}"] if bn and l <= H else [])
        # batch-norm layers keep a b (always 0, unused) so intercepts_ has one array per layer
        offsets = np.cumsum([0] + [int(np.prod(s)) for s in shapes])
        self._P = np.zeros(offsets[-1]) if P is None else P
        self._G = np.zeros(offsets[-1]) if G is None else G
        self._n_weights = int(offsets[L])
        self._w_starts = offsets[:L]
        pv = {nm: self._P[o:e].reshape(s) for nm, o, e, s in zip(names, offsets[:-1], offsets[1:], shapes)}
        self._gv = {nm: self._G[o:e].reshape(s) for nm, o, e, s in zip(names, offsets[:-1], offsets[1:], shapes)}
        self.coefs_ = [pv[f"W{l}"] for l in range(1, L + 1)]
        self.intercepts_ = [pv[f"b{l}"] for l in range(1, L + 1)]
        if bn:
            self.gammas_ = [pv[f"gamma{l}"] for l in range(1, H + 1)]
            self.betas_ = [pv[f"beta{l}"] for l in range(1, H + 1)]
            # running statistics as views into one array: their update is then four operations
            cuts = np.cumsum(self._hidden)
            self._running = np.zeros(2 * cuts[-1]) if running is None else running
            self.running_means_ = np.split(self._running[:cuts[-1]], cuts[:-1])
            self.running_vars_ = np.split(self._running[cuts[-1]:], cuts[:-1])
        self._names = list(self.parameters())
        # skip connections only between hidden layers of equal width
        skip = [self.residual and i > 0 and self._hidden[i] == self._hidden[i - 1] for i in range(H)]
        out_act = activations.output(self.output)
        self._net = layers.Net(self.coefs_, self.intercepts_, self._acts, out_act, self.output, self.loss, skip,
                               *((self.gammas_, self.betas_, self.running_means_, self.running_vars_) if bn else ()))
        self._grad_args = ([self._gv[f"W{l}"] for l in range(1, L + 1)], [self._gv[f"b{l}"] for l in range(1, L + 1)],
                           [self._gv[f"gamma{l}"] for l in range(1, H + 1)] if bn else None,
                           [self._gv[f"beta{l}"] for l in range(1, H + 1)] if bn else None)

    def __setstate__(self, state):
        # the values of the flat arrays are the truth; the views arrived as separate copies
        self.__dict__.update(state)
        if "_P" in state:
            sizes = (self.n_features_in_, *self._hidden, self.n_outputs_)
            self._link(sizes, self._P, self._G, state.get("_running"))

    def parameters(self):
        """The live parameter arrays by name: W1, b1, ..., with BN gamma1, beta1 (and no b of BN layers).

        Changing an array in place changes the network (gradcheck relies on this).
        """
        self._check_fitted()
        params = {}
        for l, (W, b) in enumerate(zip(self.coefs_, self.intercepts_), start=1):
            params[f"W{l}"] = W
            if self.batch_norm and l <= len(self._hidden):
                params[f"gamma{l}"] = self.gammas_[l - 1]
                params[f"beta{l}"] = self.betas_[l - 1]
            else:
                params[f"b{l}"] = b
        return params

    @property
    def skip_connections(self):
        """Per hidden layer, whether it has a skip connection a_l = g(z_l) + a_{l-1}."""
        self._check_fitted()
        return list(self._net.skip)

    @property
    def lr_(self):
        """The learning rate of the next epoch under ``schedule``."""
        self._check_fitted()
        return optimizers.learning_rate(self.lr, self.n_epochs_, self.schedule, self.anneal, self.power_t)

    # ------------------------------------------------------------ forward / backward
    def _masks(self, n):
        """Inverted-dropout masks of the hidden layers for a batch of n: 0 or 1 / (1 - p)."""
        if not self.dropout:
            return None
        keep = 1.0 - self.dropout
        return [(self._rng.random((n, h)) < keep) / keep for h in self._hidden]

    def forward(self, X, training=False, masks=None):
        """Propagate ``X`` through the network.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        training : bool, default=False
            Batch statistics for batch norm (True) or running ones (False); with ``dropout``,
            True draws fresh dropout masks unless ``masks`` is given.
        masks : list of ndarray, optional
            Dropout masks to use (those of an earlier cache: ``cache["masks"]``).

        Returns
        -------
        dict
            ``z``: [z_1, ..., z_L] (before batch norm where it is used); ``a``: [a_0 = X, a_1, ..., a_L];
            ``bn``: per BN layer (zhat, 1/std, mean, var); ``masks``: the dropout masks (or None).
        """
        X = self._check_X(X)
        if training and masks is None:
            masks = self._masks(X.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):
            return layers.forward(self._net, X, bool(training), masks)

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
            raise TypeError(f"cache must be the dict returned by forward(X). Got {type(cache).__name__} instead.")
        if self.batch_norm and len(cache.get("bn", [])) != len(self._hidden):
            raise ValueError("cache has no batch-norm statistics: call forward(X, training=True) first.")
        Y = self._encode(y, cache["a"][0].shape[0])
        if "u" not in cache:  # a cache put together by hand: recompute g's inputs and outputs
            cache = dict(cache, masks=cache.get("masks"))
            cache["u"] = [bn[0] * self.gammas_[i] + self.betas_[i] if self.batch_norm else z
                          for i, (z, bn) in enumerate(zip(cache["z"], cache.get("bn") or [None] * len(self._hidden)))]
            cache["g"] = [act.f(u) for act, u in zip(self._acts, cache["u"])]
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            deltas = layers.backward(self._net, cache, Y, *self._grad_args, alpha=self.alpha)
        return {"delta": deltas, "grads": {name: self._gv[name].copy() for name in self._names}}

    def gradients(self, X, y, masks=None):
        """dE/d(parameter) for the batch (X, y), in training mode, keyed like :meth:`parameters`."""
        return self.backward(self.forward(X, training=True, masks=masks), y)["grads"]

    def objective(self, X, y, masks=None):
        """E = mean loss over the batch + alpha / (2 n) * sum ||W_l||^2, in training mode.

        Dropout is applied only with given ``masks``, so without them the value is deterministic.
        """
        X = self._check_X(X)
        Y = self._encode(y, X.shape[0])
        with np.errstate(over="ignore", invalid="ignore"):
            cache = layers.forward(self._net, X, True, masks)
        return self._objective(cache, Y)

    def _objective(self, cache, Y):
        loss = output_loss(self.loss, Y, cache["z"][-1], cache["a"][-1], cache.get("log_a"))
        if self.alpha:
            w = self._P[:self._n_weights]
            loss += 0.5 * self.alpha / Y.shape[0] * float(w @ w)
        return loss

    # ------------------------------------------------------------ training
    def fit(self, X, y):
        """Initialise the parameters and train for ``epochs`` epochs.

        Returns
        -------
        self
        """
        self.initialize(X, y)
        return self._train(X, y, self.epochs)

    def partial_fit(self, X, y, epochs=1, classes=None):
        """Continue training for ``epochs`` more epochs (initialising first if needed).

        ``classes`` (all labels, as scikit-learn's partial_fit takes them) is read only when
        the network is initialised here.

        Returns
        -------
        self
        """
        epochs = check_int("epochs", epochs, low=0)
        if not hasattr(self, "coefs_"):
            self.initialize(X, y, classes)
        return self._train(X, y, epochs)

    def step(self, X, y):
        """One update on the batch (X, y) at the current learning rate ``lr_``; no epoch is counted.

        Returns
        -------
        float
            The batch objective (L2 penalty included) at the parameters before the update;
            if it is nan or inf nothing is updated.
        """
        X = self._check_X(X)
        Y = self._encode(y, X.shape[0])
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            return self._step(X, Y, self.lr_)

    def _step(self, X, Y, lr, norms=None):
        """The one training step: forward, objective, backward, clipping, update. Returns the objective."""
        cache = layers.forward(self._net, X, True, self._masks(X.shape[0]) if self.dropout else None)
        objective = self._objective(cache, Y)
        if not math.isfinite(objective):
            return objective
        layers.backward(self._net, cache, Y, *self._grad_args, alpha=self.alpha)
        G = self._G
        g2 = G * G if norms is not None or self.clip is not None else None
        if norms is not None:  # squared: the square roots are taken once, at the end of training
            norms.append(np.add.reduceat(g2[:self._n_weights], self._w_starts))
        if self.batch_norm:
            stats = np.concatenate([mean for _, _, mean, _ in cache["bn"]] + [var for _, _, _, var in cache["bn"]])
            self._running *= BN_MOMENTUM
            self._running += (1 - BN_MOMENTUM) * stats
        if self.clip is not None:
            norm = np.sqrt(g2.sum())
            if norm > self.clip:
                G *= self.clip / norm
        self._optimizer.update(self._P, G, lr)
        return objective

    def _train(self, X, y, epochs):
        self._check_params()
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
        last, squared_norms = starts[-1], []
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for _ in range(epochs):
                if self.diverged_:
                    break
                # (with one batch, the parameters that failed are the epoch's start: nothing to keep)
                start_P = self._P.copy() if len(starts) > 1 else self._P
                if batch < n:  # one shuffled copy per epoch; its batches are then contiguous slices
                    order = self._rng.permutation(n)
                    Xs, Ys = X[order], Y[order]
                else:
                    Xs, Ys = X, Y
                lr, total = self.lr_, 0.0
                for start, stop in zip(starts, stops):
                    Xb, Yb = (Xs, Ys) if stop - start == n else (Xs[start:stop], Ys[start:stop])
                    objective = self._step(Xb, Yb, lr, squared_norms if start == last else None)
                    if not math.isfinite(objective):
                        self._diverge(start_P, objective)
                        break
                    total += objective * (stop - start)
                if self.diverged_:
                    break
                self.loss_curve_.append(total / n)
                self.n_epochs_ += 1
                if self.snapshot_every and self.n_epochs_ % self.snapshot_every == 0:
                    self._snapshot()
        self.grad_norms_.extend(np.sqrt(squared_norms))
        return self

    def _diverge(self, start_P, objective):
        """Stop training with a warning; fall back to the epoch's start if the parameters overflowed."""
        self.diverged_ = True
        if not np.isfinite(self._P).all():
            self._P[...] = start_P
        warnings.warn(f"Training diverged in epoch {self.n_epochs_ + 1}: the loss became {objective} and training "
                      f"stopped. Try a smaller learning rate than lr={self.lr:g}.", DivergenceWarning, stacklevel=4)

    def _snapshot(self):
        self.snapshots_.append((self.n_epochs_, [W.copy() for W in self.coefs_],
                                [b.copy() for b in self.intercepts_]))

    # ------------------------------------------------------------ prediction
    def _has_proba(self):
        if not self._is_classifier:
            raise AttributeError("predict_proba needs a classifier (output='sigmoid' or 'softmax'). "
                                 "This network does regression (output='identity'); use predict.")
        return True

    @available_if(_has_proba)
    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), rows summing to 1 (classifiers only)."""
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

    def score(self, X, y, sample_weight=None):
        """Accuracy for classifiers, R^2 (averaged over outputs) for regression."""
        y_hat = self.predict(X)
        y = np.asarray(y)
        if y.ndim == 0 or y.shape[0] != y_hat.shape[0]:
            raise ValueError(f"X and y have different numbers of samples: X has {y_hat.shape[0]}, "
                             f"y has shape {y.shape}.")
        w = None if sample_weight is None else as_float_array("sample_weight", sample_weight, ndim=1)
        if self._is_classifier:
            return float(np.average(y_hat == y.reshape(y_hat.shape), weights=w))
        y = as_float_array("y", y).reshape(y_hat.shape)
        w = np.ones(len(y)) if w is None else w
        mean = np.average(y, axis=0, weights=w)
        ss_res = np.sum(w[:, None] * (y - y_hat).reshape(len(y), -1) ** 2, axis=0)
        ss_tot = np.sum(w[:, None] * (y - mean).reshape(len(y), -1) ** 2, axis=0)
        return float(np.mean(1.0 - ss_res / np.maximum(ss_tot, EPS)))
