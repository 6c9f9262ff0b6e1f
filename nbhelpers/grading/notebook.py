"""Reading a submission: any nbformat version, or a clear reason why not."""
import ast
import json
import sys
from pathlib import Path

INTERNALS = ("nbhelpers.quiz._catalogue", "nbhelpers.grading", "nbhelpers.quiz._core", "nbhelpers.quiz._runner")


def load_nbformat():
    """nbformat, imported without jsonschema's optional IRI checker.

    jsonschema imports ``rfc3987_syntax`` when it is installed, which builds a grammar
    at import time (about 1.5 s of CPU); notebook validation never checks IRIs. The
    grader imports nbformat in its main process only, so this touches no student code.
    """
    if "nbformat" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # None: `import` raises ImportError, which jsonschema expects
    import nbformat

    return nbformat


def read(path):
    """The code cells' sources of a submission, or ``(None, reason)``.

    nbformat 3 and every 4.x are upgraded to the current 4.x first; outputs are
    never read (a 50 MB output only costs the time to parse it).
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read the file ({type(exc).__name__})"
    if not text.strip():
        return None, "the file is empty"
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return None, f"not JSON ({getattr(exc, 'msg', 'too deeply nested')})"
    if not isinstance(data, dict) or "nbformat" not in data:
        return None, "JSON, but not a notebook (no nbformat)"
    try:
        nb = load_nbformat().reads(json.dumps(data), as_version=4)
    except Exception as exc:  # noqa: BLE001 - any failure to upgrade is a reason in the CSV
        return None, f"not a notebook nbformat can read ({type(exc).__name__})"
    cells = []
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "code" and isinstance(source, str):
            cells.append(source)
    return cells, ""


def python_source(cells):
    """The cells as one Python module (magics turned into calls; cells that do not parse left out)."""
    from IPython.core.inputtransformer2 import TransformerManager

    manager, parts = TransformerManager(), []
    for cell in cells:
        try:
            code = manager.transform_cell(cell)
            ast.parse(code)
        except Exception:  # noqa: BLE001 - a cell with a syntax error defines nothing
            continue
        parts.append(code)
    return "\n".join(parts)


def flags(source):
    """Things an instructor should look at: imports of the course's exercise internals."""
    found = set()
    tree = ast.parse(source) if source else None
    for node in ast.walk(tree) if tree else []:
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value]
        if any(n.startswith(INTERNALS) or "_catalogue" in n for n in names):
            found.add("imports_exercise_internals")
    return sorted(found)
