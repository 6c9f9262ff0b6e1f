"""The perceptron of Rosenblatt, trained with the lecture's error-correction rule.

The input is augmented with x0 = 1, so the bias is the weight w0 and the unit
computes z = w . x = w0 + w1 x1 + ... + wn xn. Its output is a step of z:
1 when z >= 0, else 0 (or +1 / -1 with ``output="sign"``). The course uses
``>= 0`` everywhere; the lecture's training recipe writes ``V > 0``, which gives
a different answer exactly on the boundary.

Used in: 02_perceptron, 03_linear_separability.
"""
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from ._validation import as_float_array, check_choice, check_float, check_int, check_labels, check_X_y

_LABELS = {"binary": (0.0, 1.0), "sign": (-1.0, 1.0)}


def _plain(label):
    """A numpy scalar as the Python int, float or str it holds (for printing the trace)."""
    return label.item() if isinstance(label, np.generic) else label


class Perceptron(ClassifierMixin, BaseEstimator):
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
        The unit's two values: 0 / 1, or -1 / +1. Targets are these values, or any two
        labels (sorted: the first is the low value, the second the high one).
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
    trace_ : list of dict
        Every visit of a row, in order: ``pass``, ``row``, ``x``, ``target`` (O), ``V`` (w.x before
        the visit), ``output`` (C), ``update`` (its number in ``history_``, or 0) and ``w`` (after).
    errors_per_epoch_ : list of int
        Misclassified samples in each pass.
    n_epochs_ : int
        Passes made.
    converged_ : bool
        True if the last pass changed nothing.
    classes_ : ndarray of shape (2,)
        The two labels, low value first.
    n_features_in_ : int

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

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags

    def _check_params(self):
        """Validate the parameters (in fit: ``__init__`` only stores them)."""
        check_float("lr", self.lr, low=0, low_inclusive=False)
        check_int("max_epochs", self.max_epochs, low=1)
        check_choice("output", self.output, tuple(_LABELS))
        check_int("random_state", self.random_state, allow_none=True)

    def fit(self, X, y):
        """Train on ``X`` (n_samples, n_features) with two classes of labels ``y``.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            For X without samples or features, y without exactly two classes, or
            ``w_init`` of the wrong length.
        """
        self._check_params()
        if y is None:
            raise ValueError("The Perceptron requires y to be passed, but the target y is None.")
        X, y = check_X_y(X, y)
        y = check_labels(y, X.shape[0])
        low, high = _LABELS[self.output]
        classes = np.unique(y)
        if classes.dtype.kind in "iuf" and np.isin(classes, (low, high)).all():
            # the unit's own values (the lecture's targets): one class alone is a valid target too
            self.classes_ = np.array([low, high]).astype(classes.dtype)
            O = y.astype(float)
        elif len(classes) == 2:
            self.classes_ = classes
            O = np.where(y == classes[1], high, low)
        else:
            raise ValueError(f"Only binary classification is supported. The perceptron separates 2 classes: y must hold {low:g} / {high:g} for "
                             f"output={self.output!r}, or any two labels. Got {len(classes)} "
                             f"class{'es' if len(classes) > 1 else ''}: {classes[:10].tolist()}.")
        n_samples, n_features = X.shape
        Xa = np.hstack([np.ones((n_samples, 1)), X])  # x0 = 1 carries the bias w0
        if self.w_init is None:
            w = np.zeros(n_features + 1)
        else:
            w = as_float_array("w_init", self.w_init, ndim=1).copy()
            if w.shape != (n_features + 1,):
                raise ValueError(f"w_init has shape {w.shape} but X has {n_features} features, so it needs "
                                 f"{n_features + 1} weights (bias w0 first).")
        rng = None if self.random_state is None else np.random.default_rng(self.random_state)
        self.history_, self.trace_, self.errors_per_epoch_ = [w.copy()], [], []
        self.converged_ = False
        self.n_features_in_ = n_features
        label = {low: _plain(self.classes_[0]), high: _plain(self.classes_[1])}
        for epoch in range(1, self.max_epochs + 1):
            order = range(n_samples) if rng is None else rng.permutation(n_samples)
            errors = 0
            # The rule is sequential by nature: each sample sees the weights the previous one left.
            for i in order:
                V = float(Xa[i] @ w)
                C = high if V >= 0 else low
                update = 0
                if C != O[i]:
                    w = w - self.lr * Xa[i] * (C - O[i])
                    self.history_.append(w.copy())
                    errors += 1
                    update = len(self.history_) - 1
                self.trace_.append({"pass": epoch, "row": int(i), "x": tuple(float(v) for v in X[i]),
                                    "target": label[O[i]], "V": V, "output": label[C], "update": update,
                                    "w": w.copy()})
            self.errors_per_epoch_.append(errors)
            self.n_epochs_ = epoch
            if errors == 0:
                self.converged_ = True
                break
        self.weights_ = w
        return self

    def _check_X(self, X):
        if not hasattr(self, "weights_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("This Perceptron is not fitted yet. Call fit(X, y) first.")
        return check_X_y(X, None, n_features=self.n_features_in_, model="perceptron")[0]

    def decision_function(self, X):
        """Return z = w0 + w1 x1 + ... + wn xn for every row of ``X``."""
        X = self._check_X(X)
        return X @ self.weights_[1:] + self.weights_[0]

    def predict(self, X):
        """Return the step of z as a label: the second class where z >= 0, else the first."""
        high = self.decision_function(X) >= 0
        return self.classes_[high.astype(int)]
