"""The two models of the course, in one place: ``Perceptron`` and ``MLP``.

They live in :mod:`nbhelpers.perceptron` and :mod:`nbhelpers.mlp`; import them from here.

Used in: 02_perceptron to 10_regularization.
"""
from .mlp import MLP
from .perceptron import Perceptron

__all__ = ["Perceptron", "MLP"]
