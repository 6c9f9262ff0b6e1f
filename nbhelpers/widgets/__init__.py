"""Live widgets of the course: controls wired to figures that update in place.

The two big ones are here; topic widgets live in ``nbhelpers/widgets/<topic>.py``
and load on first attribute access (``nbh.widgets.perceptron.some_widget(...)``),
so adding a topic module needs no registration::

    import nbhelpers as nbh
    pg = nbh.widgets.playground()          # the playground
    nbh.widgets.backprop_stepper("2-2-1")  # forward and backward, one layer at a time

Importing this package imports ipywidgets; matplotlib loads when a widget is built.
"""
import importlib

# Imported eagerly (ipywidgets, no matplotlib) so that the names `playground` and
# `backprop_stepper` are the factories, not the submodules of the same name.
from .playground import Playground, playground
from .stepper import BackpropStepper, backprop_stepper

__all__ = ["playground", "backprop_stepper", "Playground", "BackpropStepper"]


def __getattr__(name):
    # PEP 562: `nbh.widgets.<topic>` imports nbhelpers/widgets/<topic>.py on first use.
    if name.startswith("__"):
        raise AttributeError(name)
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module 'nbhelpers.widgets' has no attribute {name!r}") from None
    globals()[name] = module
    return module
