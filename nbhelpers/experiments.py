"""Small training experiments: train networks that differ in a few settings and compare them.

Used in: 09_vanishing_gradient (each remedy is one call of :func:`compare_runs`).

Every run is an ``nbhelpers.models.MLP`` built from :data:`DEEP_NET` updated with the run's
own settings. For each run the gradient norm of every layer's weights is measured at the
start, before any update, and then the network is trained. ``fit`` draws the same initial
weights again (same ``random_state``), so the measured start is the start of the training run.
"""
import hashlib

import numpy as np

DEEP_NET = dict(hidden=(8,) * 8, loss="binary_cross_entropy", lr=0.5, epochs=300, random_state=0)
"""The default network of notebook 09: 8 hidden layers of 8 units, one sigmoid output with the
cross-entropy loss, full-batch gradient descent with learning rate 0.5 for 300 epochs."""


def _fingerprint(X, y):
    """A short hash of the data, so that one cache never mixes runs on different data."""
    h = hashlib.sha1()
    for a in (X, y):
        a = np.ascontiguousarray(a)
        h.update(str((a.dtype, a.shape)).encode())
        h.update(a.tobytes())
    return h.hexdigest()


def train_run(X, y, cache=None, **settings):
    """Train one network and measure its per-layer gradient norms at the start.

    Parameters
    ----------
    X, y : array_like
        Training data (a classification problem for the default binary cross-entropy loss).
    cache : dict, optional
        Runs already trained, reused when the same settings meet the same data again (the
        runs are deterministic, so a cached run is the run that would be trained). Pass the
        same empty dict to every call to share it.
    **settings
        Arguments of ``MLP`` that replace those of :data:`DEEP_NET` (``activation``, ``init``,
        ``batch_norm``, ``clip``, ``residual``, ``epochs``, ``lr``, ...).

    Returns
    -------
    profile : ndarray of shape (n_layers,)
        ``profile[l - 1] = ||dE/dW_l||`` at the start, for layers l = 1..L (L = output layer).
    net : MLP
        The trained network (``net.loss_curve_``, ``net.grad_norms_``, ...).

    Examples
    --------
    >>> from nbhelpers.datasets import make_moons
    >>> X, y = make_moons(n=50, random_state=0)
    >>> profile, net = train_run(X, y, hidden=(4, 4), epochs=5, activation="tanh")
    >>> profile.shape, len(net.loss_curve_)
    ((3,), 5)
    """
    from .models import MLP

    params = {**DEEP_NET, **settings}
    key = None
    if cache is not None:
        key = (repr(sorted(params.items())), _fingerprint(X, y))
        if key in cache:
            return cache[key]
    net = MLP(**params)
    grads = net.initialize(X, y).gradients(X, y)
    profile = np.array([np.linalg.norm(grads[f"W{l}"]) for l in range(1, len(net.coefs_) + 1)])
    result = (profile, net.fit(X, y))
    if cache is not None:
        cache[key] = result
    return result


def compare_runs(configs, X, y, cache=None, **common):
    """Train one network per configuration on the same data; collect what a comparison plots.

    Parameters
    ----------
    configs : dict
        ``{label: settings}``, each ``settings`` a dict of ``MLP`` arguments (see :func:`train_run`).
    X, y : array_like
        Training data, the same for every run.
    cache : dict, optional
        Shared between calls: a configuration met before is not trained again.
    **common
        Settings for every run (e.g. ``epochs=1000``); a run's own settings take precedence.

    Returns
    -------
    profiles : dict
        ``{label: per-layer gradient norms at the start}``, for ``plot_gradient_profiles``.
    curves : dict
        ``{label: loss per epoch}``, for ``plot_loss_curves``.
    nets : dict
        ``{label: trained MLP}``.

    Examples
    --------
    >>> from nbhelpers.datasets import make_moons
    >>> X, y = make_moons(n=50, random_state=0)
    >>> profiles, curves, nets = compare_runs({"tanh": dict(activation="tanh"), "ReLU": dict(activation="relu")},
    ...                                       X, y, hidden=(4, 4), epochs=5)
    >>> sorted(profiles), len(curves["ReLU"])
    (['ReLU', 'tanh'], 5)
    """
    if not isinstance(configs, dict) or not configs:
        raise ValueError(f"configs must be a non-empty dict {{label: settings}}. Got {configs!r} instead.")
    profiles, curves, nets = {}, {}, {}
    for label, settings in configs.items():
        if not isinstance(settings, dict):
            raise TypeError(f"the settings of {label!r} must be a dict of MLP arguments. "
                            f"Got {type(settings).__name__} instead.")
        profile, net = train_run(X, y, cache=cache, **{**common, **settings})
        profiles[label], curves[label], nets[label] = profile, np.asarray(net.loss_curve_), net
    return profiles, curves, nets


def summarize_runs(profiles, nets, X, y):
    """One line per run: gradient norm of the first and the last layer, final loss, accuracy on (X, y).

    Parameters
    ----------
    profiles, nets : dict
        As returned by :func:`compare_runs`.
    X, y : array_like
        The data to score the networks on.

    Returns
    -------
    str
    """
    width = max(len(label) for label in profiles) + 1
    lines = []
    for label, profile in profiles.items():
        net = nets[label]
        lines.append(f"{label:{width}s} layer 1: {profile[0]:7.1e}  layer {len(profile)}: {profile[-1]:7.1e}   "
                     f"final loss {net.loss_curve_[-1]:.4f}   accuracy {net.score(X, y):.2f}")
    return "\n".join(lines)


# ---------------------------------------------------------------- a lean trainer for the widget
def _sigmoid_tanh(u):
    """sigma(u) = (1 + tanh(u / 2)) / 2: the same values as activations.sigmoid, in fewer array operations."""
    a = np.multiply(u, 0.5)
    np.tanh(a, out=a)
    a += 1.0
    a *= 0.5
    return a


# name: (f(u), g'(u) from (a = f(u), u)); each derivative reuses the activation's output where it can
_LEAN_ACTIVATIONS = {
    "sigmoid": (_sigmoid_tanh, lambda a, u: a * (1.0 - a)),
    "tanh": (np.tanh, lambda a, u: 1.0 - a * a),
    "relu": (lambda u: np.maximum(u, 0.0), lambda a, u: u > 0),
    "leaky_relu": (lambda u: np.maximum(u, 0.1 * u), lambda a, u: np.where(u > 0, 1.0, 0.1)),
}


def _lean_supported(net, X):
    return (isinstance(net.activation, str) and net.activation in _LEAN_ACTIVATIONS
            and net.output == "sigmoid" and net.loss == "binary_cross_entropy"
            and (net.batch_size is None or net.batch_size >= len(X)) and not net.momentum and not net.alpha
            and net.anneal == 1.0 and not net.snapshot_every
            and (not net.batch_norm or len(set(net._hidden)) == 1))


def fit_full_batch(net, X, y):
    """``net.fit(X, y)`` for full-batch gradient descent, with far fewer numpy calls per epoch.

    The same initial weights and the same formulas as ``MLP.fit`` (forward pass, backpropagation,
    batch normalization through the batch statistics, skip connections, clipping of the global
    gradient norm, stop at the first non-finite loss), but every parameter and gradient lives in
    one flat array, so that an update, the clipping and the per-layer norms are one operation
    each, and the activations' derivatives reuse the forward pass. A deep network of 8-unit
    layers trains about three times faster; the loss curve agrees with ``MLP.fit`` to rounding
    (tests/test_experiments.py). Settings it does not cover (mini-batches, momentum, weight
    decay, annealing, snapshots, other losses or activations) fall back to ``net.fit``.

    Parameters
    ----------
    net : nbhelpers.models.MLP
    X, y : array_like
        A binary classification problem (``output="sigmoid"``, ``loss="binary_cross_entropy"``).

    Returns
    -------
    net
        Trained, with ``loss_curve_``, ``grad_norms_``, ``n_epochs_`` and ``diverged_`` set as ``fit`` sets them.
    """
    from .mlp import BN_EPS, BN_MOMENTUM

    X = np.asarray(X, dtype=float)
    if not _lean_supported(net, X):
        return net.fit(X, y)
    net.initialize(X, y)
    Y = net._encode(y, X.shape[0])
    n = X.shape[0]
    f, df = _LEAN_ACTIVATIONS[net.activation]
    bn, L, H = bool(net.batch_norm), len(net.coefs_), len(net._hidden)
    # one flat vector for the parameters and one for the gradients: weights first, then the rest
    arrays = list(net.coefs_) + [p for name, p in net.parameters().items() if not name.startswith("W")]
    sizes = [a.size for a in arrays]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    P, G = np.concatenate([a.ravel() for a in arrays]), np.zeros(offsets[-1])
    views = lambda flat: [flat[o:o + a.size].reshape(a.shape) for o, a in zip(offsets, arrays)]  # noqa: E731
    p_views, g_views = views(P), views(G)
    by_name = dict(zip([f"W{l}" for l in range(1, L + 1)]
                       + [name for name in net.parameters() if not name.startswith("W")], range(len(arrays))))
    W, gW = p_views[:L], g_views[:L]
    if bn:
        gam = [p_views[by_name[f"gamma{l}"]] for l in range(1, H + 1)]
        bet = [p_views[by_name[f"beta{l}"]] for l in range(1, H + 1)]
        dgam = [g_views[by_name[f"gamma{l}"]] for l in range(1, H + 1)]
        dbet = [g_views[by_name[f"beta{l}"]] for l in range(1, H + 1)]
        # every hidden layer has the same width: the batch statistics of all layers fit in one array
        means, variances = np.zeros((H, net._hidden[0])), np.zeros((H, net._hidden[0]))
        run_mean, run_var = np.array(net.running_means_), np.array(net.running_vars_)
    b = [p_views[by_name[f"b{l}"]] for l in range(1, L + 1) if f"b{l}" in by_name]
    gb = [g_views[by_name[f"b{l}"]] for l in range(1, L + 1) if f"b{l}" in by_name]
    skip = net._skip
    n_w = offsets[L]
    w_starts = offsets[:L]
    clip, lr = net.clip, float(net.lr)
    losses, norms_sq = [], []
    ones, by_n = np.ones(n), np.full(n, 1.0 / n)  # column sums and means as matrix products: fewer calls
    diverged = False
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
                diverged = True  # (fit would restore this epoch's start: these very parameters)
                break
            delta = _sigmoid_tanh(z)
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
            losses.append(loss * n / n)  # as fit sums the loss over its (here: one) batches
    for a, v in zip(arrays, p_views):
        a[...] = v
    if bn:
        for i in range(H):
            net.running_means_[i][...] = run_mean[i]
            net.running_vars_[i][...] = run_var[i]
    net.loss_curve_ = losses
    net.grad_norms_ = list(np.sqrt(np.array(norms_sq))) if norms_sq else []
    net.n_epochs_ = len(losses)
    net.diverged_ = diverged
    return net
