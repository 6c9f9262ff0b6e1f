"""Course figures: pure matplotlib functions ``plot_x(..., ax=None) -> Figure``.

Every function draws on the ``ax`` it is given (or on a new figure), applies the
course style only while drawing (``style()``), and returns the figure. Importing
this package imports neither matplotlib.pyplot nor, until a function draws, matplotlib,
and changes no global settings.

Examples
--------
>>> from nbhelpers import plots
>>> from nbhelpers.datasets import make_moons
>>> fig = plots.plot_points(*make_moons())
"""
from ._style import CLASS_COLORS, CLASS_MARKERS, PALETTE, class_cmap, style, surface_cmap
from .classification import grid, plot_decision_surface, plot_points, plot_truth_table
from .curves import plot_activation, plot_gradient_norms, plot_loss_curve, plot_loss_curves, plot_regression

__all__ = [
    "PALETTE", "CLASS_COLORS", "CLASS_MARKERS", "style", "surface_cmap", "class_cmap",
    "plot_points", "grid", "plot_decision_surface", "plot_truth_table",
    "plot_loss_curve", "plot_loss_curves", "plot_gradient_norms", "plot_activation", "plot_regression",
]

# Topic modules (logistic, network, vanishing, ...) load on first attribute access (PEP 562),
# so `nbh.plots.logistic.plot_logistic_boundary(...)` works without importing them all here.
def __getattr__(name):
    from pathlib import Path

    if not name.startswith("_") and (Path(__file__).parent / f"{name}.py").is_file():
        import importlib

        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'nbhelpers.plots' has no attribute {name!r}")
