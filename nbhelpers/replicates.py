"""Repeat a training run over several seeds, and say only what holds across them.

A run of hundreds of gradient steps amplifies rounding: the last digits of a matrix product
depend on the processor's BLAS kernels, and after enough epochs two runs from the same seed
on two machines can end far apart. A single run cannot decide which of two settings is
better. So the course trains every setting it compares from several seeds and states a
claim only when it holds for all of them (or says how many it holds for).

Used in: 10_vanishing_gradient, 11_training_in_practice.
"""
import math

import numpy as np

SEEDS = (0, 1, 2, 3, 4)
"""The seeds (``random_state`` of the initial weights) every comparison of the course uses."""

LOG2 = math.log(2.0)
STUCK_TOL = 0.01
"""A binary cross-entropy within this of log 2 means the network answers 0.5 for every point."""


def _check_seeds(seeds):
    """The seeds as a tuple of ints, at least one."""
    seeds = tuple(seeds)
    if not seeds or not all(isinstance(s, (int, np.integer)) and not isinstance(s, bool) for s in seeds):
        raise ValueError(f"seeds must be a non-empty sequence of integers. Got {seeds!r} instead.")
    return seeds


def compare_seeds(configs, X, y, seeds=SEEDS, cache=None, **common):
    """Train every configuration once per seed (``experiments.train_run``) and collect the spread.

    Parameters
    ----------
    configs : dict
        ``{label: settings}``, each ``settings`` a dict of ``MLP`` arguments.
    X, y : array_like
        Training data, the same for every run.
    seeds : sequence of int, default=SEEDS
        ``random_state`` of each run.
    cache : dict, optional
        Shared between calls (see ``experiments.train_run``).
    **common
        Settings for every run (e.g. ``epochs=1000``); a run's own settings take precedence.

    Returns
    -------
    dict
        ``{label: {"profiles": (n_seeds, n_layers) gradient norms at the start,
        "curves": (n_seeds, n_epochs) training loss, "final": (n_seeds,) last loss,
        "nets": list of trained MLP}}``.

    Examples
    --------
    >>> from nbhelpers.datasets import make_moons
    >>> X, y = make_moons(n=40, random_state=0)
    >>> runs = compare_seeds({"tanh": dict(activation="tanh")}, X, y, seeds=(0, 1), hidden=(4,), epochs=3)
    >>> runs["tanh"]["curves"].shape
    (2, 3)
    """
    from .experiments import train_run

    if not isinstance(configs, dict) or not configs:
        raise ValueError(f"configs must be a non-empty dict {{label: settings}}. Got {configs!r} instead.")
    seeds = _check_seeds(seeds)
    runs = {}
    for label, settings in configs.items():
        if not isinstance(settings, dict):
            raise TypeError(f"the settings of {label!r} must be a dict of MLP arguments. "
                            f"Got {type(settings).__name__} instead.")
        profiles, nets = [], []
        for seed in seeds:
            profile, net = train_run(X, y, cache=cache, **{**common, **settings, "random_state": seed})
            profiles.append(profile)
            nets.append(net)
        curves = np.array([net.loss_curve_ for net in nets], dtype=float)
        runs[label] = {"profiles": np.array(profiles), "curves": curves, "final": curves[:, -1], "nets": nets}
    return runs


def count_stuck(final_losses, tol=STUCK_TOL):
    """How many runs ended at log 2, the cross-entropy of answering 0.5 everywhere (nan counts as stuck).

    Parameters
    ----------
    final_losses : array_like of float
    tol : float, default=STUCK_TOL

    Returns
    -------
    int

    Examples
    --------
    >>> count_stuck([0.6931, 0.02, 0.69])
    2
    """
    v = np.asarray(final_losses, dtype=float)
    return int(np.sum(~np.isfinite(v) | (np.abs(v - LOG2) < tol)))


def summarize_seeds(runs):
    """One line per configuration: the median gradient ratio at the start and how many seeds learned.

    Only what does not depend on the last digits of a long run is printed: the gradient norms
    at the start (one forward and backward pass) and a count of runs that are stuck at log 2
    (a network whose output is 0.5 everywhere), which is far from every run that learned.

    Parameters
    ----------
    runs : dict
        As returned by :func:`compare_seeds`.

    Returns
    -------
    str
    """
    width = max(len(label) for label in runs) + 1
    lines = []
    for label, run in runs.items():
        profiles, n = run["profiles"], len(run["final"])
        stuck = count_stuck(run["final"])
        first, last = np.median(profiles[:, 0]), np.median(profiles[:, -1])
        lines.append(f"{label:{width}s} layer 1: {first:7.1e}  layer {profiles.shape[1]}: {last:7.1e}   "
                     f"learned in {n - stuck} of {n} seeds (stuck at log 2 in {stuck})")
    return "\n".join(lines)


def median_scores(fit_one, settings, seeds=SEEDS):
    """Median training and test score of ``fit_one(setting, seed)`` over the seeds, per setting.

    Parameters
    ----------
    fit_one : callable
        ``fit_one(setting, seed) -> (training score, test score)``.
    settings : sequence
        The values of the knob (e.g. the alphas).
    seeds : sequence of int, default=SEEDS
        An odd number of seeds makes every median one of the measured scores.

    Returns
    -------
    scores : ndarray of shape (n_settings, n_seeds, 2)
        Every measured (training, test) score.
    medians : ndarray of shape (n_settings, 2)

    Examples
    --------
    >>> scores, medians = median_scores(lambda s, seed: (s, s / 2 + seed), [1.0, 2.0], seeds=(0, 1, 2))
    >>> medians.tolist()
    [[1.0, 1.5], [2.0, 2.0]]
    """
    if not callable(fit_one):
        raise TypeError(f"fit_one must be a function fit_one(setting, seed). Got {type(fit_one).__name__} instead.")
    seeds = _check_seeds(seeds)
    scores = np.array([[fit_one(s, seed) for seed in seeds] for s in settings], dtype=float)
    if scores.ndim != 3 or scores.shape[2] != 2:
        raise ValueError(f"fit_one must return (training score, test score). Got shape {scores.shape[2:]} per call.")
    return scores, np.median(scores, axis=1)
