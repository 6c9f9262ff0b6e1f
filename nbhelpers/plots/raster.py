"""Small images of fields over the plane, as the web playground draws them: numpy to PNG, no matplotlib.

A field (a decision surface, one unit's output over the plane) is computed on a small
grid (100 x 100) and sent as a PNG of that size; the browser stretches it with its smooth
scaling, as TensorFlow Playground stretches a 100 x 100 canvas. Encoding takes well under
a millisecond, and the PNG is a few KB.

Colours are those of the course: the pale colour of class 0 for negative values (or
class 0), white at 0 (or a tie), the pale colour of class 1 for positive values.

Used in: the playground (``nbh.widgets.playground``).
"""
import io

import numpy as np

from ._style import CLASS_COLORS

PALE = 0.45  # share of white in the surface colours: points of either class stay visible on them


def hex_rgb(color):
    """``"#RRGGBB"`` as floats in [0, 1] (no matplotlib needed)."""
    return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float) / 255.0


def pale(color, with_white=PALE):
    """``color`` blended with white, as floats in [0, 1]."""
    rgb = hex_rgb(color)
    return rgb + (1.0 - rgb) * with_white


_WHITE = np.ones(3)


def class_surface_rgb(proba, shape, discretize=False):
    """RGB image of class probabilities: the likeliest class's pale colour, fading to white at a tie.

    Parameters
    ----------
    proba : ndarray of shape (n_points, n_classes)
    shape : (rows, cols) of the grid
    discretize : bool
        Full colour of the likeliest class everywhere (no fading).

    Returns
    -------
    ndarray of shape (rows, cols, 3), floats in [0, 1]
    """
    proba = np.asarray(proba, dtype=float)
    k = proba.shape[1]
    colors = np.array([pale(c) for c in CLASS_COLORS[:k]])
    best = proba.argmax(axis=1)
    if discretize:
        rgb = colors[best]
    else:
        strength = (np.nan_to_num(proba.max(axis=1), nan=0.0) - 1.0 / k) * (k / (k - 1.0))
        rgb = _WHITE + np.clip(strength, 0.0, 1.0)[:, None] * (colors[best] - _WHITE)
    return rgb.reshape(*shape, 3)


def signed_rgb(v):
    """Values in [-1, 1] to RGB: class 0's pale colour (negative), white (0), class 1's (positive)."""
    neg, pos = pale(CLASS_COLORS[0]), pale(CLASS_COLORS[1])
    v = np.clip(np.nan_to_num(np.asarray(v, dtype=float)), -1.0, 1.0)[..., None]
    return np.where(v >= 0, _WHITE + v * (pos - _WHITE), _WHITE - v * (neg - _WHITE))


def weight_color(w):
    """Colour of a link of weight ``w`` (class 1's colour if positive, class 0's if negative)."""
    return CLASS_COLORS[1] if w >= 0 else CLASS_COLORS[0]


def png_bytes(rgb, compress_level=1):
    """An RGB array (floats in [0, 1] or uint8) as PNG bytes, encoded by Pillow.

    Pillow is always there: matplotlib depends on it.
    """
    from PIL import Image

    rgb = np.asarray(rgb)
    if rgb.dtype != np.uint8:
        rgb = (np.clip(np.nan_to_num(rgb, nan=1.0), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(buf, format="png", compress_level=compress_level)
    return buf.getvalue()

