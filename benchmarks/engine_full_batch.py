"""Time ``MLP.fit`` against the lean full-batch trainer it replaced, on the vanishing-gradient widget's networks.

The reference, :func:`lean_fit`, is a copy of the removed ``experiments.fit_full_batch`` (its
formulas and its number of numpy calls per epoch), kept here as the baseline to beat: it reads the
initial parameters of an ``MLP`` through the public attributes and trains them itself. The cases are
those of ``widgets/vanishing.py`` (8 hidden layers of 8 units, the 200 standardised moons, full batch,
xavier init, lr 0.5, 150 epochs; the widget's clip is 1.0) and notebook 10's default run (300 epochs).
Threads are pinned to 1, the two trainers alternate within every repeat, the table shows medians of CPU
time (``time.process_time``: other jobs disturb it less than wall time) and the loss curves' largest
relative difference. This script measures; it does not assert.

    python benchmarks/engine_full_batch.py [--repeats 15]
"""
import argparse
import time

import numpy as np
from threadpoolctl import threadpool_limits

from nbhelpers.layers import BN_EPS
from nbhelpers.mlp import BN_MOMENTUM, MLP
from nbhelpers.widgets.vanishing import vanishing_data

CASES = [(act, extra, epochs)
         for epochs, acts in ((150, ("sigmoid", "tanh", "relu")), (300, ("sigmoid",)))
         for act in acts
         for extra in ({}, {"batch_norm": True}, {"residual": True},
                       {"batch_norm": True, "residual": True, "clip": 1.0})]

_LEAN = {
    "sigmoid": (lambda u: 0.5 * (1.0 + np.tanh(0.5 * u)), lambda a, u: a * (1.0 - a)),
    "tanh": (np.tanh, lambda a, u: 1.0 - a * a),
    "relu": (lambda u: np.maximum(u, 0.0), lambda a, u: u > 0),
}


def lean_fit(net, X, y):
    """The removed lean trainer: full batch, sigmoid output with cross-entropy, flat P and G.

    Returns (loss_curve, grad_norms) of the run; ``net`` only lends its initial parameters.
    """
    net.initialize(X, y)
    Y = (np.asarray(y) == net.classes_[1]).astype(float).reshape(-1, 1)
    n = X.shape[0]
    f, df = _LEAN[net.activation]
    params = net.parameters()
    bn, L, H = net.batch_norm, len(net.coefs_), len(net.coefs_) - 1
    names = [f"W{l}" for l in range(1, L + 1)] + [k for k in params if not k.startswith("W")]
    sizes = [params[k].size for k in names]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    P, G = np.concatenate([params[k].ravel() for k in names]), np.zeros(offsets[-1])
    pv = {k: P[o:o + params[k].size].reshape(params[k].shape) for k, o in zip(names, offsets)}
    gv = {k: G[o:o + params[k].size].reshape(params[k].shape) for k, o in zip(names, offsets)}
    W, gW = [pv[f"W{l}"] for l in range(1, L + 1)], [gv[f"W{l}"] for l in range(1, L + 1)]
    b, gb = [pv[k] for k in names if k[0] == "b" and k[1] != "e"], [gv[k] for k in names if k[0] == "b" and k[1] != "e"]
    if bn:
        gam, bet = [pv[f"gamma{l}"] for l in range(1, H + 1)], [pv[f"beta{l}"] for l in range(1, H + 1)]
        dgam, dbet = [gv[f"gamma{l}"] for l in range(1, H + 1)], [gv[f"beta{l}"] for l in range(1, H + 1)]
        width = net.coefs_[0].shape[1]
        means, variances = np.zeros((H, width)), np.zeros((H, width))
        run_mean, run_var = np.array(net.running_means_), np.array(net.running_vars_)
    skip = net.skip_connections
    n_w, w_starts = offsets[L], offsets[:L]
    clip, lr = net.clip, float(net.lr)
    losses, norms_sq = [], []
    ones, by_n = np.ones(n), np.full(n, 1.0 / n)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        for _ in range(net.epochs):
            a, a_list, u_list, fa_list, bn_cache = X, [X], [], [], []
            for i in range(H):
                z = a @ W[i]
                if bn:
                    mean = np.matmul(by_n, z, out=means[i])
                    zhat = z - mean
                    var = np.matmul(by_n, zhat * zhat, out=variances[i])
                    inv_std = (var + BN_EPS) ** -0.5
                    zhat *= inv_std
                    bn_cache.append((zhat, inv_std))
                    u = zhat * gam[i]
                    u += bet[i]
                else:
                    z += b[i]
                    u = z
                fa = f(u)
                a_next = fa + a if skip[i] else fa
                u_list.append(u)
                fa_list.append(fa)
                a_list.append(a_next)
                a = a_next
            z = a @ W[-1]
            z += b[-1]
            loss = float(np.sum(np.logaddexp(0.0, z) - Y * z)) / n
            if not np.isfinite(loss):
                break
            delta = 0.5 * (1.0 + np.tanh(0.5 * z))
            delta -= Y
            delta *= 1.0 / n
            da = None
            for l in range(L - 1, -1, -1):
                np.matmul(a_list[l].T, delta, out=gW[l])
                if not bn or l == L - 1:
                    np.matmul(ones, delta, out=gb[-1 if l == L - 1 else l])
                if l == 0:
                    break
                i = l - 1
                da_i = delta @ W[l].T
                if l < L - 1 and skip[l]:
                    da_i += da
                du = da_i * df(fa_list[i], u_list[i])
                if bn:
                    zhat, inv_std = bn_cache[i]
                    np.matmul(ones, du * zhat, out=dgam[i])
                    np.matmul(ones, du, out=dbet[i])
                    dzhat = du * gam[i]
                    delta = dzhat - by_n @ dzhat
                    delta -= zhat * (by_n @ (dzhat * zhat))
                    delta *= inv_std
                else:
                    delta = du
                da = da_i
            if bn:
                run_mean *= BN_MOMENTUM
                run_mean += (1 - BN_MOMENTUM) * means
                run_var *= BN_MOMENTUM
                run_var += (1 - BN_MOMENTUM) * variances
            g2 = G * G
            norms_sq.append(np.add.reduceat(g2[:n_w], w_starts))
            if clip is not None:
                norm = np.sqrt(g2.sum())
                if norm > clip:
                    G *= clip / norm
            G *= lr
            P -= G
            losses.append(loss)
    return losses, list(np.sqrt(np.array(norms_sq)))


def _net(activation, extra, epochs):
    return MLP(hidden=(8,) * 8, activation=activation, init="xavier", loss="binary_cross_entropy", lr=0.5,
               epochs=epochs, random_state=0, **extra)


def main(repeats):
    X, y = vanishing_data()
    X = np.array(X)
    print("| case | lean trainer (ms) | MLP.fit (ms) | fit / lean | loss curves: max rel. difference |")
    print("| --- | ---: | ---: | ---: | ---: |")
    ratios = []
    for activation, extra, epochs in CASES:
        t_lean, t_fit = [], []
        for r in range(repeats):
            for which in ((0, 1) if r % 2 else (1, 0)):
                net = _net(activation, extra, epochs)
                start = time.process_time()
                if which:
                    net.fit(X, y)
                else:
                    curve, _ = lean_fit(net, X, y)
                (t_fit if which else t_lean).append(time.process_time() - start)
        fitted = _net(activation, extra, epochs).fit(X, y)
        m = min(len(curve), len(fitted.loss_curve_))
        diff = np.max(np.abs(np.subtract(curve[:m], fitted.loss_curve_[:m])) / np.abs(curve[:m]))
        lean, fit = np.median(t_lean) * 1e3, np.median(t_fit) * 1e3
        ratios.append(fit / lean)
        name = f"{activation}, {epochs} epochs" + "".join(f", {k}" for k in extra)
        print(f"| {name} | {lean:.1f} | {fit:.1f} | {fit / lean:.2f} | {diff:.0e} |")
    print(f"\nfit / lean: median {np.median(ratios):.2f}, worst {max(ratios):.2f} over {len(ratios)} cases")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    with threadpool_limits(1):
        main(parser.parse_args().repeats)
