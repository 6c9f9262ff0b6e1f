"""The forward and backward pass of a fully connected network, layer by layer.

Notation of the lecture, layer l = 1..L (L is the output layer):

    z_l = a_{l-1} W_l + b_l          a_0 = X, W_l of shape (n_{l-1}, n_l)
    a_l = g_l(z_l)
    delta_L = dE/dz_L                 (a - y) / n for the matched output/loss pairs
    delta_l = (delta_{l+1} W_{l+1}^T) * g_l'(z_l)
    dE/dW_l = a_{l-1}^T delta_l       dE/db_l = sum over the batch of delta_l

Rows are samples, so one matrix product handles the whole batch. The bias rides in the product:
each a_l is kept with a column of ones after it and b_l is stored as the last row of [W_l; b_l], so
[a_{l-1}, 1] [W_l; b_l] is z_l and [a_{l-1}, 1]^T delta_l is dE/dW_l and dE/db_l at once.
Batch normalization, skip connections and inverted dropout change a hidden layer as documented in
``models.MLP``. The passes write into a :class:`Work` (the arrays of one batch size, which training
reuses from step to step) and know nothing of training.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import losses

BN_EPS = 1e-5


@dataclass
class Net:
    """What a pass needs: the parameter arrays, where their gradients go, and the layer settings."""

    W: list            # W_1 .. W_L
    b: list            # b_1 .. b_L (unused for batch-norm layers)
    Wb: list           # per layer the matrix of its product: [W_l; b_l], or W_l for a batch-norm layer
    gW: list           # dE/dW_l, views into gWb
    gWb: list          # gradients shaped like Wb
    acts: list         # activations.Activation of the hidden layers
    out_act: object    # activation of the output layer
    output: str
    loss: str
    skip: list         # per hidden layer: a_l = g(z_l) + a_{l-1}
    gamma: list = None
    beta: list = None
    running_mean: list = None
    running_var: list = None
    ggamma: list = None
    gbeta: list = None


@lru_cache(maxsize=8)
def batch_vectors(n):
    """ones(n) and ones(n) / n, read-only: sums and means over a batch of n as matrix products (fewer numpy calls)."""
    ones, by_n = np.ones(n), np.full(n, 1.0 / n)
    ones.setflags(write=False)
    by_n.setflags(write=False)
    return ones, by_n


def initial(rng, init, fan_in, fan_out):
    """Initial W (fan_in, fan_out) and b (fan_out,) drawn from ``rng`` by the scheme ``init`` (see ``MLP``)."""
    if init == "uniform":
        return rng.uniform(-0.5, 0.5, (fan_in, fan_out)), rng.uniform(-0.5, 0.5, fan_out)
    if init == "xavier":
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        W = rng.uniform(-limit, limit, (fan_in, fan_out))
    elif init == "he":
        W = rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
    else:
        W = rng.normal(0.0, float(init), (fan_in, fan_out))
    return W, np.zeros(fan_out)


def dropout_masks(rng, n, hidden, p):
    """Inverted-dropout masks of the hidden layers for a batch of n: 0 or 1 / (1 - p); None if p is 0."""
    if not p:
        return None
    keep = 1.0 - p
    return [(rng.random((n, h)) < keep) / keep for h in hidden]


def with_ones(X):
    """[X, 1]: X with a column of ones appended, the input of the first product."""
    X1 = np.empty((X.shape[0], X.shape[1] + 1))
    X1[:, :-1] = X
    X1[:, -1] = 1.0
    return X1


class Work:
    """The arrays of a pass on batches of ``n`` samples, allocated once: a pass writes into them.

    ``A[l]`` is [a_l, 1] (l < L) and ``a[l]`` its first columns, a_l; ``z``, ``delta`` per layer;
    ``u``, ``g`` (the activation's input and output), ``da`` and ``du`` per hidden layer; ``bn`` the
    batch-norm statistics and ``masks`` the dropout masks of the last forward pass. The arrays are
    (n, units) and stored unit by unit (Fortran order): a_l is then one contiguous block beside its
    ones, and a sum over a row (the softmax's) runs down contiguous columns.
    """

    def __init__(self, net, n):
        sizes = [net.W[0].shape[0]] + [W.shape[1] for W in net.W]
        hidden, bn = sizes[1:-1], net.gamma is not None

        def arrays(widths):
            return [np.empty((n, k), order="F") for k in widths]

        self.n, self.bn_first = n, bn and len(hidden) > 0
        self.A = [None] + arrays([k + 1 for k in hidden])
        for A in self.A[1:]:
            A[:, -1] = 1.0
        self.a = [None] + [A[:, :-1] for A in self.A[1:]] + arrays(sizes[-1:])
        # what the product of each layer multiplies: [a_l, 1], or a_l for a batch-norm layer
        self.inputs = [None] + (self.a[1:-2] if bn else self.A[1:-1]) + self.A[-1:] if hidden else [None]
        self.z, self.delta = arrays(sizes[1:]), arrays(sizes[1:])
        self.zhat, self.u = (arrays(hidden), arrays(hidden)) if bn else (None, self.z[:-1])
        self.g_out = arrays(hidden)  # g where it differs from a (skip or dropout)
        self.g, self.bn, self.masks = list(self.a[1:-1]), [], None
        self.log_a = arrays(sizes[-1:])[0] if net.output == "softmax" else None
        self.da, self.du = arrays(hidden), arrays(hidden)

    def set_input(self, X1):
        """Take [X, 1] (shape (n, n_features + 1)) as the input of the first product."""
        self.A[0] = X1
        self.inputs[0] = X1[:, :-1] if self.bn_first else X1

    def cache(self):
        """The arrays of the last pass as the dict of ``MLP.forward``."""
        return {"z": list(self.z), "a": [self.A[0][:, :-1]] + self.a[1:], "bn": list(self.bn), "u": list(self.u),
                "g": list(self.g), "masks": self.masks, "log_a": self.log_a}

    @classmethod
    def from_cache(cls, net, cache):
        """A Work holding a forward cache (ours, or put together by hand: then u and g are computed)."""
        if not isinstance(cache, dict) or not {"z", "a"} <= set(cache):
            raise TypeError(f"cache must be the dict returned by forward(X). Got {type(cache).__name__} instead.")
        if net.gamma is not None and len(cache.get("bn", [])) != len(net.acts):
            raise ValueError("cache has no batch-norm statistics: call forward(X, training=True) first.")
        a = cache["a"]
        work = cls(net, a[0].shape[0])
        work.set_input(with_ones(a[0]))
        for dst, src in zip(work.a[1:] + work.z, list(a[1:]) + list(cache["z"])):
            dst[...] = src
        work.bn, work.masks = list(cache.get("bn") or []), cache.get("masks")
        if "u" in cache:
            work.u, work.g = list(cache["u"]), list(cache["g"])
        else:
            bn = work.bn or [None] * len(net.acts)
            work.u = [s[0] * net.gamma[i] + net.beta[i] if net.gamma is not None else z
                      for i, (z, s) in enumerate(zip(work.z, bn))]
            work.g = [act.f(u) for act, u in zip(net.acts, work.u)]
        return work


def _normalize(net, work, i, z, training):
    """Batch norm of z_l: zhat = (z - mean) / sqrt(var + eps) into ``work.zhat``, u = zhat gamma + beta."""
    if training:
        mean = batch_vectors(z.shape[0])[1] @ z
        zhat = np.subtract(z, mean, out=work.zhat[i])
        var = batch_vectors(z.shape[0])[1] @ (zhat * zhat)
    else:
        mean, var = net.running_mean[i], net.running_var[i]
        zhat = np.subtract(z, mean, out=work.zhat[i])
    inv_std = (var + BN_EPS) ** -0.5
    zhat *= inv_std
    work.bn.append((zhat, inv_std, mean, var))
    u = np.multiply(zhat, net.gamma[i], out=work.u[i])
    u += net.beta[i]
    return u


def forward(net, work, X1, training, masks=None):
    """z_l and a_l of every layer of the batch [X, 1] = ``X1``, written into ``work``.

    ``work`` (a new :class:`Work` if None; returned) then holds ``z`` [z_1..z_L] (before batch norm),
    ``a`` [a_0 = X, .., a_L], ``bn`` per BN layer (zhat, 1/std, mean, var), ``u`` and ``g`` per hidden
    layer (g's input and output, before the skip and the dropout), ``masks`` (the dropout masks used,
    or None), ``log_a`` (log a_L of a softmax output, else None).
    """
    work = Work(net, X1.shape[0]) if work is None else work
    work.set_input(X1)
    work.bn, work.masks = [], masks
    for i, act in enumerate(net.acts):
        z = np.matmul(work.inputs[i], net.Wb[i], out=work.z[i])
        u = z if net.gamma is None else _normalize(net, work, i, z, training)
        a = work.a[i + 1]
        plain = masks is None and not net.skip[i]
        g = work.g[i] = act.f(u, out=a if plain else work.g_out[i])
        if net.skip[i]:
            np.add(g, work.a[i], out=a)
            if masks is not None:
                a *= masks[i]
        elif masks is not None:
            np.multiply(g, masks[i], out=a)
    z = np.matmul(work.A[-1], net.Wb[-1], out=work.z[-1])
    if net.output == "softmax":  # the loss needs log p: both from one exponentiation
        losses.softmax_and_log(z, work.a[-1], work.log_a)
    else:
        net.out_act.f(z, out=work.a[-1])
    return work


def objective(net, work, Y, alpha=0.0):
    """E of the forward pass in ``work``: mean loss over the batch + alpha / (2 n) * sum ||W_l||^2."""
    loss = losses.output_loss(net.loss, Y, work.z[-1], work.a[-1], work.log_a)
    if alpha:
        loss += 0.5 * alpha / Y.shape[0] * sum(float(np.vdot(W, W)) for W in net.W)
    return loss


def backward(net, work, Y, alpha=0.0):
    """Backpropagate the error of targets ``Y`` through the forward pass held in ``work``.

    Writes dE/dW_l and dE/db_l into ``net.gWb`` (dE/dgamma_l, dE/dbeta_l into ``net.ggamma``,
    ``net.gbeta``); with ``alpha`` the penalty's alpha / n W_l is added to dE/dW_l.

    Returns
    -------
    list of ndarray
        delta_1 .. delta_L, delta_l = dE/dz_l (arrays of ``work``).
    """
    acts, skip, gamma, masks = net.acts, net.skip, net.gamma, work.masks
    n = Y.shape[0]
    L = len(net.W)
    delta = losses.output_delta(net.output, net.loss, Y, work.a[-1], out=work.delta[-1])
    deltas = [None] * L
    deltas[-1] = delta
    da = None  # dE/da_{l+1}, carried straight down by a skip connection
    for l in range(L - 1, -1, -1):
        np.matmul(work.inputs[l].T, delta, out=net.gWb[l])
        if alpha:
            net.gW[l] += (alpha / n) * net.W[l]
        if l == 0:
            break
        i = l - 1  # the hidden layer whose output a_l feeds W_l
        if net.W[l].shape[1] == 1:  # an outer product: elementwise, where a product of one term is slow
            da_i = np.multiply(delta, net.W[l].T, out=work.da[i])
        else:
            da_i = np.matmul(delta, net.W[l].T, out=work.da[i])
        if l < L - 1 and skip[l]:
            da_i += da
        if masks is not None:
            da_i *= masks[i]
        # g'(u) from g's output, into du (da_i stays: a skip connection carries it further down)
        du = np.multiply(da_i, acts[i].df_a(work.g[i], work.u[i], out=work.du[i]), out=work.du[i])
        if gamma is not None:
            ones, by_n = batch_vectors(n)
            zhat, inv_std, _, _ = work.bn[i]
            np.matmul(ones, du * zhat, out=net.ggamma[i])
            np.matmul(ones, du, out=net.gbeta[i])
            dzhat = du * gamma[i]
            # through the batch mean and variance: every sample's z moves all of them
            delta = np.subtract(dzhat, by_n @ dzhat, out=work.delta[i])
            delta -= zhat * (by_n @ (dzhat * zhat))
            delta *= inv_std
        else:
            delta = du
        deltas[i] = delta
        da = da_i
    return deltas
