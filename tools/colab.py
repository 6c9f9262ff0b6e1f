"""Put the "Open in Colab" badge and the Colab install cell into every notebook.

The repository and the ref that Colab installs from are set here, in one place.
After changing them run ``python tools/colab.py`` (it rewrites every notebook) and
re-execute the notebooks; ``python tools/colab.py --check`` only reports which
notebooks are out of date (a test runs it).

The install cell runs only in Colab. It installs ``nbhelpers`` (with the course
data inside the wheel) with ``--no-deps``, so nothing Colab ships is upgraded, and
never asks for Google Drive. Elsewhere it does nothing and prints nothing.
Setting ``NBH_COURSE_SOURCE`` to a pip requirement makes the cell act as in
Colab with that source: the Colab-pinned test run uses it to exercise the cell.
"""
import argparse
import hashlib
import json
import sys
from pathlib import Path

REPOSITORY = "nn-from-scratch/course"  # owner/name on GitHub
REF = "main"                            # branch, tag or commit that Colab installs

ROOT = Path(__file__).resolve().parents[1]
BADGE_MARK = "<!-- colab-badge -->"
README_BADGES = ("<!-- badges -->", "<!-- /badges -->")
INSTALL_MARK = "# Colab set-up"


def badge_source(nb_name):
    url = f"https://colab.research.google.com/github/{REPOSITORY}/blob/{REF}/notebooks/{nb_name}"
    return (
        f"{BADGE_MARK}\n"
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"
    )


def readme_badges():
    """The README's badge block: Colab on the welcome notebook, Binder on JupyterLab."""
    colab_url = f"https://colab.research.google.com/github/{REPOSITORY}/blob/{REF}/notebooks/00_welcome.ipynb"
    binder_url = f"https://mybinder.org/v2/gh/{REPOSITORY}/{REF}?urlpath=lab/tree/notebooks/00_welcome.ipynb"
    return (
        f"{README_BADGES[0]}\n"
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url})\n"
        f"[![Launch Binder](https://mybinder.org/badge_logo.svg)]({binder_url})\n"
        f"{README_BADGES[1]}"
    )


def readme_with_badges(text):
    """``text`` with its badge block replaced by the current one."""
    start, end = text.index(README_BADGES[0]), text.index(README_BADGES[1]) + len(README_BADGES[1])
    return text[:start] + readme_badges() + text[end:]


def install_source():
    return (
        f"{INSTALL_MARK}: in Google Colab, install the course's helper package (a few seconds).\n"
        "# Anywhere else this cell does nothing.\n"
        "import os, sys\n"
        "if \"google.colab\" in sys.modules or \"NBH_COURSE_SOURCE\" in os.environ:\n"
        f"    _source = os.environ.get(\"NBH_COURSE_SOURCE\", \"nbhelpers @ git+https://github.com/{REPOSITORY}@{REF}\")\n"
        "    %pip install --quiet --no-deps \"{_source}\""
    )


def _cell(cell_type, source):
    # nbformat 4.5 wants a cell id; derive it from the source so reruns give the same file.
    cell_id = hashlib.sha1(source.encode()).hexdigest()[:8]
    cell = {"cell_type": cell_type, "id": cell_id, "metadata": {}, "source": source.splitlines(keepends=True)}
    if cell_type == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _text(cell):
    return "".join(cell["source"])


def apply(nb, nb_name):
    """Return ``nb`` with the current badge first and the install cell before the first code cell."""
    cells = [c for c in nb["cells"] if BADGE_MARK not in _text(c) and not _text(c).startswith(INSTALL_MARK)]
    first_code = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    cells.insert(first_code, _cell("code", install_source()))
    cells.insert(0, _cell("markdown", badge_source(nb_name)))
    # Keep the stored outputs of an install cell that is already up to date.
    old = {(_text(c)): c for c in nb["cells"]}
    nb["cells"] = [old.get(_text(c), c) for c in cells]
    return nb


def is_current(nb, nb_name):
    cells = nb["cells"]
    codes = [c for c in cells if c["cell_type"] == "code"]
    return bool(cells) and _text(cells[0]) == badge_source(nb_name) and bool(codes) and _text(codes[0]) == install_source()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    stale = []
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        if is_current(nb, path.name):
            continue
        stale.append(path)
        if not args.check:
            path.write_text(json.dumps(apply(nb, path.name), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    readme = ROOT / "README.md"
    if not args.notebooks and readme_with_badges(readme.read_text(encoding="utf-8")) != readme.read_text(encoding="utf-8"):
        stale.append(readme)
        if not args.check:
            readme.write_text(readme_with_badges(readme.read_text(encoding="utf-8")), encoding="utf-8")
    verb = "out of date" if args.check else "rewritten (re-execute the notebooks)"
    for path in stale:
        print(f"{path.name}: {verb}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
