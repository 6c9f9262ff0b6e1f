"""Each claim notebook 11 draws from the over-fitting runs holds for every seed of replicates.SEEDS."""
import pytest

from nbhelpers import cures as of


@pytest.fixture(scope="module")
def runs():
    return of.overfitting_cures()[0]


@pytest.mark.parametrize("claim", [
    "plain: training error below a third of the validation error at the end",
    "plain: validation error at the end 1.2 times its minimum or more",
    "early stopping: stops in the first half of the training",
    "L2 (alpha = 1): lower test error than plain",
    "dropout 0.2: lower test error than plain",
    "early stopping: lower test error than plain",
    "dropout: training objective with masks above the error without them",
])
def test_claim_holds_for_every_seed(runs, claim):
    assert of.cure_claims(runs)[claim] is True


def test_l2_keeps_the_training_error_higher_and_validation_flat(runs):
    l2, plain = runs["L2 (alpha = 1)"], runs["plain"]
    assert (l2["train"][:, -1] > plain["train"][:, -1]).all()
    assert (l2["val"][:, -1] <= 1.05 * l2["val"].min(axis=1)).all()


def test_early_stopping_is_chosen_on_validation_not_test(runs):
    import numpy as np

    early = runs[of.EARLY]
    assert (early["stop"] == np.argmin(runs["plain"]["val"], axis=1)).all()


def test_figure_has_one_panel_per_cure(runs):
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt

    from nbhelpers.plots.overfitting import plot_overfitting_cures

    fig = plot_overfitting_cures(runs)
    assert [ax.get_title() for ax in fig.axes] == [*of.CURES, of.EARLY]
    plt.close(fig)
