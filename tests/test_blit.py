"""Blitting (nbhelpers/widgets/_blit.py): a refresh that repaints only the changing artists
must give the picture a whole draw gives, pixel for pixel."""
import io

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

import nbhelpers as nbh  # noqa: E402
from nbhelpers.widgets._base import LiveFigure, new_figure  # noqa: E402
from nbhelpers.widgets._blit import Blitter, draw_order  # noqa: E402


def _pixels(png):
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)))


def _same_as_whole(live):
    """True if the last refresh has exactly the pixels of the figure drawn whole."""
    shown, whole = _pixels(live.png), _pixels(live.full_png())
    if shown.shape != whole.shape:
        return False
    return not (shown != whole).any()


def _line_under_legend():
    """A dynamic line in fixed axes, a static legend painted above it, a static title."""
    fig = new_figure(figsize=(3.0, 2.0))
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1], lw=3, label="moving")
    ax.plot([0, 1], [0.5, 0.5], color="grey", label="fixed")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", framealpha=0.6)
    ax.set_title("static")
    return fig, ax, line


def test_draw_order_is_the_order_a_whole_draw_paints():
    fig, ax, line = _line_under_legend()
    order = draw_order(fig)
    assert order[0] is ax.patch  # an Axes' patch first, then its children by zorder
    z = [a.get_zorder() for a in order[1:]]
    assert z == sorted(z)
    assert order.index(line) < order.index(ax.get_legend())


def test_static_artists_painted_over_a_dynamic_one_are_redrawn_with_it():
    fig, ax, line = _line_under_legend()
    live = LiveFigure(fig, dynamic=lambda: (line,))
    overlay = live.blitter._overlay
    assert ax.get_legend() in overlay  # above the line and overlapping it
    assert ax.title not in overlay  # above it in zorder but painted elsewhere
    rng = np.random.default_rng(0)
    for _ in range(6):
        line.set_ydata(rng.uniform(0, 1, 2))
        live.refresh()
        assert _same_as_whole(live)


def test_the_comparison_catches_an_artist_the_widget_forgot_to_declare():
    # the guard itself: a changed static artist without invalidate() leaves a stale picture
    fig, ax, line = _line_under_legend()
    live = LiveFigure(fig, dynamic=lambda: (line,))
    live.refresh()
    ax.set_title("changed")  # static (and painted apart from the line), changed in place
    live.refresh()
    assert not _same_as_whole(live)
    live.invalidate()
    live.refresh()
    assert _same_as_whole(live)


def test_new_limits_or_new_artists_make_a_new_background():
    fig, ax, line = _line_under_legend()
    live = LiveFigure(fig, dynamic=lambda: (line,))
    made = []
    original = live.blitter._make_background
    live.blitter._make_background = lambda dynamic: (made.append(1), original(dynamic))
    live.refresh()
    assert made == []  # nothing static changed
    ax.set_ylim(-1, 2)
    live.refresh()
    assert made == [1] and _same_as_whole(live)
    ax.axhline(0.2, color="red")
    live.refresh()
    assert made == [1, 1] and _same_as_whole(live)


def test_an_artist_no_longer_dynamic_is_drawn_again():
    fig, ax, line = _line_under_legend()
    shown = [line]
    live = LiveFigure(fig, dynamic=lambda: shown)
    shown = []
    live.refresh()
    assert not line.get_animated() and _same_as_whole(live)


def test_a_blitter_alone_leaves_the_whole_picture_in_the_canvas():
    fig, ax, line = _line_under_legend()
    blitter = Blitter(fig, lambda: (line,))
    blitter.draw()
    line.set_ydata([1, 0])
    blitter.draw()
    blitted = np.asarray(fig.canvas.buffer_rgba()).copy()
    for artist in fig.findobj(lambda a: a.get_animated()):
        artist.set_animated(False)
    fig.canvas.draw()
    np.testing.assert_array_equal(blitted, np.asarray(fig.canvas.buffer_rgba()))


def _move_theta(wid, rng, step):
    if step == 6:
        wid.data.value = "line"  # new points: ax.clear() and a new background
    elif step == 9:
        wid.set_preset()
    else:
        wid.sliders[rng.integers(5)].value = round(float(rng.uniform(-3, 3)), 1)


def _move_gate(wid, rng, step):
    if step % 4 == 3:
        wid.gate.value = str(rng.choice(nbh.widgets.perceptron.GATES))
    else:
        (wid.w1, wid.w2, wid.threshold)[rng.integers(3)].value = round(float(rng.uniform(-2, 2)), 1)


def _move_regression(wid, rng, step):
    if step == 6:
        wid.data.value = next(d for d in wid.data.options if d != wid.data.value)  # new axes limits
    else:
        wid.sliders[rng.integers(len(wid.sliders))].value = round(float(rng.uniform(-2, 2)), 1)


def _move_softmax(wid, rng, step):
    if step in (4, 8):
        wid.show_sigmoid.value = not wid.show_sigmoid.value  # the legend is made anew
    elif step % 3 == 2:
        wid.temperature.value = float(10 ** rng.uniform(-1, 1))
    else:
        wid.sliders[rng.integers(3)].value = round(float(rng.uniform(-10, 10)), 1)


BLITTED = {
    "theta_boundary": (lambda: nbh.widgets.boundary.theta_boundary(), _move_theta),
    "gate_weights": (lambda: nbh.widgets.perceptron.gate_weights(), _move_gate),
    "unit_sliders": (lambda: nbh.widgets.regression.unit_sliders(), _move_regression),
    "softmax_bars": (lambda: nbh.widgets.softmax.softmax_bars(), _move_softmax),
}


@pytest.mark.parametrize("name", BLITTED)
def test_a_blitted_widget_shows_what_a_whole_draw_shows(name):
    make, move = BLITTED[name]
    wid = make()
    assert wid.live.blitter is not None
    assert _same_as_whole(wid.live)
    made = []
    original = wid.live.blitter._make_background
    wid.live.blitter._make_background = lambda dynamic: (made.append(1), original(dynamic))
    rng = np.random.default_rng(7)
    for step in range(12):
        move(wid, rng, step)
        assert _same_as_whole(wid.live), f"{name}, step {step}"
    assert len(made) <= 3  # most refreshes pasted the background: the blitted path was the one compared
