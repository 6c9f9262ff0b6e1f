"""Small data sets: truth tables, the blog's noisy gates and curves, 2-D toy
problems, and the CSV files of ``data/``.

Everything is generated with a seeded ``np.random.default_rng``, so the same
call gives the same numbers on every machine. Numpy only, except :func:`load_digits`,
which reads the handwritten digits that ship with scikit-learn (offline).

Used in: 01_logistic_neuron to 11, wherever a notebook needs data.

Examples
--------
>>> X, y = truth_table("XOR")
>>> X.tolist(), y.tolist()
([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0])
"""
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ._validation import check_choice, check_float, check_int, check_X_y

_CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
_GATES = {
    "AND": [0, 0, 0, 1],
    "OR": [0, 1, 1, 1],
    "NAND": [1, 1, 1, 0],
    "NOR": [1, 0, 0, 0],
    "XOR": [0, 1, 1, 0],
}
# RING: the four corners and the four edge midpoints are class 1, the centre is class 0.
_RING_X = np.vstack([_CORNERS, [[0.5, 0.5], [1.0, 0.5], [0.0, 0.5], [0.5, 0.0], [0.5, 1.0]]])
_RING_Y = np.array([1, 1, 1, 1, 0, 1, 1, 1, 1])


def truth_table(gate):
    """The noiseless truth table of a logic gate.

    Parameters
    ----------
    gate : {"AND", "OR", "NOT", "NAND", "NOR", "XOR"}

    Returns
    -------
    X : ndarray of int, shape (4, 2), or (2, 1) for NOT
        Rows 00, 01, 10, 11 (NOT: 0, 1).
    y : ndarray of int, shape (4,) or (2,)

    Examples
    --------
    >>> truth_table("NOT")[1].tolist()
    [1, 0]
    """
    gate = check_choice("gate", gate, ["AND", "OR", "NOT", "NAND", "NOR", "XOR"])
    if gate == "NOT":
        return np.array([[0], [1]]), np.array([1, 0])
    return _CORNERS.copy(), np.array(_GATES[gate])


def logic_gate_data(gate="XOR", n_per_class=50, noise=0.15, random_state=123):
    """Noisy copies of a gate's truth table, as in the blog's classification demos.

    Each row of the table (the 4 corners; for RING the 9 points of a 3x3 grid)
    is repeated ``n_per_class`` times, Gaussian noise of standard deviation
    ``noise`` is added, and the rows are shuffled.

    Parameters
    ----------
    gate : {"AND", "OR", "XOR", "RING"}, default="XOR"
        RING: class 0 at the centre (0.5, 0.5), surrounded by 8 points of class 1.
    n_per_class : int, default=50
        Noisy copies of each table row (so XOR has 2 * n_per_class points per class).
    noise : float, default=0.15
        Standard deviation of the noise (>= 0).
    random_state : int, default=123

    Returns
    -------
    X : ndarray of shape (4 * n_per_class, 2), or (9 * n_per_class, 2) for RING
    y : ndarray of int, shape (n_samples,)

    Examples
    --------
    >>> X, y = logic_gate_data("RING", n_per_class=10)
    >>> X.shape, int(y.sum())
    ((90, 2), 80)
    """
    gate = check_choice("gate", gate, ["AND", "OR", "XOR", "RING"])
    n_per_class = check_int("n_per_class", n_per_class, low=1)
    noise = check_float("noise", noise, low=0)
    rng = np.random.default_rng(check_int("random_state", random_state))
    table, labels = (_RING_X, _RING_Y) if gate == "RING" else (_CORNERS, np.array(_GATES[gate]))
    X = np.tile(table, (n_per_class, 1)) + noise * rng.standard_normal((n_per_class * len(table), 2))
    y = np.tile(labels, n_per_class)
    order = rng.permutation(len(y))
    return X[order], y[order]


def regression_data(kind="SIN", n=100, noise=0.5, random_state=123):
    """Noisy samples of a curve on [-5, 5], as in the blog's regression demos.

    ``x`` is evenly spaced on [-5, 5]; ``y = f(x) + noise * N(0, 1)`` with
    SIN: f(x) = 2.5 + sin(x), ABS: f(x) = |x|. The samples are shuffled.

    Returns
    -------
    X : ndarray of shape (n, 1)
    y : ndarray of shape (n,)

    Examples
    --------
    >>> X, y = regression_data("ABS", n=50)
    >>> X.shape, y.shape
    ((50, 1), (50,))
    """
    kind = check_choice("kind", kind, ["SIN", "ABS"])
    n = check_int("n", n, low=2)
    noise = check_float("noise", noise, low=0)
    rng = np.random.default_rng(check_int("random_state", random_state))
    x = np.linspace(-5.0, 5.0, n)
    f = 2.5 + np.sin(x) if kind == "SIN" else np.abs(x)
    y = f + noise * rng.standard_normal(n)
    order = rng.permutation(n)
    return x[order, None], y[order]


def _sizes(n, k):
    """Split n samples into k class sizes that differ by at most one."""
    return [n // k + (i < n % k) for i in range(k)]


def _start(n, noise, random_state, n_classes=2):
    n = check_int("n", n, low=n_classes)
    noise = check_float("noise", noise, low=0)
    return n, noise, np.random.default_rng(check_int("random_state", random_state))


def _finish(parts, noise, rng):
    X = np.vstack([p for p, _ in parts])
    y = np.concatenate([np.full(len(p), label) for p, label in parts])
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(len(y))
    return X[order], y[order]


def make_moons(n=200, noise=0.1, random_state=0):
    """Two interleaving half circles: class 0 on top, class 1 below and shifted.

    Returns ``(X, y)`` with X of shape (n, 2) and integer labels 0/1, shuffled.
    """
    n, noise, rng = _start(n, noise, random_state)
    n0, n1 = _sizes(n, 2)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    top = np.column_stack([np.cos(t0), np.sin(t0)])
    bottom = np.column_stack([1 - np.cos(t1), 0.5 - np.sin(t1)])
    return _finish([(top, 0), (bottom, 1)], noise, rng)


def make_circles(n=200, noise=0.05, factor=0.5, random_state=0):
    """Two concentric circles: class 0 outside (radius 1), class 1 inside (radius ``factor``)."""
    n, noise, rng = _start(n, noise, random_state)
    factor = check_float("factor", factor, low=0, high=1, low_inclusive=False)
    n0, n1 = _sizes(n, 2)
    t0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    outer = np.column_stack([np.cos(t0), np.sin(t0)])
    inner = factor * np.column_stack([np.cos(t1), np.sin(t1)])
    return _finish([(outer, 0), (inner, 1)], noise, rng)


def make_spiral(n=200, noise=0.2, n_classes=2, random_state=0):
    """Interleaved spiral arms, one per class; each arm turns once and a half.

    The noise is added to the angle (in radians), so the arms stay arms.
    """
    n_classes = check_int("n_classes", n_classes, low=2, high=4)
    n, noise, rng = _start(n, noise, random_state, n_classes)
    parts = []
    for k, size in enumerate(_sizes(n, n_classes)):
        r = np.linspace(0.05, 1.0, size)
        t = 3 * np.pi * r + 2 * np.pi * k / n_classes + noise * rng.standard_normal(size)
        parts.append((np.column_stack([r * np.sin(t), r * np.cos(t)]), k))
    return _finish(parts, 0.0, rng)


def make_blobs(n=200, n_classes=3, noise=1.0, random_state=0):
    """Gaussian blobs of standard deviation ``noise`` around centres on a circle of radius 4."""
    n_classes = check_int("n_classes", n_classes, low=2, high=4)
    n, noise, rng = _start(n, noise, random_state, n_classes)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes + np.pi / 4
    centres = 4.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    parts = [(np.tile(c, (size, 1)), k) for k, (c, size) in enumerate(zip(centres, _sizes(n, n_classes)))]
    return _finish(parts, noise, rng)


def train_test_split(X, y, test_size=0.25, random_state=0):
    """Shuffle and split into training and test sets (scikit-learn's order of outputs).

    Parameters
    ----------
    test_size : float in (0, 1) or int
        Fraction, or number, of samples in the test set. At least one sample
        stays on each side.

    Returns
    -------
    X_train, X_test, y_train, y_test

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = train_test_split(*make_moons(100))
    >>> len(X_train), len(X_test)
    (75, 25)
    """
    X, y = check_X_y(X, y)
    n = len(X)
    if n < 2:
        raise ValueError(f"X must have at least 2 samples to split. Got {n}.")
    if isinstance(test_size, (int, np.integer)) and not isinstance(test_size, bool):
        n_test = check_int("test_size", test_size, low=1, high=n - 1)
    else:
        frac = check_float("test_size", test_size, low=0, high=1, low_inclusive=False)
        if frac >= 1:
            raise ValueError(f"test_size must be < 1 as a fraction. Got {test_size!r} instead.")
        n_test = min(max(int(np.ceil(frac * n)), 1), n - 1)
    order = np.random.default_rng(check_int("random_state", random_state)).permutation(n)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def load_digits(test_size=0.25, random_state=0):
    """scikit-learn's 1,797 handwritten digits (8 x 8 pixels), scaled to [0, 1] and split.

    The images ship with scikit-learn, so nothing is downloaded. Pixels are counts from 0
    to 16; dividing by 16 puts every feature in [0, 1], the range sigmoid units like.

    Parameters
    ----------
    test_size : float in (0, 1) or int, default=0.25
    random_state : int, default=0
        Seed of the shuffle (see :func:`train_test_split`).

    Returns
    -------
    X_train, X_test : ndarray of shape (n, 64)
        One row per image, the 8 x 8 pixels row by row.
    y_train, y_test : ndarray of int
        The digit, 0 to 9.

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = load_digits()
    >>> X_train.shape, X_test.shape, float(X_train.max())
    ((1347, 64), (450, 64), 1.0)
    """
    from sklearn.datasets import load_digits as sklearn_digits  # late: scikit-learn is heavy to import

    digits = sklearn_digits()
    return train_test_split(digits.data / 16.0, digits.target, test_size=test_size, random_state=random_state)


# --- the CSV files of data/ -------------------------------------------------------------

# Where the CSV files are looked for, in order: inside the installed package (the wheel
# copies data/ to nbhelpers/_data), then data/ of a source checkout. Never the cwd.
_DATA_DIRS = [Path(__file__).resolve().parent / "_data", Path(__file__).resolve().parent.parent / "data"]

_KNOWN = {
    "players": (["height_cm", "weight_kg", "label"], ("volleyball", "basketball")),
    "overlapping": (["height_cm", "weight_kg", "label"], ("group A", "group B")),
}


@dataclass
class CSVData:
    """A table from ``data/``: features ``X``, labels ``y`` (the last column) and names.

    Unpacks like a tuple: ``X, y, feature_names = load_players()``.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: list
    target_name: str
    class_names: tuple
    path: Path

    def __iter__(self):
        return iter((self.X, self.y, self.feature_names))


def data_path(name):
    """The path of ``data/<name>.csv``, searched in the package first, then the checkout."""
    if not isinstance(name, str) or not name or "/" in name or "\\" in name:
        raise ValueError(f"name must be a file name such as 'players' or 'players.csv'. Got {name!r} instead.")
    filename = name if name.endswith(".csv") else name + ".csv"
    for folder in _DATA_DIRS:
        if (Path(folder) / filename).is_file():
            return Path(folder) / filename
    looked = ", ".join(str(d) for d in _DATA_DIRS)
    raise FileNotFoundError(f"data file {filename!r} not found. Looked in: {looked}.")


def load_csv(name):
    """Load ``data/<name>.csv``: numeric columns with a header, the last column the label.

    Parameters
    ----------
    name : str
        File name with or without ``.csv``: "players", "overlapping".

    Returns
    -------
    CSVData
        ``X`` (n, n_features) float, ``y`` (n,) int, ``feature_names``; unpacks to
        ``(X, y, feature_names)``.

    Raises
    ------
    FileNotFoundError
        If the file is in none of the data folders (the message lists them).
    ValueError
        If the header is wrong or a value is not a number (the message names file and line).

    Examples
    --------
    >>> X, y, names = load_csv("players")
    >>> names
    ['height_cm', 'weight_kg']
    """
    path = data_path(name)
    stem = path.stem
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise ValueError(f"{path}: line 1: the file is empty; expected a header line.")
    header = [h.strip() for h in rows[0]]
    expected, class_names = _KNOWN.get(stem, (None, ()))
    if expected is not None and header != expected:
        raise ValueError(f"{path}: line 1: header must be {','.join(expected)}. Got {','.join(header)} instead.")
    if len(header) < 2 or not all(h.isidentifier() for h in header):
        raise ValueError(f"{path}: line 1: header must be at least two column names. Got {rows[0]!r} instead.")
    values = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != len(header):
            raise ValueError(f"{path}: line {lineno}: expected {len(header)} values, got {len(row)}.")
        try:
            values.append([float(v) for v in row])
        except ValueError:
            raise ValueError(f"{path}: line {lineno}: non-numeric value in {row!r}.") from None
    if not values:
        raise ValueError(f"{path}: the file has a header but no data rows.")
    table = np.array(values)
    if not np.all(np.isfinite(table)):
        raise ValueError(f"{path}: contains nan or inf.")
    labels = table[:, -1]
    if not np.array_equal(labels, np.round(labels)):
        raise ValueError(f"{path}: the last column ({header[-1]}) must hold whole-number labels.")
    return CSVData(table[:, :-1], labels.astype(int), header[:-1], header[-1], class_names, path)


def load_players():
    """Basketball (label 1) vs volleyball (label 0) players by height and weight: linearly separable."""
    return load_csv("players")


def load_overlapping():
    """Two overlapping groups A (0) and B (1) by height and weight: not linearly separable."""
    return load_csv("overlapping")
