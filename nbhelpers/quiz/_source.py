"""Rules about how an answer is written, read from its syntax tree.

Comments and docstrings are not code: a rule that reads the text would flag a
docstring that mentions ``tanh(z)``. These rules walk :mod:`ast` nodes instead, and
follow aliases (``from numpy import tanh as th``, ``th = np.tanh``).
"""
import ast
import inspect
import textwrap


def _parse(text):
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError):
        return None


def _aliases(tree, names):
    """Names bound at the top level of ``tree`` to one of ``names``."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            bound |= {a.asname or a.name for a in node.names if a.name in names}
        elif isinstance(node, ast.Assign) and _mentions(node.value, names, bound):
            bound |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return bound


def _mentions(node, names, aliases=()):
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr in names:
            return True
        if isinstance(sub, ast.Name) and (sub.id in names or sub.id in aliases):
            return True
        if isinstance(sub, ast.ImportFrom) and any(a.name in names for a in sub.names):
            return True
    return False


def _function(tree, name):
    found = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and getattr(node, "name", name) == name:
            found = node
    return found


def uses_any(func, names):
    """True if the code of ``func`` refers to one of ``names`` (a function, attribute or alias of one).

    ``func`` is a local function, or a remote answer carrying the submission's code
    (``_nbgrade_source``) and its name (``_nbgrade_name``).
    """
    names = set(names)
    module_text = getattr(func, "_nbgrade_source", None)
    if module_text is not None:
        tree = _parse(module_text)
        node = _function(tree, func._nbgrade_name) if tree else None
        return bool(node) and _mentions(node, names, _aliases(tree, names))
    try:
        tree = _parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError):
        return False
    if tree is None:
        return False
    if _mentions(tree, names, _aliases(tree, names)):
        return True
    banned = [getattr(mod, n, None) for n in names for mod in _modules()]
    glob = getattr(func, "__globals__", {})
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    return any(any(glob.get(u) is b for b in banned if b is not None) for u in used)


def _modules():
    import math

    import numpy as np

    return (np, math)
