"""nbhelpers.autodiff_network: the lecture's 2-3-2-2 network built from Values."""
import math

import numpy as np
import pytest

from nbhelpers import autodiff as ad
from nbhelpers import autodiff_network as adn
from nbhelpers.gradcheck import numerical_gradient


def _mlp_of_notebook_06():
    from nbhelpers.models import MLP

    x, y = np.array([adn.LECTURE_X]), np.array([adn.LECTURE_Y])
    net = MLP(hidden=(3, 2), activation="sigmoid", output="identity").initialize(x, y)
    for name, param in net.parameters().items():
        param[...] = adn.LECTURE_WEIGHTS[name]
    return net, x, y


def test_the_2322_network_gives_the_gradients_of_matrix_backprop_and_of_a_gradient_check():
    loss, params = adn.network_loss()
    loss.backward()
    grads = adn.gradient_arrays(params)
    net, x, y = _mlp_of_notebook_06()
    assert math.isclose(loss.data, net.objective(x, y), rel_tol=1e-12)
    matrix = net.gradients(x, y)
    weights = {k: np.array(v) for k, v in adn.LECTURE_WEIGHTS.items()}
    for name in weights:
        assert grads[name].shape == weights[name].shape
        assert np.max(np.abs(grads[name] - matrix[name])) < 1e-10
        numeric = numerical_gradient(lambda p, name=name: adn.network_loss({**weights, name: p})[0].data, weights[name])
        assert np.max(np.abs(grads[name] - numeric)) < 1e-10


def test_the_2322_graph_has_71_nodes_28_of_them_leaves():
    loss, params = adn.network_loss()
    nodes = ad.topological_order(loss)
    assert len(nodes) == ad.count_nodes(loss) == 71
    assert sum(1 for n in nodes if not n.parents) == 2 + 23 + 2 + 1
    assert round(loss.data, 4) == 0.3555 and loss.label == "E" and params["W2"][2, 1].label == "W2[2,1]"


def test_bad_weights_or_targets_are_refused_with_the_parameter_named():
    with pytest.raises(ValueError, match="W2 must have shape"):
        adn.network_loss({**adn.LECTURE_WEIGHTS, "W2": np.zeros((2, 2))})
    with pytest.raises(ValueError, match="y must have 2 entries"):
        adn.network_loss(y=(1.0,))
