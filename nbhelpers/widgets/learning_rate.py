"""A slider for the learning rate and one for annealing, on notebook 06's sine-fitting network.

Each change trains the network again from the same start (full batch, 100 epochs) and redraws its
loss curve and its fit in place. Find the edge: the largest rate whose loss still falls.

Used in: 06_backpropagation.
"""
import warnings

import numpy as np

from ._base import LABEL, CourseWidget, LiveFigure, new_figure

EPOCHS = 100


def sine_data():
    """The five-rate experiment's data: 40 noisy samples of a sine, inputs in [-2, 2], targets around 0."""
    from ..datasets import regression_data

    X, y = regression_data("SIN", n=40, noise=0.1)
    return X / 2.5, y - 2.5


def train_at(X, y, lr, anneal=1.0, epochs=EPOCHS, random_state=0):
    """The experiment's 1-8-1 tanh network trained at ``lr``: the fitted ``MLP`` (it may have diverged)."""
    from ..mlp import DivergenceWarning
    from ..models import MLP

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)  # diverging is one of the outcomes to see
        return MLP(hidden=(8,), activation="tanh", output="identity", lr=lr, anneal=anneal, epochs=epochs,
                   random_state=random_state).fit(X, y)


class LearningRateEdge(CourseWidget):
    """The loss per epoch and the fitted curve of one run, for the rate and annealing on the sliders.

    Parameters
    ----------
    lr : float, default=0.3
        Learning rate, 0.01 to 20 (a logarithmic slider).
    anneal : float, default=1.0
        Factor applied to the rate after every epoch, 0.9 to 1 (1: no annealing).
    """

    def __init__(self, lr=0.3, anneal=1.0):
        import ipywidgets as w

        from .._validation import check_float
        from ..plots.learning_rate import RateArtists

        lr = check_float("lr", lr, low=0.01, high=20.0)
        anneal = check_float("anneal", anneal, low=0.9, high=1.0)
        self.X, self.y = sine_data()
        self.lr = w.FloatLogSlider(value=lr, base=10, min=-2, max=np.log10(20), step=0.02, readout_format=".3g",
                                   description="learning rate \u03b7", continuous_update=False, style=LABEL)
        self.anneal = w.FloatSlider(value=anneal, min=0.9, max=1.0, step=0.005, readout_format=".3f",
                                    description="anneal (\u03b7 \u00d7 per epoch)", continuous_update=False,
                                    style=LABEL)
        self.controls = [self.lr, self.anneal]
        fig = new_figure(figsize=(9.0, 3.6))
        self.artists = RateArtists(fig.subplots(1, 2), self.X, self.y, EPOCHS)
        self.net = None
        self._draw()
        self.live = LiveFigure(fig)
        for c in self.controls:
            c.observe(self.update, names="value")
        self._assemble()

    def _draw(self):
        from ..plots.learning_rate import describe_run

        lr, anneal = self.lr.value, self.anneal.value
        self.net = train_at(self.X, self.y, lr, anneal)
        plain = train_at(self.X, self.y, lr).loss_curve_ if anneal < 1 else None
        fitted = None if self.net.diverged_ else self.net.predict(self.artists.x_grid[:, None])
        self.artists.update(self.net.loss_curve_, plain, fitted, self.net.diverged_,
                            title=f"\u03b7 = {lr:.3g}, anneal {anneal:.3f}: {describe_run(self.net.loss_curve_, self.net.diverged_)}")

    def update(self, *_):
        """Train again at the sliders' values and redraw."""
        self._draw()
        self.live.refresh()


def learning_rate_edge(lr=0.3, anneal=1.0):
    """Find the edge of divergence with a slider; see :class:`LearningRateEdge`.

    Examples
    --------
    >>> wid = learning_rate_edge()       # doctest: +SKIP
    >>> wid.lr.value = 3.0               # the loss goes up and down, or overflows
    """
    return LearningRateEdge(lr=lr, anneal=anneal)
