"""The forward and backward pass of a fully connected network, layer by layer.

Notation of the lecture, layer l = 1..L (L is the output layer):

    z_l = a_{l-1} W_l + b_l          a_0 = X, W_l of shape (n_{l-1}, n_l)
    a_l = g_l(z_l)
    delta_L = dE/dz_L                 (a - y) / n for the matched output/loss pairs
    delta_l = (delta_{l+1} W_{l+1}^T) * g_l'(z_l)
    dE/dW_l = a_{l-1}^T delta_l       dE/db_l = sum over the batch of delta_l

Rows are samples, so one matrix product handles the whole batch. Batch normalization,
skip connections and inverted dropout change a hidden layer as documented in ``models.MLP``.
The functions here take a :class:`Net` (the arrays and settings) and know nothing of training.
"""
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import losses

BN_EPS = 1e-5


@dataclass
class Net:
    """What a pass needs: the parameter arrays and the layer settings of one network."""

    W: list            # W_1 .. W_L
    b: list            # b_1 .. b_L (unused for batch-norm layers)
    acts: list         # activations.Activation of the hidden layers
    out_act: object    # activation of the output layer
    output: str
    loss: str
    skip: list         # per hidden layer: a_l = g(z_l) + a_{l-1}
    gamma: list = None
    beta: list = None
    running_mean: list = None
    running_var: list = None


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


def forward(net, X, training, masks=None):
    """z_l and a_l of every layer, and what backpropagation reuses.

    Returns
    -------
    dict
        ``z`` [z_1..z_L] (before batch norm), ``a`` [a_0 = X, .., a_L], ``bn`` per BN layer
        (zhat, 1/std, mean, var), ``u`` and ``g`` per hidden layer (g's input and output, before
        the skip and the dropout), ``masks`` (the dropout masks used, or None), ``log_a`` (log a_L
        of a softmax output, else None).
    """
    z_list, a_list, u_list, g_list, bn = [], [X], [], [], []
    a = X
    by_n = batch_vectors(X.shape[0])[1]
    W, b, skip, gamma = net.W, net.b, net.skip, net.gamma
    for i, act in enumerate(net.acts):
        z = a @ W[i]
        if gamma is not None:
            if training:
                mean = by_n @ z
                zhat = z - mean
                var = by_n @ (zhat * zhat)
            else:
                mean, var = net.running_mean[i], net.running_var[i]
                zhat = z - mean
            inv_std = (var + BN_EPS) ** -0.5
            zhat *= inv_std
            bn.append((zhat, inv_std, mean, var))
            u = zhat * gamma[i]
            u += net.beta[i]
        else:
            z += b[i]
            u = z
        g = act.f(u)
        a_next = g + a if skip[i] else g
        if masks is not None:
            a_next = a_next * masks[i]
        z_list.append(z)
        u_list.append(u)
        g_list.append(g)
        a_list.append(a_next)
        a = a_next
    z = a @ W[-1]
    z += b[-1]
    z_list.append(z)
    if net.output == "softmax":  # the loss needs log p: both from one exponentiation
        a, log_a = losses.softmax_and_log(z)
    else:
        a, log_a = net.out_act.f(z), None
    a_list.append(a)
    return {"z": z_list, "a": a_list, "bn": bn, "u": u_list, "g": g_list, "masks": masks, "log_a": log_a}


def backward(net, cache, Y, gW, gb, ggamma=None, gbeta=None, alpha=0.0):
    """Backpropagate the error of targets ``Y``: write dE/dW_l into ``gW[l]``, dE/db_l into ``gb[l]``.

    ``gW``, ``gb`` (and ``ggamma``, ``gbeta`` with batch norm) are arrays shaped like the
    parameters, filled in place; with ``alpha`` the penalty's alpha / n W_l is added to dE/dW_l.

    Returns
    -------
    list of ndarray
        delta_1 .. delta_L, delta_l = dE/dz_l.
    """
    a_list, u_list, g_list, bn, masks = cache["a"], cache["u"], cache["g"], cache["bn"], cache.get("masks")
    W, acts, skip, gamma = net.W, net.acts, net.skip, net.gamma
    n = Y.shape[0]
    ones, by_n = batch_vectors(n)
    L = len(W)
    delta = losses.output_delta(net.output, net.loss, Y, a_list[-1])
    deltas = [None] * L
    deltas[-1] = delta
    da = None  # dE/da_{l+1}, carried straight down by a skip connection
    for l in range(L - 1, -1, -1):
        np.matmul(a_list[l].T, delta, out=gW[l])
        if alpha:
            gW[l] += (alpha / n) * W[l]
        if gamma is None or l == L - 1:
            np.matmul(ones, delta, out=gb[l])
        if l == 0:
            break
        i = l - 1  # the hidden layer whose output a_l feeds W_l
        da_i = delta @ W[l].T
        if l < L - 1 and skip[l]:
            da_i += da
        if masks is not None:
            da_i *= masks[i]
        # g'(u) from g's output; in place unless a skip connection carries da_i further down
        du = np.multiply(da_i, acts[i].df_a(g_list[i], u_list[i]), out=None if skip[i] else da_i)
        if gamma is not None:
            zhat, inv_std, _, _ = bn[i]
            np.matmul(ones, du * zhat, out=ggamma[i])
            np.matmul(ones, du, out=gbeta[i])
            dzhat = du * gamma[i]
            # through the batch mean and variance: every sample's z moves all of them
            delta = dzhat - by_n @ dzhat
            delta -= zhat * (by_n @ (dzhat * zhat))
            delta *= inv_std
        else:
            delta = du
        deltas[i] = delta
        da = da_i
    return deltas
