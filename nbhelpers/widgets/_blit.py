"""Redraw only what a widget changes: the rest of its figure is kept as a picture (blitting).

A full matplotlib draw lays out the figure, makes every tick and label and paints
every artist. When a slider moves only a few artists inside fixed axes, most of
that work gives the same pixels again. :class:`Blitter` draws the figure once
without the *dynamic* artists (those the widget changes), keeps those pixels,
and on each refresh pastes them back and paints the dynamic artists on top.

The picture must equal a full draw pixel for pixel. A full draw paints the
artists in order (figure children by zorder; in each Axes its patch, then its
children by zorder), so a static artist painted *after* a dynamic one and
overlapping it (a spine over a surface, a legend over a line) would end up below
it. Such static artists join the redrawn layer: they are found once, from their
extents, when the background is made. The background is made again when the
figure's size, an Axes' position or limits, or the set of static artists change,
when an unclipped dynamic artist (a title) grows out of the room it had, and
when the widget calls :meth:`Blitter.invalidate` (after changing a static
artist in place). ``LiveFigure.full_png`` draws the figure whole, for the tests
that compare the two.
"""
from operator import methodcaller

_PAD = 1  # device pixels around every extent: an edge that ends inside a pixel still paints it
_ROOM = (0.05, 0.0)  # an unclipped dynamic artist (a text) may grow by these fractions of the figure's
# width and height each way before the background is made again: sideways as its numbers change


def draw_order(fig):
    """Every artist of ``fig`` in the order a full draw paints it (the figure's patch left out).

    Returns
    -------
    list of matplotlib.artist.Artist
    """
    from matplotlib.axes import Axes

    order = []
    for top in sorted((a for a in fig.get_children() if a is not fig.patch), key=methodcaller("get_zorder")):
        if not isinstance(top, Axes):
            order.append(top)
            continue
        children = [a for a in top.get_children() if a is not top.patch]
        if not (top.axison and top.get_frame_on()):
            children = [a for a in children if a not in top.spines.values()]
        if not top.axison:
            children = [a for a in children if a not in top._axis_map.values()]
        if top.axison and top.get_frame_on():
            order.append(top.patch)
        order.extend(sorted(children, key=methodcaller("get_zorder")))
    return order


def _extent(artist, renderer):
    """Where ``artist`` paints, in device pixels, padded; None if it paints nothing."""
    if not artist.get_visible():
        return None
    box = artist.get_tightbbox(renderer)
    if box is None or not (box.width >= 0 and box.height >= 0):  # empty or NaN (a line without data)
        return None
    return box.padded(_PAD)


def _tick_lines(axis):
    """The tick marks and grid lines an Axis draws (its tight box holds only its labels)."""
    return [line for tick in axis._update_ticks() for line in (tick.gridline, tick.tick1line, tick.tick2line)
            if line.get_visible()]


def _clip(artist):
    """The box a dynamic artist is clipped to, or None if it may paint anywhere."""
    return artist.get_clip_box() if artist.get_clip_on() else None


def _inside(box, region):
    return box is None or (region.x0 <= box.x0 and box.x1 <= region.x1 and region.y0 <= box.y0 and box.y1 <= region.y1)


class Blitter:
    """Draws a figure by pasting a cached background and painting the changing artists over it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        With an Agg canvas.
    dynamic : callable
        Returns the artists the widget changes between refreshes (None entries are skipped);
        called on every refresh, so artists made anew (a contour) are followed.
    """

    def __init__(self, fig, dynamic):
        self.fig = fig
        self.dynamic = dynamic
        self._background = None
        self._key = None
        self._overlay = []  # static artists painted above a dynamic one: redrawn with it
        self._lines = {}  # id(Axis) -> its tick or grid lines painted above a dynamic artist
        self._room = {}  # id(unclipped dynamic artist) -> where it may paint until the next background
        self._previous = []  # the dynamic artists of the last draw

    def invalidate(self):
        """Make the background again on the next draw (a static artist changed in place)."""
        self._key = None

    def draw(self):
        """Leave the whole picture in the canvas' buffer."""
        canvas = self.fig.canvas
        dynamic = [a for a in self.dynamic() if a is not None]
        ids = {id(a) for a in dynamic}
        for artist in self._previous:  # no longer dynamic: part of the background again
            if id(artist) not in ids:
                artist.set_animated(False)
        self._previous = dynamic
        key = self._static_key(dynamic)
        if key != self._key or not self._in_room(dynamic):
            self._make_background(dynamic)
            key = self._static_key(dynamic)  # the layout may have moved axes while drawing
        else:
            canvas.restore_region(self._background)
        self._key = key
        layer = ids | {id(a) for a in self._overlay}
        renderer = canvas.get_renderer()
        for artist in draw_order(self.fig):
            if id(artist) in layer:
                artist.draw(renderer)
            for line in self._lines.get(id(artist), ()):
                line.draw(renderer)

    def _in_room(self, dynamic):
        renderer = self.fig.canvas.get_renderer()
        return all(_clip(a) is not None or (id(a) in self._room and _inside(_extent(a, renderer), self._room[id(a)]))
                   for a in dynamic)

    def _region(self, artist, renderer):
        """Everywhere a dynamic artist may paint until the next background: its clip box, or its room."""
        clip = _clip(artist)
        if clip is not None:
            return clip.padded(_PAD)
        box = _extent(artist, renderer)
        if box is None:  # paints nothing now: may paint anywhere later
            self._room[id(artist)] = self.fig.bbox
        else:
            w, h = self.fig.bbox.width * _ROOM[0], self.fig.bbox.height * _ROOM[1]
            self._room[id(artist)] = type(box).from_extents(box.x0 - w, box.y0 - h, box.x1 + w, box.y1 + h)
        return self._room[id(artist)]

    def _static_key(self, dynamic):
        ids = {id(a) for a in dynamic}
        axes = tuple((tuple(ax.get_position().bounds), ax.get_xlim(), ax.get_ylim(), ax.get_visible())
                     for ax in self.fig.axes)
        static = tuple(id(a) for a in draw_order(self.fig) if id(a) not in ids)
        return self.fig.canvas.get_width_height(physical=True), axes, static

    def _make_background(self, dynamic):
        canvas = self.fig.canvas
        for artist in self._overlay:
            artist.set_animated(False)
        for artist in dynamic:
            artist.set_animated(True)
        canvas.draw()
        self._room = {}
        self._overlay, self._lines = self._find_overlay(dynamic, canvas.get_renderer())
        lines = [line for group in self._lines.values() for line in group]
        if self._overlay or lines:
            for artist in self._overlay:
                artist.set_animated(True)
            for line in lines:  # an Axis draws its ticks whatever their animated flag says
                line.set_visible(False)
            try:
                canvas.draw()
            finally:
                for line in lines:
                    line.set_visible(True)
        self._background = canvas.copy_from_bbox(self.fig.bbox)

    def _find_overlay(self, dynamic, renderer):
        """Static artists (and an Axis' tick lines) a full draw paints over the dynamic ones."""
        from matplotlib.axis import Axis

        ids = {id(a) for a in dynamic}
        regions, overlay, lines = [], [], {}

        def overlaps(box):
            return box is not None and any(box.overlaps(r) for r in regions)

        for artist in draw_order(self.fig):
            if id(artist) in ids:
                regions.append(self._region(artist, renderer))
                continue
            if not regions:  # painted before every dynamic artist: stays in the background
                continue
            box = _extent(artist, renderer)  # (for an Axis: its labels)
            if overlaps(box):
                overlay.append(artist)
                regions.append(box)
            elif isinstance(artist, Axis) and artist.get_visible():
                hit = [(line, _extent(line, renderer)) for line in _tick_lines(artist)]
                hit = [(line, b) for line, b in hit if overlaps(b)]
                if hit:
                    lines[id(artist)] = [line for line, _ in hit]
                    regions.extend(b for _, b in hit)
        return overlay, lines
