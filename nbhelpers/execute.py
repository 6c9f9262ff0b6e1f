"""Re-execute course notebooks in a fresh kernel, top to bottom, and store the outputs.

nbval later compares every stored output strictly, so a notebook must be executed
in exactly this way after any change that alters what it shows::

    python -m nbhelpers.execute notebooks/*.ipynb     # or: make execute-notebooks

Each notebook runs in its own fresh kernel of the current Python environment, in
its own folder, with ``MPLBACKEND`` unset so the inline backend is used, and with
``NBHELPERS_MY_NETWORK`` pointing into an empty temporary folder: the stored outputs
show a fresh student's run, never a ``my_network.py`` that happens to lie next to the
notebooks.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def execute_notebook(path, timeout=600, kernel_name="python3"):
    """Execute the notebook at ``path`` in place; return the seconds it took.

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell fails (the notebook is not written then).
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    saved = {name: os.environ.pop(name, None) for name in ("MPLBACKEND", "NBHELPERS_MY_NETWORK")}
    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as empty:
            os.environ["NBHELPERS_MY_NETWORK"] = os.path.join(empty, "my_network.py")
            NotebookClient(
                nb, timeout=timeout, kernel_name=kernel_name,
                resources={"metadata": {"path": str(path.parent)}},
            ).execute()
    finally:
        for name, value in saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value
    seconds = time.perf_counter() - start
    nbformat.write(nb, path)
    return seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    args = parser.parse_args(argv)
    failed = []
    for path in args.notebooks:
        try:
            seconds = execute_notebook(path, timeout=args.timeout)
            print(f"{path}: executed in {seconds:.1f} s")
        except Exception as exc:  # report every notebook, then fail
            failed.append(path)
            print(f"{path}: FAILED\n{exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
