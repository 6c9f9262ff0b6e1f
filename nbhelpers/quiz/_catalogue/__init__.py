"""The catalogue of exercises, one module per topic (and one for Quiz 6)."""
from . import (activations, autodiff, backprop, forward, logistic, perceptron, practice, quiz06, regression,
               separability, softmax, training, vanishing)

MODULES = (logistic, perceptron, separability, activations, forward, backprop, training, autodiff, regression,
           softmax, vanishing, practice, quiz06)
EXERCISES = {ex.id: ex for module in MODULES for ex in module.EXERCISES}
