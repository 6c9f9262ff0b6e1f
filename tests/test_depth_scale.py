"""The spread of a_l and delta_l through depth at initialisation (nbhelpers.depth_scale)."""
from nbhelpers import depth_scale as ds


def test_depth_scale_scaled_init_keeps_the_spread_and_the_others_do_not():
    spreads = ds.depth_spreads()
    for act in ("tanh", "relu"):
        fwd, bwd = spreads[act]["scaled"]
        assert 1 / 3.1 < fwd[-1] / fwd[0] < 1 and 1 / 3.1 < bwd[0] / bwd[-1] < 1
        small_fwd, small_bwd = spreads[act]["too small: N(0, 0.05²)"]
        assert small_fwd[-1] / small_fwd[0] < 1e-3 and small_bwd[0] / small_bwd[-1] < 1e-3
    tanh_fwd, tanh_bwd = spreads["tanh"]["too large: N(0, 1)"]
    assert (tanh_fwd > 0.9).all() and tanh_bwd[0] / tanh_bwd[-1] > 100  # saturated, yet the signal grows back
    relu_fwd, relu_bwd = spreads["relu"]["too large: N(0, 1)"]
    assert relu_fwd[-1] / relu_fwd[0] > 1e5 and relu_bwd[0] / relu_bwd[-1] > 1e5
