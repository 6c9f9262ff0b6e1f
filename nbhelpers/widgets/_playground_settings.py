"""The playground's settings, state strings and data: everything but the widget.

Used by :mod:`nbhelpers.widgets.playground`.
"""
import numpy as np


DATASETS = ("AND", "OR", "XOR", "RING", "moons", "circles", "spiral", "blobs2", "blobs3", "blobs4", "SIN", "ABS")
REGRESSION = ("SIN", "ABS")
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1x2", "sinx1", "sinx2")
_FEATURE_LABELS = {"x1": "x\u2081", "x2": "x\u2082", "x1^2": "x\u2081\u00b2", "x2^2": "x\u2082\u00b2",
                   "x1x2": "x\u2081x\u2082", "sinx1": "sin x\u2081", "sinx2": "sin x\u2082"}
ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu", "elu", "softplus", "identity")
OUTPUTS = {  # name -> (output, loss)
    "sigmoid+SE": ("sigmoid", "squared_error"),
    "sigmoid+CE": ("sigmoid", "binary_cross_entropy"),
    "softmax+CE": ("softmax", "categorical_cross_entropy"),
    "linear+SE": ("identity", "squared_error"),
}
INITS = ("xavier", "uniform", "he")
BATCHES = (1, 2, 4, 8, 16, 32, 0)  # 0 = the full batch
ALPHAS = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
SPEEDS = (1, 5, 25)
# Each generator's own noise parameter for the slider's value 1.0.
_NOISE_SCALE = {"moons": 1.0, "circles": 0.5, "spiral": 1.0, "SIN": 2.0, "ABS": 2.0,
                "blobs2": 4.0, "blobs3": 4.0, "blobs4": 4.0}

DEFAULTS = dict(data="XOR", noise=0.2, test=0.3, dseed=0, features=("x1", "x2"), hidden=(4, 2),
                activation="tanh", output="sigmoid+CE", init="xavier", lr=0.1, batch=8, alpha=0.0,
                momentum=0.0, anneal=1.0, seed=0, discretize=False, speed=1)


# ---------------------------------------------------------------------- settings
def n_classes(data):
    """Classes of a data set (0 for regression)."""
    if data in REGRESSION:
        return 0
    return int(data[-1]) if data.startswith("blobs") else 2


def sanitize(settings):
    """Complete and correct a settings dict so every combination is a valid experiment.

    Regression data forces the linear output and the x1-only features; more than
    two classes force softmax; an empty feature set falls back to x1 (and x2).
    """
    from .._validation import check_choice

    s = dict(DEFAULTS, **settings)
    check_choice("data", s["data"], DATASETS)
    check_choice("activation", s["activation"], ACTIVATIONS)
    check_choice("output", s["output"], tuple(OUTPUTS))
    check_choice("init", s["init"], INITS)
    s["noise"] = float(np.clip(float(s["noise"]), 0.0, 1.0))
    s["test"] = float(np.clip(float(s["test"]), 0.1, 0.9))
    s["lr"] = float(np.clip(float(s["lr"]), 1e-4, 10.0))
    s["momentum"] = float(np.clip(float(s["momentum"]), 0.0, 0.95))
    s["anneal"] = float(np.clip(float(s["anneal"]), 0.9, 1.0))
    s["batch"] = min(BATCHES, key=lambda b: abs((b or 10**6) - (int(s["batch"]) or 10**6)))
    s["alpha"] = min(ALPHAS, key=lambda a: abs(a - float(s["alpha"])))
    s["speed"] = min(SPEEDS, key=lambda v: abs(v - int(s["speed"])))
    s["dseed"], s["seed"] = int(s["dseed"]), int(s["seed"])
    s["discretize"] = bool(s["discretize"])
    hidden = tuple(int(np.clip(int(h), 1, 8)) for h in s["hidden"])[:4]
    s["hidden"] = hidden
    feats = [f for f in FEATURES if f in set(s["features"])]
    unknown = set(s["features"]) - set(FEATURES)
    if unknown:
        raise ValueError(f"features must be among {', '.join(FEATURES)}. Got {sorted(unknown)} instead.")
    k = n_classes(s["data"])
    if k == 0:
        feats = [f for f in feats if "2" not in f.replace("^2", "")] or ["x1"]
        s["output"] = "linear+SE"
    else:
        feats = feats or ["x1", "x2"]
        if k > 2:
            s["output"] = "softmax+CE"
        elif s["output"] == "linear+SE":
            s["output"] = "sigmoid+CE"
    s["features"] = tuple(feats)
    return s


def format_state(s):
    """A settings dict as the one-line state string (see :meth:`Playground.state`)."""
    parts = [
        f"data={s['data']}", f"noise={s['noise']:g}", f"test={s['test']:g}", f"dseed={s['dseed']}",
        "x=" + "+".join(s["features"]), "hidden=" + ("-".join(map(str, s["hidden"])) or "0"),
        f"act={s['activation']}", f"out={s['output']}", f"init={s['init']}", f"lr={s['lr']:.4g}",
        f"batch={s['batch'] or 'all'}", f"alpha={s['alpha']:g}", f"momentum={s['momentum']:g}",
        f"anneal={s['anneal']:g}", f"seed={s['seed']}", f"discretize={int(s['discretize'])}",
        f"speed={s['speed']}",
    ]
    return ",".join(parts)


_KEYS = {"x": "features", "act": "activation", "out": "output"}


def parse_state(state):
    """The settings dict of a state string; unknown keys or values raise ValueError."""
    if not isinstance(state, str):
        raise TypeError(f"state must be a string from Playground.state(). Got {type(state).__name__} instead.")
    s = {}
    for part in filter(None, (p.strip() for p in state.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"state parts must look like key=value. Got {part!r} instead.")
        key = _KEYS.get(key, key)
        if key not in DEFAULTS:
            raise ValueError(f"state key must be one of {', '.join(DEFAULTS)}. Got {key!r} instead.")
        if key == "features":
            s[key] = tuple(filter(None, value.split("+")))
        elif key == "hidden":
            s[key] = () if value in ("0", "") else tuple(int(h) for h in value.split("-"))
        elif key == "batch":
            s[key] = 0 if value == "all" else int(value)
        elif key in ("dseed", "seed", "speed"):
            s[key] = int(value)
        elif key == "discretize":
            s[key] = value not in ("0", "False", "false")
        elif key in ("noise", "test", "lr", "alpha", "momentum", "anneal"):
            s[key] = float(value)
        else:
            s[key] = value
    return sanitize(s)


# ---------------------------------------------------------------------- data
def make_data(s):
    """(X_train, y_train, X_test, y_test) in the original 2-D (or 1-D) input space."""
    from .. import datasets as ds

    name, rs = s["data"], 123 + s["dseed"]
    noise = s["noise"] * _NOISE_SCALE.get(name, 1.0)
    if name in ("AND", "OR", "XOR", "RING"):
        X, y = ds.logic_gate_data(name, n_per_class=50, noise=s["noise"], random_state=rs)
    elif name == "moons":
        X, y = ds.make_moons(n=200, noise=noise, random_state=rs)
    elif name == "circles":
        X, y = ds.make_circles(n=200, noise=noise, random_state=rs)
    elif name == "spiral":
        X, y = ds.make_spiral(n=240, noise=noise, random_state=rs)
    elif name.startswith("blobs"):
        X, y = ds.make_blobs(n=200, n_classes=int(name[-1]), noise=max(noise, 0.05), random_state=rs)
    else:
        X, y = ds.regression_data(name, n=100, noise=noise, random_state=rs)
    X_train, X_test, y_train, y_test = ds.train_test_split(X, y, test_size=s["test"], random_state=s["dseed"])
    return X_train, y_train, X_test, y_test


def features(X, names):
    """The chosen input features of raw inputs X (columns x1 and, for 2-D data, x2)."""
    x1 = X[:, 0]
    x2 = X[:, 1] if X.shape[1] > 1 else None
    table = {"x1": lambda: x1, "x2": lambda: x2, "x1^2": lambda: x1 * x1, "x2^2": lambda: x2 * x2,
             "x1x2": lambda: x1 * x2, "sinx1": lambda: np.sin(x1), "sinx2": lambda: np.sin(x2)}
    return np.column_stack([table[n]() for n in names])
