"""What every course widget shares: a figure made once, shown as a PNG that updates in place.

Why not ``interact`` with ``%matplotlib inline``? It builds a new figure on every
change and encodes it with a tight bounding box, which costs about three times
more than redrawing the artists of an existing figure. Here a widget:

1. creates its ``Figure`` once (no pyplot, so nothing is shown twice),
2. changes artists in place (``set_data``, ``set_array``, ``set_offsets``),
3. renders the canvas to PNG (fixed bounding box, fast compression) and pushes the
   bytes into an ``ipywidgets.Image``, at twice the pixels it is shown with, so that it
   is crisp on a screen of device pixel ratio 2 (a laptop's).

Its display bundle also carries a static ``image/png`` of the current state, so a
notebook read on GitHub or nbviewer (no kernel, no widget state) still shows the
figure. Works with ipywidgets 7.7 (Colab) and 8.
"""
import html
import io
import time

import numpy as np


# Image pixels per displayed pixel: crisp on screens of device pixel ratio 2, for about 1.3x the render time.
DENSITY = 2

# A control's label as wide as its text: a fixed width cuts longer ones ("temperatur...").
LABEL = {"description_width": "initial"}

# The arrow keys on a focused slider, in Notebook 7 as in JupyterLab. Notebook 7 (7.4.5 to 7.7.0a2 at
# least, jupyter/notebook#7716) runs its keyboard shortcuts on the document in the capture phase
# (JupyterLab, in the bubbling phase): in command mode ArrowLeft/Right/Up/Down match the notebook's
# ".jp-Notebook.jp-mod-commandMode:not(.jp-mod-readWrite) :focus" shortcuts, which stop the key before
# it reaches the slider's handle. A listener on the window in the capture phase runs before them and
# calls preventDefault() on exactly the keys a handle of ours takes (noUiSlider, ipywidgets 8), as the
# handle itself does in JupyterLab: Lumino then leaves the event alone and noUiSlider, which does not
# look at defaultPrevented, moves the value. Elsewhere (JupyterLab, VS Code) the event ends the same;
# ipywidgets 7 (Colab, Notebook 6) has no .noUi-handle. Installed once per page by an image that fails
# to load in a hidden HTML widget: ipywidgets renders no <script>, and markup alone cannot do it.
WIDGET_CLASS = "nbh-widget"
_SLIDER_KEYS_JS = (
    "if(!window.nbhSliderKeys){window.nbhSliderKeys=1;window.addEventListener('keydown',function(e){"
    "var t=e.target;if(t&&t.matches&&t.matches('.nbh-widget .noUi-handle')&&!t.closest('[disabled]')"
    "&&/^(Arrow(Left|Right|Up|Down)|Page(Up|Down)|Home|End)$/.test(e.key))e.preventDefault()},true)}"
)
_SLIDER_KEYS_HTML = f'<img src="data:," alt="" hidden onerror="{html.escape(_SLIDER_KEYS_JS, quote=False)}">'


def new_figure(figsize=(6.0, 4.0), dpi=80, **subplot_kw):
    """A matplotlib ``Figure`` with an Agg canvas, made without pyplot.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained", **subplot_kw)
    FigureCanvasAgg(fig)
    return fig


def render_png(fig, compress_level=1):
    """Draw ``fig`` and encode it as PNG bytes (RGB, no tight bbox: the fast path)."""
    if not hasattr(fig.canvas, "buffer_rgba"):  # a bare Figure(): give it an Agg canvas
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    fig.canvas.draw()
    return encode_png(fig.canvas, compress_level)


def encode_png(canvas, compress_level=1):
    """The PNG bytes of what an Agg ``canvas`` holds now (RGB)."""
    from PIL import Image as PILImage

    width, height = canvas.get_width_height(physical=True)
    # RGBA to RGB inside Pillow: a third faster than slicing the array in numpy, the same bytes
    rgb = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    buf = io.BytesIO()
    rgb.save(buf, format="png", compress_level=compress_level)
    return buf.getvalue()


class LiveFigure:
    """A figure shown in an ``ipywidgets.Image`` and re-rendered on demand.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Made with :func:`new_figure`.
    freeze_layout : bool, default=False
        After the first render, keep the axes where the layout engine put them
        instead of running it on every redraw (saves ~40% of a render for a
        figure of several axes whose labels do not change size).
    density : int, default=2
        Image pixels per displayed pixel: the figure is rendered at ``density`` times
        its dpi and shown at its size at the original dpi.
    dynamic : callable, optional
        Returns the artists the widget changes on a redraw. Given, a refresh paints only
        those over a cached picture of the rest (see :mod:`._blit`); the widget then calls
        :meth:`invalidate` after changing any other artist in place.
    """

    def __init__(self, fig, freeze_layout=False, density=DENSITY, dynamic=None):
        import ipywidgets as w

        from ._blit import Blitter

        self.fig = fig
        self.freeze_layout = freeze_layout
        self.width = int(round(fig.get_figwidth() * fig.dpi))  # displayed (CSS) pixels
        fig.set_dpi(fig.dpi * density)
        self.blitter = None if dynamic is None else Blitter(fig, dynamic)
        self.png = b""
        self.image = w.Image(format="png", width=str(self.width))
        self.refresh()

    def refresh(self):
        """Render the figure and send the new image to the front end."""
        if self.blitter is None:
            self.png = render_png(self.fig)
        else:
            self.blitter.draw()
            self.png = encode_png(self.fig.canvas)
        if self.freeze_layout and self.fig.get_layout_engine() is not None:
            self.fig.set_layout_engine("none")
        self.image.value = self.png

    def invalidate(self):
        """A static artist changed in place: draw the whole figure on the next refresh."""
        if self.blitter is not None:
            self.blitter.invalidate()

    def full_png(self):
        """The figure drawn whole, every artist in its place, as a still image is drawn.

        A refresh must give the same pixels; the tests and the latency benchmark (its
        "bare render") use this. The cached background of a blitting figure stays valid.
        """
        if self.blitter is None:
            return render_png(self.fig)
        animated = [a for a in self.fig.findobj() if a.get_animated()]
        for artist in animated:
            artist.set_animated(False)
        try:
            return render_png(self.fig)
        finally:
            for artist in animated:
                artist.set_animated(True)

    def relayout(self):
        """Run the layout engine again on the next refresh (after axes were added or removed)."""
        if self.freeze_layout:
            self.fig.set_layout_engine("constrained")
        self.invalidate()


class Throttle:
    """Lets an action through at most once per ``interval`` seconds.

    A Play button ticks on the front end's clock; if the kernel draws slower than
    it ticks, the messages queue up and the page lags behind. Training on every
    tick but drawing only when the throttle allows keeps the page current.
    """

    def __init__(self, interval=0.1, clock=time.perf_counter):
        self.interval = interval
        self._clock = clock
        self._last = -np.inf

    def ready(self):
        """True (and restart the clock) if ``interval`` has passed since the last True."""
        now = self._clock()
        if now - self._last >= self.interval:
            self._last = now
            return True
        return False


def slider_keys(box):
    """Mark a course widget's outer ``box`` as ours and add the arrow-key helper to it; see ``_SLIDER_KEYS_JS``."""
    import ipywidgets as w

    box.add_class(WIDGET_CLASS)
    box.children = (*box.children, w.HTML(_SLIDER_KEYS_HTML, layout=w.Layout(display="none")))
    return box


class CourseWidget:
    """Base class: controls plus one live figure, with a static fallback image.

    Subclasses build ``self.controls`` (a list of widgets) and ``self.live``
    (a :class:`LiveFigure`), then call ``self._assemble()``; ``update()`` redraws.
    """

    controls = ()
    live = None
    box = None

    def _assemble(self, extra=()):
        import ipywidgets as w

        self.box = slider_keys(w.VBox([w.HBox(list(self.controls), layout=w.Layout(flex_flow="row wrap")), *extra,
                                       self.live.image]))
        return self.box

    def update(self, *_):
        """Redraw after a control changed. Subclasses override."""
        raise NotImplementedError

    def static_png(self):
        """The PNG a notebook shows where no kernel runs (GitHub, nbviewer, the HTML copy)."""
        return self.live.png

    def static_width(self):
        """The width in CSS pixels at which :meth:`static_png` is shown (None: its natural width)."""
        return getattr(self.live, "width", None)

    def _repr_mimebundle_(self, **kwargs):
        import base64

        data = {
            "text/plain": f"<{type(self).__name__}: run the notebook to use the controls>",
            "image/png": base64.b64encode(self.static_png()).decode("ascii"),
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.box.model_id,
            },
        }
        width = self.static_width()
        return (data, {"image/png": {"width": width}}) if width else data
