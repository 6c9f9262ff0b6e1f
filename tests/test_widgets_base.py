"""What every course widget shares: labels sized to their text, a static picture in the bundle."""
import numpy as np
import pytest

pytest.importorskip("ipywidgets")

import nbhelpers as nbh  # noqa: E402

FACTORIES = {
    "playground": lambda: nbh.widgets.playground(),
    "activation": lambda: nbh.widgets.activation.activation_explorer(),
    "boundary": lambda: nbh.widgets.boundary.theta_boundary(),
    "capacity": lambda: nbh.widgets.capacity.capacity_explorer(),
    "regression": lambda: nbh.widgets.regression.unit_sliders(),
    "regularization": lambda: nbh.widgets.regularization.regularization_explorer(),
    "softmax": lambda: nbh.widgets.softmax.softmax_bars(),
}


def _described(box):
    """Every widget under ``box`` that shows a description label."""
    stack, found = [box], []
    while stack:
        w = stack.pop()
        stack.extend(getattr(w, "children", ()))
        # a button's text and an unindented checkbox's text are not labels: never cut
        beside_a_box = getattr(w, "indent", True) is False or type(w).__name__ in ("ToggleButton", "Button")
        if getattr(w, "description", "") and hasattr(getattr(w, "style", None), "description_width") \
                and not beside_a_box:
            found.append(w)
    return found


@pytest.mark.parametrize("name", FACTORIES)
def test_labels_are_as_wide_as_their_text(name, monkeypatch):
    """A fixed label width cut "temperatur...", "(no parame...", "hidden la...": every label sizes itself."""
    if name == "capacity":
        monkeypatch.setattr(nbh.widgets.capacity, "EPOCHS", 5)
    wid = FACTORIES[name]()
    labelled = _described(wid.box)
    assert labelled
    for w in labelled:
        assert w.style.description_width == "initial", f"{name}: {w.description!r} has a fixed label width"


@pytest.mark.parametrize("name", ["playground", "softmax"])
def test_bundle_carries_a_static_png_and_the_widget(name):
    bundle = FACTORIES[name]()._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert bundle["image/png"] and bundle["application/vnd.jupyter.widget-view+json"]["model_id"]


def test_live_figures_carry_twice_the_pixels_they_are_shown_with():
    """Crisp at a device pixel ratio of 2: the image and its static copy have 2 pixels per displayed pixel."""
    import base64
    import io

    from PIL import Image

    wid = FACTORIES["softmax"]()
    data, metadata = wid._repr_mimebundle_()
    shown = metadata["image/png"]["width"]
    assert int(wid.live.image.width) == shown
    for png in (wid.live.image.value, base64.b64decode(data["image/png"])):
        assert Image.open(io.BytesIO(png)).size[0] == 2 * shown


@pytest.mark.parametrize("name", ["playground", "softmax"])
def test_a_shown_widget_gets_the_slider_key_helper_once(name):
    """The box is marked as ours and carries one hidden HTML child with the arrow-key listener (Notebook 7)."""
    import ipywidgets as w

    from nbhelpers.widgets._base import WIDGET_CLASS

    wid = FACTORIES[name]()
    for _ in range(2):  # shown twice: still one helper
        wid._repr_mimebundle_()
    helpers = [c for c in wid.box.children if isinstance(c, w.HTML) and "nbhSliderKeys" in c.value]
    assert WIDGET_CLASS in wid.box._dom_classes and len(helpers) == 1
    assert helpers[0].layout.display == "none" and "onerror=" in helpers[0].value


def test_render_png_holds_exactly_the_canvas_pixels():
    import io

    from PIL import Image

    from nbhelpers.widgets._base import render_png

    fig = FACTORIES["softmax"]().live.fig
    png = render_png(fig)
    shown = np.asarray(Image.open(io.BytesIO(png)))
    np.testing.assert_array_equal(shown, np.asarray(fig.canvas.buffer_rgba())[..., :3])
