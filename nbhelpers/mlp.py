"""A multi-layer perceptron in numpy, with scikit-learn's estimator API.

The maths lives elsewhere: the passes in :mod:`nbhelpers.layers`, the activations in
:mod:`nbhelpers.activations`, the losses in :mod:`nbhelpers.losses`, the updates and the
learning-rate schedules and the mini-batches in :mod:`nbhelpers.optimizers`, the parameters' layout
and checks in :mod:`nbhelpers._mlp_params`. This module holds the estimator and the one training
loop: ``fit``, ``partial_fit`` and ``step`` all go through :meth:`MLP._step`.

Used in: 03_linear_separability, 05_multilayer_networks to 11_training_in_practice, and the widgets.
"""
import math
import warnings

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.metaestimators import available_if

from . import layers, optimizers
from ._mlp_params import FlatParams, check_params, encode_targets, estimator_tags, read_targets, score_predictions
from ._validation import check_fitted, check_int, check_X_y

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
        inference. These layers have no b of their own (beta takes its place). A network
        without hidden layers has nothing to normalise: there it changes nothing.
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
        return estimator_tags(super().__sklearn_tags__(), self.output)

    # ------------------------------------------------------------------ checks
    def _check_params(self):
        """Validate the parameters (in initialize: ``__init__`` only stores them)."""
        self._hidden, self._acts = check_params(self)

    def _check_fitted(self):
        check_fitted(self, "coefs_", "This MLP is not initialised yet. Call fit(X, y) or initialize(X, y) first.")

    def _check_X(self, X):
        self._check_fitted()
        return check_X_y(X, None, n_features=self.n_features_in_, model="MLP")[0]

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
        X, classes, self.n_outputs_, self._y_ndim = read_targets(self.output, X, y, classes)
        if classes is not None:
            self.classes_ = classes
        self.n_features_in_ = X.shape[1]
        self._rng = np.random.default_rng(self.random_state)
        self._params = FlatParams((X.shape[1], *self._hidden, self.n_outputs_), self._acts, self.output, self.loss,
                                  self.batch_norm, self.residual).draw(self._rng, self.init)
        vars(self).update(self._params.fitted_attributes())  # coefs_, intercepts_, ...: live views into P
        solver = "momentum" if self.solver == "sgd" and self.momentum else self.solver
        self._optimizer = optimizers.Optimizer(solver, self._params.P.size, momentum=self.momentum,
                                               beta_1=self.beta_1, beta_2=self.beta_2)
        self.loss_curve_, self.grad_norms_, self.snapshots_, self.n_epochs_, self.diverged_ = [], [], [], 0, False
        if self.snapshot_every:
            self._snapshot()
        return self

    def parameters(self):
        """The live parameter arrays by name: W1, b1, ..., with BN gamma1, beta1 (and no b of BN layers).

        Changing an array in place changes the network (gradcheck relies on this).
        """
        self._check_fitted()
        return dict(self._params.values)

    @property
    def skip_connections(self):
        """Per hidden layer, whether it has a skip connection a_l = g(z_l) + a_{l-1}."""
        self._check_fitted()
        return list(self._params.net.skip)

    @property
    def lr_(self):
        """The learning rate of the next epoch under ``schedule``."""
        self._check_fitted()
        return optimizers.learning_rate(self.lr, self.n_epochs_, self.schedule, self.anneal, self.power_t)

    # ------------------------------------------------------------ forward / backward
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
            masks = layers.dropout_masks(self._rng, X.shape[0], self._hidden, self.dropout)
        return self._forward(X, bool(training), masks).cache()

    def _forward(self, X, training, masks):
        """The forward pass of X in a new Work (a cache handed out must not change under later passes)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return layers.forward(self._params.net, None, layers.with_ones(X), training, masks)

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
        net = self._params.net
        work = layers.Work.from_cache(net, cache)  # raises if cache is not a forward cache of this network
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            deltas = layers.backward(net, work, self._encode(y, work.n), alpha=self.alpha)
        return {"delta": deltas, "grads": {name: g.copy() for name, g in self._params.grads.items()}}

    def gradients(self, X, y, masks=None):
        """dE/d(parameter) for the batch (X, y), in training mode, keyed like :meth:`parameters`."""
        return self.backward(self.forward(X, training=True, masks=masks), y)["grads"]

    def objective(self, X, y, masks=None):
        """E = mean loss over the batch + alpha / (2 n) * sum ||W_l||^2, in training mode.

        Dropout is applied only with given ``masks``, so without them the value is deterministic.
        """
        X = self._check_X(X)
        return layers.objective(self._params.net, self._forward(X, True, masks), self._encode(y, X.shape[0]),
                                self.alpha)

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
        with np.errstate(all="ignore"):
            return self._step(layers.with_ones(X), Y, self.lr_)

    def _step(self, X1, Y, lr, norms=None):
        """The one training step on the batch [X, 1] = X1: forward, objective, backward, clipping, update."""
        params, n = self._params, X1.shape[0]
        masks = layers.dropout_masks(self._rng, n, self._hidden, self.dropout) if self.dropout else None
        work = layers.forward(params.net, params.work(n), X1, True, masks)
        objective = layers.objective(params.net, work, Y, self.alpha)
        if not math.isfinite(objective):
            return objective
        layers.backward(params.net, work, Y, alpha=self.alpha)
        g2 = params.G * params.G if norms is not None or self.clip is not None else None
        if norms is not None:  # squared: the square roots are taken once, at the end of training
            norms.append(params.squared_weight_norms(g2))
        if work.bn:
            params.update_running(work.bn, BN_MOMENTUM)
        self._optimizer.update(params.P, optimizers.clip(params.G, g2, self.clip), lr)
        return objective

    def _train(self, X, y, epochs):
        self._check_params()
        X = self._check_X(X)
        batches = optimizers.Batches(layers.with_ones(X), self._encode(y, X.shape[0]), self.batch_size,
                                     self._params.batch_norm, self._rng)
        squared_norms = []
        with np.errstate(all="ignore"):
            for _ in range(epochs):
                if self.diverged_:
                    break
                # (with one batch, the parameters that failed are the epoch's start: nothing to keep)
                start_P = self._params.P.copy() if batches.count > 1 else self._params.P
                lr, total = self.lr_, 0.0
                for Xb, Yb, last in batches.epoch():
                    objective = self._step(Xb, Yb, lr, squared_norms if last else None)
                    if not math.isfinite(objective):  # stop; back to the epoch's start if P overflowed
                        self.diverged_ = True
                        if not np.isfinite(self._params.P).all():
                            self._params.P[...] = start_P
                        warnings.warn(f"Training diverged in epoch {self.n_epochs_ + 1}: the loss became {objective} "
                                      f"and training stopped. Try a smaller learning rate than lr={self.lr:g}.",
                                      DivergenceWarning, stacklevel=3)
                        break
                    total += objective * Yb.shape[0]
                else:
                    self.loss_curve_.append(total / X.shape[0])
                    self.n_epochs_ += 1
                    if self.snapshot_every and self.n_epochs_ % self.snapshot_every == 0:
                        self._snapshot()
        self.grad_norms_.extend(np.sqrt(squared_norms))
        self._params.release()
        return self

    def _snapshot(self):
        self.snapshots_.append((self.n_epochs_, [W.copy() for W in self.coefs_],
                                [b.copy() for b in self.intercepts_]))

    # ------------------------------------------------------------ prediction
    def _has_proba(self):
        if self.output == "identity":
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
        if self.output == "identity":
            a = self.forward(X)["a"][-1]
            return a.ravel() if self._y_ndim == 1 else a
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def score(self, X, y, sample_weight=None):
        """Accuracy for classifiers, R^2 (averaged over outputs) for regression."""
        return score_predictions(self.output != "identity", y, self.predict(X), sample_weight)
