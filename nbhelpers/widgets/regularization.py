"""The L2 strength alpha (log slider) and the hidden width -> decision surface and train/test accuracy.

Every (alpha, width) pair is fitted once, when it is first shown, and cached, so going
back to a setting is instant.

Used in: 11_training_in_practice.
"""
import functools
import warnings

import numpy as np

from ._base import LABEL, CourseWidget, LiveFigure, new_figure

ALPHA_EXPONENTS = tuple(np.round(np.arange(-5.0, 1.01, 0.5), 1))  # alpha = 10**e, 1e-5 .. 10
WIDTHS = (1, 2, 4, 8, 16, 32)
RESOLUTION = 100


@functools.lru_cache(maxsize=1)
def regularization_data(n=200, noise=0.3, random_state=0):
    """The two moons with 25% held out for testing (seeded): the data of notebook 11.

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
    """
    from ..datasets import make_moons, train_test_split

    X, y = make_moons(n=n, noise=noise, random_state=random_state)
    parts = train_test_split(X, y, test_size=0.25, random_state=0)
    for p in parts:
        p.setflags(write=False)
    return parts


def fit_classifier(alpha, hidden, X, y, max_iter=500, random_state=0):
    """scikit-learn's MLPClassifier (tanh, L-BFGS) with L2 strength ``alpha``, fitted to (X, y).

    L-BFGS may stop at ``max_iter`` while the last digits of the loss still move; the
    fit is then as good as this demonstration needs, so that ConvergenceWarning is silenced.
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    from threadpoolctl import threadpool_limits

    clf = MLPClassifier(hidden_layer_sizes=(int(hidden),), activation="tanh", solver="lbfgs", alpha=float(alpha),
                        max_iter=max_iter, random_state=random_state)
    # tiny matrices: extra BLAS threads only add overhead (a lot of it on a busy 2-core machine)
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore", ConvergenceWarning)
        # scikit-learn < 1.7 passes L-BFGS options that SciPy >= 1.16 deprecates: the warning is
        # about scikit-learn's own call, nothing the reader can act on.
        warnings.simplefilter("ignore", DeprecationWarning)
        return clf.fit(X, y)


@functools.lru_cache(maxsize=None)
def _grid():
    X_train, X_test, _, _ = regularization_data()
    pts = np.vstack([X_train, X_test])
    lo, hi = pts.min(axis=0) - 0.3, pts.max(axis=0) + 0.3
    bounds = (lo[0], hi[0], lo[1], hi[1])
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], RESOLUTION), np.linspace(lo[1], hi[1], RESOLUTION))
    return bounds, np.column_stack([xx.ravel(), yy.ravel()])


@functools.lru_cache(maxsize=None)
def fit_result(exponent, hidden):
    """Fit for alpha = 10**exponent and ``hidden`` units (cached): (P(class 1) on the grid, train acc, test acc)."""
    X_train, X_test, y_train, y_test = regularization_data()
    clf = fit_classifier(10.0 ** exponent, hidden, X_train, y_train)
    _, points = _grid()
    proba = clf.predict_proba(points)[:, 1].reshape(RESOLUTION, RESOLUTION)
    return proba, clf.score(X_train, y_train), clf.score(X_test, y_test)


class RegularizationExplorer(CourseWidget):
    """Sliders for alpha (1e-5 to 10, log scale) and the hidden width; see :func:`regularization_explorer`."""

    def __init__(self, alpha=1e-5, hidden=32):
        import ipywidgets as w

        from ..plots.regularization import SurfaceArtists

        exponent = float(np.log10(alpha)) if alpha > 0 else -np.inf
        if not np.any(np.isclose(exponent, ALPHA_EXPONENTS)):
            raise ValueError(f"alpha must be one of 1e-5, 10**-4.5, ..., 10 (half powers of ten). Got {alpha!r} instead.")
        if hidden not in WIDTHS:
            raise ValueError(f"hidden must be one of {', '.join(map(str, WIDTHS))}. Got {hidden!r} instead.")
        self.alpha = w.FloatLogSlider(value=10.0 ** exponent, base=10, min=ALPHA_EXPONENTS[0], max=ALPHA_EXPONENTS[-1],
                                      step=0.5, description="alpha (L2)", style=LABEL, readout_format=".0e",
                                      continuous_update=False, layout=w.Layout(width="320px"))
        self.hidden = w.SelectionSlider(options=list(WIDTHS), value=hidden, description="hidden units", style=LABEL,
                                        continuous_update=False, layout=w.Layout(width="320px"))
        self.controls = [self.alpha, self.hidden]
        X_train, X_test, y_train, y_test = regularization_data()
        bounds, _ = _grid()
        fig = new_figure(figsize=(6.0, 4.6))
        ax = fig.add_subplot()
        self.artists = SurfaceArtists(ax, X_train, y_train, X_test, y_test, bounds, RESOLUTION)
        self.scores = None
        self._draw()
        self.live = LiveFigure(fig)
        for c in self.controls:
            c.observe(self.update, names="value")
        self._assemble()

    def _exponent(self):
        e = float(np.log10(self.alpha.value))
        return float(ALPHA_EXPONENTS[int(np.argmin(np.abs(np.array(ALPHA_EXPONENTS) - e)))])

    def _draw(self):
        e, h = self._exponent(), self.hidden.value
        proba, train, test = fit_result(e, h)
        self.scores = (train, test)
        self.artists.update(proba, text=f"training accuracy {train:.2f}\ntest accuracy {test:.2f}",
                            title=f"{h} tanh units, alpha = {10.0 ** e:.0e}")

    def update(self, *_):
        """Fit (or fetch from the cache) and redraw for the current alpha and width."""
        self._draw()
        self.live.refresh()


def regularization_explorer(alpha=1e-5, hidden=32):
    """Explore under- and over-fitting: alpha and the hidden width of an MLPClassifier on noisy moons.

    Examples
    --------
    >>> wid = regularization_explorer()     # doctest: +SKIP
    >>> wid.alpha.value = 0.1               # a smoother boundary, a better test accuracy
    """
    return RegularizationExplorer(alpha=alpha, hidden=hidden)


def _benchmark_cases():
    """(name, widget factory, function changing the main control) for benchmarks/widget_latency.py."""
    def step_alpha(wid):
        e = wid._exponent() + 0.5
        wid.alpha.value = 10.0 ** (e if e <= ALPHA_EXPONENTS[-1] else ALPHA_EXPONENTS[0])

    def step_width(wid):
        i = WIDTHS.index(wid.hidden.value)
        wid.hidden.value = WIDTHS[(i + 1) % len(WIDTHS)]

    return [
        ("regularization_explorer: alpha", regularization_explorer, step_alpha),
        ("regularization_explorer: hidden units", regularization_explorer, step_width),
    ]
