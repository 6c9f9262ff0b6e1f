"""The perceptron of Rosenblatt, trained with the lecture's error-correction rule.

The input is augmented with x0 = 1, so the bias is the weight w0 and the unit
computes z = w . x = w0 + w1 x1 + ... + wn xn. Its output is a step of z:
1 when z >= 0, else 0 (or +1 / -1 with ``output="sign"``). The course uses
``>= 0`` everywhere; the lecture's training recipe writes ``V > 0``, which gives
a different answer exactly on the boundary.

Used in: 02_perceptron, 03_linear_separability.
"""
import numpy as np

from ._validation import as_float_array, check_choice, check_float, check_int, check_X_y

_LABELS = {"binary": (0.0, 1.0), "sign": (-1.0, 1.0)}


class Perceptron:
    """A single threshold unit trained sample by sample.

    After each sample the weights move by ``w <- w - lr * x * (C - O)``, where C
    is the computed output and O the target: nothing changes when they agree.
    Training stops after a full pass without a change (``converged_ = True``) or
    after ``max_epochs`` passes (``converged_ = False``).

    Parameters
    ----------
    lr : float, default=1.0
        Learning rate, > 0. With ``w_init=None`` any positive value gives the
        same decisions, only scaled weights.
    max_epochs : int, default=100
        Maximum number of passes over the training set.
    output : {"binary", "sign"}, default="binary"
        ``"binary"``: outputs and targets are 0 / 1; ``"sign"``: -1 / +1.
    w_init : array_like of shape (n_features + 1,), optional
        Starting weights, bias w0 first. ``None`` starts from zeros (the lecture:
        "assign any values").
    random_state : int or None, default=None
        Seed of the sample order: ``None`` keeps the order of ``X`` in every pass
        (as the lecture does); an int shuffles each pass with that seed.

    Attributes
    ----------
    weights_ : ndarray of shape (n_features + 1,)
        Learned weights, bias w0 first.
    history_ : list of ndarray
        The initial weights, then the weights after every update.
    errors_per_epoch_ : list of int
        Misclassified samples in each pass.
    n_epochs_ : int
        Passes made.
    converged_ : bool
        True if the last pass changed nothing.

    Examples
    --------
    >>> X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    >>> p = Perceptron().fit(X, [0, 0, 0, 1])
    >>> p.converged_, p.predict(X).tolist()
    (True, [0, 0, 0, 1])
    """

    def __init__(self, lr=1.0, max_epochs=100, output="binary", w_init=None, random_state=None):
        self.lr = lr
        self.max_epochs = max_epochs
        self.output = output
        self.w_init = w_init
        self.random_state = random_state
        self._check_params()

    def _check_params(self):
        """Validate the constructor arguments."""
        check_float("lr", self.lr, low=0, low_inclusive=False)
        check_int("max_epochs", self.max_epochs, low=1)
        check_choice("output", self.output, tuple(_LABELS))
        check_int("random_state", self.random_state, allow_none=True)

    def fit(self, X, y):
        """Train on ``X`` (n_samples, n_features) with targets ``y`` (0/1, or -1/+1 for "sign").

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For targets outside the output's two values, or ``w_init`` of the wrong length.
        """
        self._check_params()
        X, y = check_X_y(X, y)
        y = as_float_array("y", y, ndim=1)
        low, high = _LABELS[self.output]
        if not np.all((y == low) | (y == high)):
            raise ValueError(
                f"y must contain only {low:g} and {high:g} for output={self.output!r}. "
                f"Got values {np.unique(y).tolist()}."
            )
        n_samples, n_features = X.shape
        Xa = np.hstack([np.ones((n_samples, 1)), X])  # x0 = 1 carries the bias w0
        if self.w_init is None:
            w = np.zeros(n_features + 1)
        else:
            w = as_float_array("w_init", self.w_init, ndim=1).copy()
            if w.shape != (n_features + 1,):
                raise ValueError(
                    f"w_init has shape {w.shape} but X has {n_features} features, so it needs "
                    f"{n_features + 1} weights (bias w0 first)."
                )
        rng = None if self.random_state is None else np.random.default_rng(self.random_state)
        self.history_ = [w.copy()]
        self.errors_per_epoch_ = []
        self.converged_ = False
        self.n_features_in_ = n_features
        for epoch in range(1, self.max_epochs + 1):
            order = range(n_samples) if rng is None else rng.permutation(n_samples)
            errors = 0
            # The rule is sequential by nature: each sample sees the weights the previous one left.
            for i in order:
                C = high if Xa[i] @ w >= 0 else low
                if C != y[i]:
                    w -= self.lr * Xa[i] * (C - y[i])
                    self.history_.append(w.copy())
                    errors += 1
            self.errors_per_epoch_.append(errors)
            self.n_epochs_ = epoch
            if errors == 0:
                self.converged_ = True
                break
        self.weights_ = w
        return self

    def _check_X(self, X):
        if not hasattr(self, "weights_"):
            raise ValueError("This Perceptron is not fitted yet. Call fit(X, y) first.")
        X, _ = check_X_y(X, None)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has shape {X.shape} but the perceptron expects {self.n_features_in_} input features."
            )
        return X

    def decision_function(self, X):
        """Return z = w0 + w1 x1 + ... + wn xn for every row of ``X``."""
        X = self._check_X(X)
        return X @ self.weights_[1:] + self.weights_[0]

    def predict(self, X):
        """Return the step of z: 1 (or +1) where z >= 0, else 0 (or -1)."""
        low, high = _LABELS[self.output]
        z = self.decision_function(X)
        return np.where(z >= 0, high, low).astype(int)
