"""What the checkers of the student's network library share (05, 06, 09): random networks,
lists of arrays compared layer by layer, one-number losses, calls that must leave their inputs alone."""
import numpy as np

from .._core import _cap, _close, _Stop, describe, fmt


def sig(z):
    """The sigmoid, exact for any z (the checkers' own, not an answer shown to the reader)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def random_network(rng, depth=None, n=None):
    """Layer sizes, X, weights and biases drawn from ``rng``: 1 to 4 layers of 1 to 5 units, 2 to 6 samples."""
    depth = int(rng.integers(1, 5)) if depth is None else depth
    sizes = [int(s) for s in rng.integers(1, 6, size=depth + 1)]
    n = int(rng.integers(2, 7)) if n is None else n
    X = rng.normal(size=(n, sizes[0]))
    weights = [rng.normal(size=(a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=b) for b in sizes[1:]]
    return sizes, X, weights, biases


def inline(value):
    """``fmt(value)`` on one line, for the feedback's "at z = ..."."""
    return " ".join(fmt(value).split())


def network_text(sizes, X):
    """How a case is named in the feedback."""
    return f"a network with layer sizes {sizes} and X of shape {X.shape}"


def unpack(ctx, got, names, where):
    """The parts of a returned tuple such as (zs, activations); fail unless there is one per name."""
    if isinstance(got, (tuple, list)) and len(got) == len(names):
        return got
    ctx.fail(f"Return the {len(names)} results ({', '.join(names)}) at {where}; got {describe(got)}.",
             mistake="wrong_type")


def scalar(ctx, got, what, where):
    """A returned loss as a 0-d float array (nan allowed: the comparison names it); fail unless one number."""
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        arr = None
    if arr is None or arr.size != 1:
        ctx.fail(f"{_cap(what)} at {where} should be one number, but it is {describe(got)}.", mistake="wrong_type")
    return arr.reshape(())


def same_arrays(got, expected, rtol=1e-6, atol=1e-9):
    """True if ``got`` is a list (or tuple) of arrays equal to those of ``expected``."""
    return (isinstance(got, (list, tuple)) and len(got) == len(expected)
            and all(_close(g, e, rtol, atol) for g, e in zip(got, expected)))


def _difference(got, expected, what, where, rtol, atol):
    """The lines that say where ``got`` first differs from ``expected``."""
    if not isinstance(got, (list, tuple)):
        return [f"{_cap(what)} at {where} should be a list of {len(expected)} arrays, but it is {describe(got)}."]
    if len(got) != len(expected):
        return [f"The list {what} at {where} holds {len(got)} array{'s' * (len(got) != 1)}, "
                f"but {len(expected)} were expected."]
    for i, (g, e) in enumerate(zip(got, expected)):
        if not _close(g, e, rtol, atol):
            if np.shape(g) != np.shape(e):
                return [f"{what}[{i}] at {where} has shape {np.shape(g)}, but shape {np.shape(e)} was expected."]
            return [f"Wrong {what}[{i}] at {where}:", f"    expected: {fmt(e)}", f"    got:      {fmt(g)}"]
    return []


def expect_arrays(ctx, got, expected, what, where, mistakes=(), rtol=1e-6, atol=1e-9):
    """Compare a list of arrays (one per layer) with ``expected``; name the mistake whose list it equals.

    ``mistakes`` is a sequence of ``(Mistake, the list that mistake gives)``.
    """
    if same_arrays(got, expected, rtol, atol):
        return got
    lines = _difference(got, expected, what, where, rtol, atol)
    for mistake, value in mistakes:
        if same_arrays(got, value, rtol, atol):
            ctx.fail(*lines, mistake=mistake)
    if not isinstance(got, (list, tuple)):
        ctx.fail(*lines, mistake="wrong_type")
    if len(got) != len(expected):
        ctx.fail(*lines, mistake="wrong_length")
    for i, (g, e) in enumerate(zip(got, expected)):
        ctx.expect_close(g, e, where=where, what=f"{what}[{i}]", rtol=rtol, atol=atol)
    return got


def call_pure(ctx, f, *args, changed, **kwargs):
    """``ctx.call``, naming a change made in place to an input with the Mistake ``changed``."""
    try:
        return ctx.call(f, *args, **kwargs)
    except _Stop as stop:
        if stop.mistake != "mutated_input":
            raise
        ctx.fail(stop.lines[0], mistake=changed)
