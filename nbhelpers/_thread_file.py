"""The student's library file ``my_network.py`` as text: reading, writing, parsing and composing it.

The file holds a header comment, import lines, any code the reader added, and one ``def``
per piece in the order of the pieces. :func:`source_of` turns a function from the notebook
into the source of such a ``def``, :func:`needs` finds the import lines it needs, and
:func:`parse` / :func:`compose` take the file apart and put it back together, keeping what
the reader added. The piece names come from the caller; nothing here runs the file.

Used by :mod:`nbhelpers.thread`.
"""
import ast
import dis
import inspect
import os
import re
import sys
import textwrap
import types

HEADER = ("# Your network library, one function per piece, written in the notebooks of the course.\n"
          "# nbhelpers.quiz.check saves a piece here when it passes; nbhelpers.load_my_network() loads them.\n")


def source_of(func, name):
    """The dedented source of a ``def`` named ``name`` (renamed if the reader called it otherwise), or None."""
    if not inspect.isfunction(func) or func.__name__ == "<lambda>":
        return None
    try:
        source = textwrap.dedent(inspect.getsource(func))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):
        return None
    node = tree.body[0] if tree.body else None
    if not isinstance(node, ast.FunctionDef) or node.name != func.__name__:
        return None
    lines = source.splitlines()
    lines[node.lineno - 1] = re.sub(rf"\bdef\s+{node.name}\b", f"def {name}", lines[node.lineno - 1], count=1)
    return "\n".join(lines).rstrip() + "\n"


def needs(func, pieces):
    """Import lines for the modules and library functions ``func`` uses, and the names it needs that no import gives.

    Names among ``pieces`` are left out: the file defines them.
    """
    used, codes = set(), [func.__code__]
    while codes:  # the function's own code and the code nested in it (lambdas, inner functions)
        code = codes.pop()
        used.update(i.argval for i in dis.get_instructions(code) if i.opname in ("LOAD_GLOBAL", "LOAD_NAME"))
        codes.extend(c for c in code.co_consts if isinstance(c, types.CodeType))
    lines, missing = [], []
    for name in sorted(used & set(func.__globals__) - set(pieces)):
        value = func.__globals__[name]
        module, own = getattr(value, "__module__", None), getattr(value, "__name__", name)
        if not module:  # numpy's ufuncs before numpy 2.2 name no module: find the one that holds them
            module = next((m for m in ("numpy", "math") if getattr(sys.modules.get(m), own, None) is value), None)
        alias = "" if own == name else f" as {name}"
        if isinstance(value, types.ModuleType):
            lines.append(f"import {own}{alias}")
        elif module and module != "__main__" and getattr(sys.modules.get(module), own, None) is value:
            lines.append(f"from {module} import {own}{alias}")
        else:
            missing.append(name)
    return lines, missing


def read(file):
    """The file's text, or "" if there is no file."""
    if not os.path.exists(file):
        return ""
    with open(file, encoding="utf-8") as fh:
        return fh.read()


def write(file, text):
    """Write through a temporary file, so that an interrupted save never leaves half a library."""
    folder = os.path.dirname(file)
    if folder:
        os.makedirs(folder, exist_ok=True)
    partial = f"{file}.partial"
    with open(partial, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(partial, file)


def parse(text, pieces):
    """The file's import lines, its other top-level code, and its pieces by name (each with the comments above it).

    A top-level ``def`` whose name is among ``pieces`` is a piece; raises SyntaxError if ``text`` is not Python.
    """
    tree = ast.parse(text)
    lines = text.splitlines()
    header = set(HEADER.splitlines())
    imports, extras, found = ["import numpy as np"], [], {}
    for node in tree.body:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        segment = lines[start - 1:node.end_lineno]
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports += [line for line in segment if line not in imports]
            continue
        while start > 1 and lines[start - 2].startswith("#") and lines[start - 2] not in header:
            start -= 1
            segment.insert(0, lines[start - 1])
        block = "\n".join(segment) + "\n"
        if isinstance(node, ast.FunctionDef) and node.name in pieces:
            found[node.name] = block
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):  # not a docstring
            extras.append(block)
    return imports, extras, found


def compose(imports, extras, found, pieces):
    """The file's text: the header, the imports, the reader's other code, then the pieces in the order of ``pieces``."""
    blocks = ["\n".join(imports) + "\n", *extras, *(found[name] for name in pieces if name in found)]
    return HEADER + "\n\n".join(blocks)
