"""Gradient-descent updates and learning-rate schedules, on one flat parameter vector.

The network keeps all its parameters in one array ``P`` and their gradients in one array
``G`` of the same size, so every update below is a few whole-array operations:

| solver       | update (g = dE/dP, t = 1, 2, ... counts the updates)                     |
| ------------ | ------------------------------------------------------------------------ |
| ``sgd``      | P <- P - lr g                                                            |
| ``momentum`` | v <- mu v - lr g;  P <- P + v                     (classical momentum)   |
| ``nesterov`` | v <- mu v - lr g;  P <- P + mu v - lr g           (Nesterov, as sklearn) |
| ``adam``     | m <- b1 m + (1 - b1) g;  s <- b2 s + (1 - b2) g^2;                      |
|              | P <- P - lr (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)              |

Schedules give the learning rate of epoch e = 0, 1, 2, ...: ``"anneal"`` lr * anneal^e (the
blog's per-epoch decay; anneal=1 keeps lr constant) and ``"invscaling"`` lr / (e + 1)^power_t.
:class:`Batches` cuts each epoch into shuffled mini-batches; :func:`clip` bounds the gradient's norm.

Used in: 06_backpropagation and 11_training_in_practice through ``models.MLP``.
"""
import numpy as np

SOLVERS = ("sgd", "momentum", "nesterov", "adam")
SCHEDULES = ("anneal", "invscaling")


class Batches:
    """The mini-batches of (X, Y): b samples each (``batch_size`` None: the full batch), reshuffled every epoch.

    With batch norm a last batch of one sample (it has no variance) joins the batch before it.
    """

    def __init__(self, X, Y, batch_size, batch_norm, rng):
        n = X.shape[0]
        batch = n if batch_size is None else min(batch_size, n)
        if batch_norm and batch < 2:
            raise ValueError(f"batch_norm needs batches of at least 2 samples; X has {n}.")
        starts = list(range(0, n, batch))
        stops = starts[1:] + [n]
        if batch_norm and len(starts) > 1 and n - starts[-1] == 1:
            starts.pop()
            stops.pop()
            stops[-1] = n
        # Y column by column (Fortran order), as the network's outputs are kept (layers.Work)
        self.X, self.Y, self.rng, self.shuffle = X, np.asfortranarray(Y), rng, batch < n
        self.bounds, self.count = list(zip(starts, stops)), len(starts)
        # the shuffled copies, made once: a new large array every epoch costs the memory's first touch
        self._Xs, self._Ys = (np.empty_like(self.X), np.empty_like(self.Y)) if self.shuffle else (X, self.Y)

    def epoch(self):
        """Yield (X_batch, Y_batch, is_last) for one epoch: slices of one shuffled copy."""
        X, Y = self.X, self.Y
        if self.shuffle:
            order = self.rng.permutation(X.shape[0])
            X = np.take(self.X, order, axis=0, out=self._Xs, mode="clip")  # "clip": unbuffered (order is valid)
            Y = np.take(self.Y.T, order, axis=1, out=self._Ys.T, mode="clip").T  # (Y.T is C-ordered)
        last = self.bounds[-1][0]
        for start, stop in self.bounds:
            yield X[start:stop], Y[start:stop], start == last


def clip(G, g2, max_norm):
    """G scaled in place to global norm ``max_norm`` if its norm sqrt(sum g2) is larger (g2 = G * G); None: G."""
    if max_norm is not None:
        norm = np.sqrt(g2.sum())
        if norm > max_norm:
            G *= max_norm / norm
    return G


def learning_rate(lr, epoch, schedule="anneal", anneal=1.0, power_t=0.5):
    """The learning rate of epoch ``epoch`` (counted from 0) under ``schedule``.

    Examples
    --------
    >>> learning_rate(2.0, 2, anneal=0.5), learning_rate(2.0, 3, schedule="invscaling", power_t=0.5)
    (0.5, 1.0)
    """
    if schedule == "invscaling":
        return lr / (epoch + 1.0) ** power_t
    return lr * anneal ** epoch if anneal != 1.0 else lr


class Optimizer:
    """One of :data:`SOLVERS`, holding its state (velocity, moments) for a parameter vector of ``size``.

    Parameters
    ----------
    solver : {"sgd", "momentum", "nesterov", "adam"}
    size : int
        Number of parameters.
    momentum : float
        mu of momentum and nesterov.
    beta_1, beta_2, epsilon : float
        Adam's decay rates of the first and second moments and its guard against division by 0.
    """

    def __init__(self, solver, size, momentum=0.9, beta_1=0.9, beta_2=0.999, epsilon=1e-8):
        self.solver, self.momentum = solver, momentum
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon
        self.t = 0
        self.velocity = np.zeros(size) if solver != "sgd" else None
        self.second = np.zeros(size) if solver == "adam" else None
        self._scratch = (np.empty(size), np.empty(size)) if solver == "adam" else None

    def update(self, P, G, lr):
        """Move ``P`` in place by the rule of the solver; ``G`` may be overwritten."""
        self.t += 1
        if self.solver == "sgd":
            G *= lr  # G is ours to overwrite: saves an allocation
            P -= G
        elif self.solver == "momentum":
            v = self.velocity
            v *= self.momentum
            G *= lr
            v -= G
            P += v
        elif self.solver == "nesterov":
            v = self.velocity
            v *= self.momentum
            G *= lr
            v -= G
            P += self.momentum * v
            P -= G
        else:  # in two scratch arrays, in the order of the rule: lr m_hat / (sqrt(s_hat) + eps)
            m, s, b1, b2 = self.velocity, self.second, self.beta_1, self.beta_2
            step, root = self._scratch
            m *= b1
            m += np.multiply(G, 1.0 - b1, out=step)
            s *= b2
            np.multiply(G, 1.0 - b2, out=root)
            root *= G
            s += root
            np.divide(m, 1.0 - b1 ** self.t, out=step)
            step *= lr
            np.divide(s, 1.0 - b2 ** self.t, out=root)
            np.sqrt(root, out=root)
            root += self.epsilon
            step /= root
            P -= step
