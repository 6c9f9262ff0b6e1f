"""The one call at the top of every course notebook."""
import numpy as np


def setup(seed=0):
    """Prepare a course notebook: seed numpy's global generator and set the figure style.

    Called explicitly in a notebook's first cell (importing ``nbhelpers`` changes
    nothing). Figures are shown as PNG at a modest resolution so the committed
    notebooks stay small.

    Parameters
    ----------
    seed : int, default=0
        Seed of ``np.random``; the package's own functions take ``random_state``.
    """
    from ._validation import check_int

    np.random.seed(check_int("seed", seed, low=0))
    import matplotlib as mpl

    from .plots import _style

    try:  # only inside IPython: the inline backend, figures as PNG (not retina/SVG)
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
        shell.run_line_magic("matplotlib", "inline")
        shell.run_line_magic("config", "InlineBackend.figure_formats = ['png']")
    mpl.rcParams.update(_style.rc_params())
    try:
        # The course's matrices are small: one BLAS thread is faster than several that
        # compete for the cores (about 6x on a busy 2-core machine for scikit-learn fits).
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:  # threadpoolctl comes with scikit-learn; without it, keep the default
        pass
