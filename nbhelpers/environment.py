"""What the course runs on: versions, front end, and what to do when something is off.

Used in: 00_welcome.
"""
import os
import sys
from importlib import metadata

# The oldest versions the course is tested with (what Google Colab ships, or older).
MINIMUM = {"numpy": "1.23", "matplotlib": "3.6", "ipywidgets": "7.6", "scikit-learn": "1.2"}
ADVICE = {
    "numpy": "pip install 'numpy>=1.23'",
    "matplotlib": "pip install 'matplotlib>=3.6'",
    "ipywidgets": "pip install 'ipywidgets>=7.6,<9'",
    "scikit-learn": "pip install 'scikit-learn>=1.2'",
}


def _version_tuple(text):
    parts = []
    for piece in text.split(".")[:3]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def front_end():
    """Best guess of where the notebook is shown: Colab, VS Code, Jupyter, or a plain Python."""
    if "google.colab" in sys.modules:
        return "Google Colab"
    if "VSCODE_PID" in os.environ or "VSCODE_CWD" in os.environ:
        return "VS Code"
    if os.environ.get("BINDER_SERVICE_HOST") or os.environ.get("BINDER_REQUEST"):
        return "Binder (JupyterLab)"
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
        return "Jupyter (JupyterLab or Notebook)"
    return "plain Python (no notebook front end)"


def report():
    """Collect versions and problems.

    Returns
    -------
    dict
        ``python``, ``versions`` ({package: version or None}), ``front_end``,
        ``backend`` (matplotlib's) and ``problems`` (a list of sentences, each
        saying what is off and what to do).
    """
    versions, problems = {}, []
    if sys.version_info < (3, 10):
        problems.append(f"Python {sys.version.split()[0]} is older than 3.10: install Python 3.10 or newer.")
    for package, minimum in MINIMUM.items():
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
            problems.append(f"{package} is not installed: {ADVICE[package]}")
            continue
        if _version_tuple(versions[package]) < _version_tuple(minimum):
            problems.append(f"{package} {versions[package]} is older than {minimum}: {ADVICE[package]}")
    backend = None
    if "matplotlib" in sys.modules or versions.get("matplotlib"):
        import matplotlib

        backend = matplotlib.get_backend()
        if "inline" not in backend.lower() and "ipympl" not in backend.lower() and front_end().startswith(("Jupyter", "Google", "VS", "Binder")):
            problems.append(
                f"matplotlib uses the {backend!r} backend, which cannot show figures in a notebook: "
                "run %matplotlib inline in a cell."
            )
    return {
        "python": sys.version.split()[0],
        "versions": versions,
        "front_end": front_end(),
        "backend": backend,
        "problems": problems,
    }


def check():
    """Print the environment report in plain words (use :func:`report` for the values)."""
    info = report()
    print(f"Front end    : {info['front_end']}")
    print(f"Python       : {info['python']}")
    for package, version in info["versions"].items():
        print(f"{package:<13}: {version or 'missing'}")
    print(f"matplotlib backend: {info['backend']}")
    if info["problems"]:
        print("\nSomething needs attention:")
        for problem in info["problems"]:
            print(" -", problem)
    else:
        print("\nEverything the course needs is here.")
    print(
        "If the sliders below show as text like 'HBox(children=...)' instead of controls, "
        "the widget front end is missing: in JupyterLab or Notebook 7 install ipywidgets "
        "into the environment that runs Jupyter itself and reload the page."
    )
