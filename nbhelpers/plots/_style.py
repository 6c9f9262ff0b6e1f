"""The look of every course figure, in one place.

Colours come from the Okabe-Ito palette, chosen to stay distinguishable with
the common forms of colour blindness; classes also differ by marker shape, so a
figure reads in greyscale. Nothing here touches pyplot or the global rcParams:
``style()`` applies the settings only inside a ``with`` block.
"""
from contextlib import contextmanager

import numpy as np

PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#7F7F7F",
}

CLASS_COLORS = (PALETTE["blue"], PALETTE["vermillion"], PALETTE["bluish_green"], PALETTE["reddish_purple"])
CLASS_MARKERS = ("o", "s", "^", "D")
LINE_COLORS = (PALETTE["blue"], PALETTE["vermillion"], PALETTE["bluish_green"], PALETTE["orange"],
               PALETTE["reddish_purple"], PALETTE["sky_blue"], PALETTE["black"])

RC = {
    "figure.figsize": (5.6, 4.4),
    "figure.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": None,  # filled in by style(): needs matplotlib's cycler
    "legend.fontsize": 9,
    "legend.framealpha": 0.85,
    "image.interpolation": "nearest",
    "savefig.bbox": "tight",
}


def mix(color, with_white=0.6):
    """``color`` blended with white: pale versions of the class colours for backgrounds."""
    from matplotlib.colors import to_rgb

    rgb = np.array(to_rgb(color))
    return tuple(rgb + (1.0 - rgb) * with_white)


def surface_cmap():
    """Diverging colour map for a probability surface: pale blue (class 0) to white to pale vermillion."""
    from matplotlib.colors import LinearSegmentedColormap

    # Paler than the point colours, so points of either class stay visible on both sides.
    ends = [mix(CLASS_COLORS[0], 0.55), "#FFFFFF", mix(CLASS_COLORS[1], 0.55)]
    return LinearSegmentedColormap.from_list("nbh_diverging", ends)


def class_cmap(n_classes):
    """Pale class colours as a categorical colour map, for predicted-class regions."""
    from matplotlib.colors import ListedColormap

    return ListedColormap([mix(c, 0.6) for c in CLASS_COLORS[:n_classes]], name=f"nbh_classes{n_classes}")


@contextmanager
def style():
    """Context manager applying the course's matplotlib settings inside its block only.

    Examples
    --------
    >>> with style():
    ...     pass
    """
    import matplotlib as mpl

    seen = {}
    try:
        with mpl.rc_context(rc_params()):
            try:
                yield
            finally:
                seen["interactive"] = mpl.is_interactive()
    finally:
        # rc_context restores *every* rcParam on exit, "interactive" too. The inline backend
        # turns interactive mode on when the first figure inside the block loads it; undoing
        # that would silently hide every later figure of the notebook. Keep what the block set.
        if seen:
            mpl.interactive(seen["interactive"])


def rc_params():
    """The course's rcParams as a dict (used by :func:`style` and by ``nbhelpers.setup``)."""
    from cycler import cycler

    return dict(RC, **{"axes.prop_cycle": cycler(color=LINE_COLORS)})


def new_axes(ax=None, figsize=None):
    """Return ``(figure, ax)``: the given axes and their figure, or a new pyplot figure.

    pyplot is imported here, on demand, so notebooks with the inline backend show
    the new figure; importing the plots package never loads it.
    """
    if ax is not None:
        from matplotlib.figure import Figure

        fig = ax.figure
        while not isinstance(fig, Figure):  # axes of a SubFigure: climb to the root Figure
            fig = fig.figure
        return fig, ax
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=figsize, layout="constrained")  # keeps outside legends in view
    return fig, ax


def classes_of(y):
    """The sorted distinct labels of ``y`` (at most 4: one colour and marker each)."""
    classes = np.unique(np.asarray(y))
    if len(classes) > len(CLASS_COLORS):
        raise ValueError(f"y must have at most {len(CLASS_COLORS)} classes to plot. Got {len(classes)}: {classes[:8]}.")
    return classes


def class_label(k, classes, class_names=None):
    """Legend text for class number ``k``."""
    if class_names is not None:
        return str(class_names[k])
    c = classes[k]
    return f"class {int(c) if float(c).is_integer() else c}"


def scatter_classes(ax, X, y, classes, class_names=None, hollow=False, prefix="", size=36):
    """Draw one scatter per class, colour and marker by class; returns the artists."""
    artists = []
    for k, c in enumerate(classes):
        pts = X[y == c]
        color = CLASS_COLORS[k]
        kw = dict(facecolors="none", edgecolors=color, linewidths=1.5) if hollow else dict(
            color=color, edgecolors="white", linewidths=0.6)
        artists.append(ax.scatter(pts[:, 0], pts[:, 1], marker=CLASS_MARKERS[k], s=size, zorder=3,
                                  label=prefix + class_label(k, classes, class_names), **kw))
    return artists
