"""Sliders for the learning rate and the momentum, with the paths of gradient descent, momentum and
Adam on the narrow valley of :mod:`nbhelpers.valley` redrawn in place.

Used in: 11_training_in_practice.
"""
from ._base import LABEL, CourseWidget, LiveFigure, new_figure


class OptimizerPaths(CourseWidget):
    """The three paths of :func:`nbhelpers.valley.valley_paths`, one figure made once.

    Parameters
    ----------
    lr : float, default=0.03
        Learning rate of gradient descent and momentum (0.001 to 0.045: above 0.04 gradient descent diverges).
    momentum : float, default=0.8
        mu in [0, 0.99].
    adam_lr : float, default=0.1
        Learning rate of Adam (0.01 to 0.5).
    steps : int, default=100
    """

    def __init__(self, lr=None, momentum=None, adam_lr=None, steps=100):
        import ipywidgets as w

        from .. import valley
        from .._validation import check_float, check_int
        from ..plots import optimizer_paths as op

        self._op = op
        self._valley = valley
        self.steps = check_int("steps", steps, low=1, high=2000)
        lr = valley.LR if lr is None else check_float("lr", lr, low=0.001, high=0.045)
        momentum = valley.MOMENTUM if momentum is None else check_float("momentum", momentum, low=0.0, high=0.99)
        adam_lr = valley.ADAM_LR if adam_lr is None else check_float("adam_lr", adam_lr, low=0.01, high=0.5)
        self.lr = w.FloatSlider(value=lr, min=0.001, max=0.045, step=0.001, readout_format=".3f",
                                description="lr", continuous_update=False, style=LABEL)
        self.momentum = w.FloatSlider(value=momentum, min=0.0, max=0.99, step=0.01, description="momentum",
                                      continuous_update=False, style=LABEL)
        self.adam_lr = w.FloatSlider(value=adam_lr, min=0.01, max=0.5, step=0.01, description="Adam lr",
                                     continuous_update=False, style=LABEL)
        self.controls = [self.lr, self.momentum, self.adam_lr]
        fig = new_figure(figsize=(8.0, 3.6))
        self.artists = op.PathArtists(fig.add_subplot())
        self.paths = None
        self._draw()
        self.live = LiveFigure(fig, freeze_layout=True)
        for c in self.controls:
            c.observe(self.update, names="value")
        self._assemble()

    def _draw(self):
        op = self._op
        self.paths = self._valley.valley_paths(self.lr.value, self.momentum.value, self.adam_lr.value, self.steps)
        self.artists.update(self.paths, op.title_of(self.lr.value, self.momentum.value, self.adam_lr.value,
                                                    self.steps))

    def update(self, *_):
        """Recompute the paths for the sliders' values and redraw."""
        self._draw()
        self.live.refresh()


def optimizer_paths(lr=None, momentum=None, adam_lr=None, steps=100):
    """Gradient descent, momentum and Adam on a narrow valley; see :class:`OptimizerPaths`.

    Examples
    --------
    >>> wid = optimizer_paths()          # doctest: +SKIP
    >>> wid.momentum.value = 0.95        # more overshoot, slower to settle
    """
    return OptimizerPaths(lr=lr, momentum=momentum, adam_lr=adam_lr, steps=steps)
