"""nbhelpers: the helper package of the course "Neural networks from scratch".

Importing it is light: numpy only. The submodules that need matplotlib,
ipywidgets or scikit-learn are loaded when first used::

    import nbhelpers as nbh
    nbh.activations.sigmoid(0.0)   # loads nbhelpers.activations
    nbh.plots                      # loads matplotlib (not pyplot) on first use
"""
import importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "activations", "losses", "models", "gradcheck", "datasets",
    "plots", "widgets", "quiz", "environment", "approximation", "experiments", "replicates", "predict", "cures", "valley", "autodiff",
    "autodiff_network", "thread",
)
# functions of a submodule, loaded with it on first use: nbh.load_my_network()
_FUNCTIONS = {"load_my_network": "thread", "download_my_network": "thread", "upload_my_network": "thread"}
__all__ = list(_SUBMODULES) + list(_FUNCTIONS) + ["__version__", "setup"]


def setup(seed=0):
    """Prepare a course notebook (seed, figure style); see :func:`nbhelpers._setup.setup`."""
    from ._setup import setup as _setup

    _setup(seed)


def __getattr__(name):
    # PEP 562: load a submodule on first attribute access, keeping `import nbhelpers` fast.
    if name in _SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    if name in _FUNCTIONS:
        return getattr(__getattr__(_FUNCTIONS[name]), name)
    raise AttributeError(f"module 'nbhelpers' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
