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

Used in: 06_backpropagation and 11_training_in_practice through ``models.MLP``.
"""
import numpy as np

SOLVERS = ("sgd", "momentum", "nesterov", "adam")
SCHEDULES = ("anneal", "invscaling")


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

    def update(self, P, G, lr):
        """Move ``P`` in place by the rule of the solver; ``G`` may be overwritten."""
        self.t += 1
        if self.solver == "sgd":
            G *= lr  # G is ours to overwrite: saves an allocation
            P -= G
        elif self.solver == "momentum":
            v = self.velocity
            v *= self.momentum
            v -= lr * G
            P += v
        elif self.solver == "nesterov":
            v = self.velocity
            v *= self.momentum
            G *= lr
            v -= G
            P += self.momentum * v
            P -= G
        else:
            m, s, b1, b2 = self.velocity, self.second, self.beta_1, self.beta_2
            m *= b1
            m += (1.0 - b1) * G
            s *= b2
            s += (1.0 - b2) * G * G
            m_hat = m / (1.0 - b1 ** self.t)
            s_hat = s / (1.0 - b2 ** self.t)
            P -= lr * m_hat / (np.sqrt(s_hat) + self.epsilon)
