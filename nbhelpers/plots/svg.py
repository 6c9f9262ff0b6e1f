"""Figures as SVG text: axes, points and line charts that any browser draws crisply.

Pure functions from arrays to strings (no matplotlib, no widgets). A widget puts the
string into an ``ipywidgets.HTML``; the browser draws it as vectors, sharp at any
device pixel ratio, and a line chart of 200 points is about 2 KB on the wire.

Coordinates: a ``box`` is ``(left, top, width, height)`` in pixels of the SVG; ``bounds``
is ``((x_min, x_max), (y_min, y_max))`` in data units.

Used in: the playground (``nbh.widgets.playground``).
"""
from html import escape

import numpy as np

from ._style import CLASS_COLORS, LINE_COLORS

FONT = "font-family:sans-serif;font-size:11px;fill:#333"
MAX_POINTS = 200  # a line chart keeps at most this many points (every k-th, and the last)


def svg(width, height, body, title=None):
    """An ``<svg>`` element of the given pixel size around ``body``."""
    label = f'<title>{escape(title)}</title>' if title else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" style="display:block;{FONT}">{label}{body}</svg>')


def to_pixels(x, y, bounds, box, log=False):
    """Data coordinates to pixels of ``box`` (y grows upwards; ``log``: y on a log scale)."""
    (x0, x1), (y0, y1) = bounds
    left, top, width, height = box
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if log:
        y, y0, y1 = np.log10(y), np.log10(y0), np.log10(y1)
    px = left + (x - x0) / max(x1 - x0, 1e-300) * width
    py = top + height - (y - y0) / max(y1 - y0, 1e-300) * height
    return px, py


def _marker(k, px, py, filled, r=3.6):
    color = CLASS_COLORS[k % len(CLASS_COLORS)]
    paint = f'fill="{color}" stroke="#fff" stroke-width="0.7"' if filled else \
        f'fill="none" stroke="{color}" stroke-width="1.3"'
    shape = k % 4
    out = []
    for x, y in zip(px, py):
        if shape == 0:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>')
        elif shape == 1:
            out.append(f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" height="{2 * r:.1f}"/>')
        elif shape == 2:
            out.append(f'<path d="M{x:.1f} {y - r * 1.2:.1f}l{r * 1.1:.1f} {r * 1.9:.1f}h{-r * 2.2:.1f}z"/>')
        else:
            out.append(f'<path d="M{x:.1f} {y - r * 1.3:.1f}l{r:.1f} {r * 1.3:.1f}l{-r:.1f} {r * 1.3:.1f}'
                       f'l{-r:.1f} {-r * 1.3:.1f}z"/>')
    return f'<g {paint}>{"".join(out)}</g>'


def points(X, y, classes, bounds, box, hollow=False):
    """Markers of the points ``X`` (n, 2) by class: filled (train) or ``hollow`` (test).

    With ``classes=()`` (regression) every point gets the first class's marker.
    """
    X = np.asarray(X, dtype=float).reshape(-1, 2)
    ok = np.isfinite(X).all(axis=1)
    groups = [(0, ok)] if not len(classes) else [(k, ok & (np.asarray(y) == c)) for k, c in enumerate(classes)]
    out = []
    for k, sel in groups:
        px, py = to_pixels(X[sel, 0], X[sel, 1], bounds, box)
        out.append(_marker(k, px, py, filled=not hollow))
    return "".join(out)


def nice_ticks(lo, hi, n=5):
    """About ``n`` round tick values between ``lo`` and ``hi``."""
    if not np.isfinite([lo, hi]).all() or hi <= lo:
        return np.array([lo])
    raw = (hi - lo) / n
    step = 10.0 ** np.floor(np.log10(raw))
    step *= min((1, 2, 5, 10), key=lambda m: abs(m * step - raw))
    ticks = np.arange(np.ceil(lo / step) * step, hi + 1e-9 * step, step)
    return np.where(np.abs(ticks) < 1e-9 * step, 0.0, ticks)  # no "-0" label


def frame(bounds, box, ticks=True, log=False, xlabel=""):
    """The box around a plot with tick labels on the left and bottom edges."""
    left, top, width, height = box
    out = [f'<rect x="{left}" y="{top}" width="{width}" height="{height}" fill="none" stroke="#888" '
           f'stroke-width="1"/>']
    if ticks:
        (x0, x1), (y0, y1) = bounds
        for t in nice_ticks(x0, x1, 4):
            px, _ = to_pixels(t, y0, bounds, box)
            out.append(f'<text x="{px:.1f}" y="{top + height + 13}" text-anchor="middle">{t:g}</text>')
        yt = 10.0 ** np.arange(np.ceil(np.log10(y0)), np.floor(np.log10(y1)) + 1) if log else nice_ticks(y0, y1, 4)
        for t in yt:
            _, py = to_pixels(x0, t, bounds, box, log)
            label = f"1e{int(round(np.log10(t)))}" if log else f"{t:g}"
            out.append(f'<text x="{left - 3}" y="{py + 4:.1f}" text-anchor="end">{label}</text>')
    if xlabel:
        out.append(f'<text x="{left + width}" y="{top + height + 26}" text-anchor="end">{escape(xlabel)}</text>')
    return "".join(out)


def thin(x, *ys, n=MAX_POINTS):
    """Every k-th sample (and always the last) so that at most about ``n`` remain."""
    x = np.asarray(x, dtype=float)
    if len(x) <= n:
        return (x, *(np.asarray(y, dtype=float) for y in ys))
    idx = np.unique(np.r_[np.arange(0, len(x), int(np.ceil(len(x) / n))), len(x) - 1])
    return (x[idx], *(np.asarray(y, dtype=float)[idx] for y in ys))


def polyline(px, py, color, width=1.5, dash=None):
    """A polyline through the finite pixel coordinates."""
    ok = np.isfinite(px) & np.isfinite(py)
    if ok.sum() < 1:
        return ""
    pts = " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(px[ok], py[ok]))
    style = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="{width}"{style}/>'


def legend(names, x, y, dashes=()):
    """A one-row legend: a short line and the name for each series, from (x, y) to the right."""
    out = []
    for i, name in enumerate(names):
        color = LINE_COLORS[i % len(LINE_COLORS)]
        dash = f' stroke-dasharray="{dashes[i]}"' if i < len(dashes) and dashes[i] else ""
        out.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 14}" y2="{y - 4}" stroke="{color}" stroke-width="2"'
                   f'{dash}/><text x="{x + 17}" y="{y}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return "".join(out)


def chart(x, series, names, box, title="", log=False, dashes=(), xlabel="epoch"):
    """A line chart of ``series`` (each like ``x``) in ``box``: frame, ticks, title and legend.

    The y range covers the finite values (on a log scale: whole decades, values floored at
    1e-12); the x range starts at 0 and ends at the last x, at least 10.
    """
    x = np.asarray(x, dtype=float)
    ys = [np.asarray(s, dtype=float) for s in series]
    if log:
        ys = [np.clip(np.nan_to_num(s, nan=np.nan, posinf=1e12), 1e-12, 1e12) for s in ys]
    x, *ys = thin(x, *ys)
    finite = np.concatenate([s[np.isfinite(s)] for s in ys]) if ys else np.empty(0)
    if log:
        lo, hi = (finite.min(), finite.max()) if len(finite) else (1e-3, 1.0)
        y0, y1 = 10.0 ** np.floor(np.log10(lo)), 10.0 ** np.ceil(np.log10(hi) + 1e-9)
    elif len(finite):
        lo, hi = float(finite.min()), float(finite.max())
        pad = max(0.08 * (hi - lo), 1e-3 * max(abs(hi), 1e-9))
        y0, y1 = (min(lo - pad, 0.0) if lo >= 0 else lo - pad), hi + pad
    else:
        y0, y1 = 0.0, 1.0
    bounds = ((0.0, max(float(x[-1]) if len(x) else 0.0, 10.0)), (y0, y1))
    left, top, width, height = box
    out = [frame(bounds, box, log=log, xlabel=xlabel),
           f'<text x="{left}" y="{top - 6}" style="font-size:12px;font-weight:bold">{escape(title)}</text>']
    for i, s in enumerate(ys):
        px, py = to_pixels(x, s, bounds, box, log)
        out.append(polyline(px, py, LINE_COLORS[i % len(LINE_COLORS)], dash=dashes[i] if i < len(dashes) else None))
    out.append(legend(names, left + width - sum(24 + 7 * len(n) for n in names) + 10, top - 6, dashes))
    return "".join(out)
