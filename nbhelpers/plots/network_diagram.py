"""The network drawn as the web playground draws it: a tile per unit, links coloured by weight.

Each input feature, hidden unit and output is a small tile showing its own output over
the plane (the colours of the decision surface: class 0's for negative, class 1's for
positive); a link's colour is its weight's sign and its width the weight's size. The
tiles travel as one small PNG (:func:`mosaic`, a third of the display size, stretched by the
browser) under an SVG of the links and frames (:func:`links_svg`), whose ``<title>``
elements show each weight and bias when the pointer rests on it.

Pure numpy and strings: the widget in :mod:`nbhelpers.widgets.playground` computes the
activations and puts these pictures on the page.

Used in: the playground (``nbh.widgets.playground``).
"""
from html import escape

import numpy as np

from ._style import CLASS_COLORS
from .raster import class_surface_rgb, pale, signed_rgb, weight_color
from .svg import svg

TILE, GAP, ROW_GAP, LABEL, TOP, BOTTOM = 36, 54, 9, 48, 18, 6  # display pixels, multiples of SCALE
SCALE = 3  # display pixels per mosaic pixel
N = TILE // SCALE  # a tile's grid points per side


def layout(sizes):
    """Tile positions for layer sizes ``(n_features, *hidden, n_outputs)``.

    Returns
    -------
    dict
        ``width``, ``height`` (display pixels) and ``cells``: per layer a list of the
        (left, top) corners of its tiles; each layer is centred vertically.
    """
    rows = max(sizes)
    height = TOP + rows * (TILE + ROW_GAP) - ROW_GAP + BOTTOM
    width = LABEL + len(sizes) * TILE + (len(sizes) - 1) * GAP + 6
    cells = []
    for c, n in enumerate(sizes):
        x = LABEL + c * (TILE + GAP)
        y0 = TOP + (rows - n) * (TILE + ROW_GAP) // 2
        y0 -= y0 % SCALE  # so that mosaic pixels fall on display pixels
        cells.append([(x, y0 + r * (TILE + ROW_GAP)) for r in range(n)])
    return {"width": width, "height": height, "cells": cells}


def _layer_tiles(a, shape):
    """A layer's values on the grid, each unit scaled to [-1, 1], as N x N fields (1-D: stripes along x)."""
    a = np.nan_to_num(np.asarray(a, dtype=float), nan=0.0, posinf=0.0, neginf=0.0)
    a = a / np.maximum(np.abs(a).max(axis=0), 1e-12)
    rgb = signed_rgb(a.T)  # (units, points, 3)
    if shape is None:
        return [np.broadcast_to(t[None], (N, *t.shape)) for t in rgb]
    return [t.reshape(*shape, 3)[::-1] for t in rgb]  # row 0 of the grid is the bottom of the plane


def unit_tiles(activations, shape, output="sigmoid"):
    """RGB tiles per layer from the activations ``[a_0, a_1, ..., a_L]`` on an N x N grid.

    Parameters
    ----------
    activations : list of ndarray
        Per layer, the values on the grid points, shape (n_points, n_units).
    shape : (N, N) or None
        The grid shape (2-D inputs), or None for 1-D inputs of N points along x.
    output : {"sigmoid", "softmax", "identity"}
        How the output layer is coloured: as the decision surface, each class's
        probability in its colour, or like a hidden unit.
    """
    tiles = [_layer_tiles(a, shape) for a in activations[:-1]]
    out = np.asarray(activations[-1], dtype=float)
    grid = shape if shape is not None else (1, out.shape[0])
    if output == "sigmoid":
        rgb = class_surface_rgb(np.hstack([1.0 - out, out]), grid)
        tiles.append([_stretch(rgb, shape)])
    elif output == "softmax":
        last = []
        for k in range(out.shape[1]):
            p = np.clip(np.nan_to_num(out[:, k]), 0.0, 1.0).reshape(grid)[..., None]
            last.append(_stretch(1.0 - p * (1.0 - pale(CLASS_COLORS[k % len(CLASS_COLORS)])), shape))
        tiles.append(last)
    else:
        tiles.append(_layer_tiles(out, shape))
    return tiles


def _stretch(rgb, shape):
    """A (rows, cols, 3) field as a tile: flipped to put y up, or a 1-row strip repeated N times."""
    return np.repeat(rgb, N, axis=0) if shape is None else rgb[::-1]


def mosaic(tiles, lay):
    """One RGB image (a third of the display size) with every tile at its place in ``lay``."""
    img = np.ones((lay["height"] // SCALE, lay["width"] // SCALE, 3))
    for col, cells in zip(tiles, lay["cells"]):
        for tile, (x, y) in zip(col, cells):
            r, c = y // SCALE, x // SCALE
            img[r:r + N, c:c + N] = _resample(tile)
    return img


def _resample(tile):
    """Nearest-neighbour resampling to N x N."""
    r = np.linspace(0, tile.shape[0] - 1, N).round().astype(int)
    c = np.linspace(0, tile.shape[1] - 1, N).round().astype(int)
    return tile[np.ix_(r, c)]


def unit_names(sizes, feature_labels):
    """Names per layer: the feature labels, then h1.1, h1.2, ... and y1 (or y)."""
    names = [list(feature_labels)]
    names += [[f"h{l}.{j + 1}" for j in range(n)] for l, n in enumerate(sizes[1:-1], start=1)]
    names.append(["y"] if sizes[-1] == 1 else [f"y{k + 1}" for k in range(sizes[-1])])
    return names


def link_name(l, i, j, names):
    """The label of weight ``W_{l+1}[i, j]``: from unit i of layer l to unit j of layer l+1."""
    return f"W{l + 1}[{i + 1},{j + 1}]: {names[l][i]} \u2192 {names[l + 1][j]}"


def links_svg(lay, coefs, intercepts, names, selected=None, tooltips=True):
    """The SVG over the tile mosaic: links coloured and sized by weight, tile frames, labels.

    Parameters
    ----------
    lay : dict from :func:`layout`
    coefs, intercepts : lists of ndarray
        ``coefs[l]`` of shape (n_l, n_{l+1}) and ``intercepts[l]`` of shape (n_{l+1},).
    names : list of list of str
        From :func:`unit_names`.
    selected : tuple or None
        ``("W", l, i, j)`` or ``("b", l, j)``: drawn highlighted.
    tooltips : bool
        Name and value of every weight in a ``<title>`` (left out while training runs:
        they change every frame and the pointer cannot rest on them).
    """
    cells, half = lay["cells"], TILE / 2
    scale = max([float(np.nanmax(np.abs(W))) for W in coefs if np.size(W)] + [1e-12])
    links, marks = {True: [], False: []}, []
    for l, W in enumerate(coefs):
        for i, (x0, y0) in enumerate(cells[l]):
            for j, (x1, y1) in enumerate(cells[l + 1]):
                w = float(W[i, j])
                w_ok = w if np.isfinite(w) else 0.0
                a, b = (x0 + TILE, y0 + half), (x1, y1 + half)
                mid = (a[0] + b[0]) / 2
                d = f"M{a[0]:g} {a[1]:g}C{mid:g} {a[1]:g} {mid:g} {b[1]:g} {b[0]:g} {b[1]:g}"
                width = 0.5 + 5.0 * min(abs(w_ok) / scale, 1.0)
                tip = f"<title>{escape(f'{link_name(l, i, j, names)} = {w:.3g}')}</title>" if tooltips else ""
                links[w_ok >= 0].append(f'<path d="{d}" stroke-width="{width:.1f}">{tip}</path>')
                if selected == ("W", l, i, j):
                    marks.append(f'<path d="{d}" stroke-width="{width + 3:.1f}"/>')
    frames = []
    for l, col in enumerate(cells):
        for j, (x, y) in enumerate(col):
            tip = names[l][j] if l == 0 else f"{names[l][j]}: bias b{l}[{j + 1}] = {float(intercepts[l - 1][j]):.3g}"
            on = selected == ("b", l - 1, j)
            frames.append(f'<rect x="{x - 0.5}" y="{y - 0.5}" width="{TILE + 1}" height="{TILE + 1}" '
                          f'fill="none" stroke="{"#000" if on else "#999"}" stroke-width="{2.5 if on else 1}">'
                          f'<title>{escape(tip)}</title></rect>')
        if l == 0:
            frames += [f'<text x="{x - 5}" y="{y + half + 4}" text-anchor="end">{escape(n)}</text>'
                       for n, (x, y) in zip(names[0], col)]
    heads = ["input"] + [f"hidden {l}" for l in range(1, len(cells) - 1)] + ["output"]
    frames += [f'<text x="{col[0][0] + half}" y="{TOP - 6}" text-anchor="middle">{h}</text>'
               for h, col in zip(heads, cells)]
    groups = "".join(f'<g stroke="{weight_color(1.0 if positive else -1.0)}">{"".join(paths)}</g>'
                     for positive, paths in links.items())
    body = (f'<g fill="none" stroke-opacity="0.8"><g stroke="#000" stroke-opacity="0.35">{"".join(marks)}</g>'
            f'{groups}</g>{"".join(frames)}')
    return svg(lay["width"], lay["height"], body)
