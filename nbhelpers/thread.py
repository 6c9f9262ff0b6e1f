"""The reader's own network library, written one function at a time across the notebooks.

Every piece of :data:`THREAD` is an exercise. When ``nbhelpers.quiz.check`` passes one,
:func:`save_piece` writes the function's source into ``my_network.py`` in the current
folder (the one next to the notebook), or into the file named by the environment
variable ``NBHELPERS_MY_NETWORK``, replacing its earlier version. A later notebook calls
:func:`load_my_network`: each piece comes from that file if it still passes its check,
and from the course otherwise. On Colab every notebook runs on a machine of its own:
:func:`download_my_network` and :func:`upload_my_network` carry the file along.

A graded run (``NBHELPERS_GRADING=1``) never saves, and uses the file's pieces unchecked.
The file's text (parsing, composing, writing) is handled by :mod:`nbhelpers._thread_file`.

Used in: 04_activation_functions to 09_softmax.
"""
import contextlib
import inspect
import io
import os
import sys
import types

from ._thread_file import HEADER  # noqa: F401 - the file's first lines, public as thread.HEADER
from ._thread_file import compose, needs, parse, read, source_of, write

# The pieces, in the order of the file, and the notebook that teaches each.
THREAD = {
    "sigmoid": "04_activation_functions",
    "sigmoid_prime": "04_activation_functions",
    "dense_forward": "05_multilayer_networks",
    "forward_pass": "05_multilayer_networks",
    "se_output": "06_backpropagation",
    "backward": "06_backpropagation",
    "numerical_gradient": "06_backpropagation",
    "init_params": "06_backpropagation",
    "sgd_step": "06_backpropagation",
    "train": "06_backpropagation",
    "softmax_ce_output": "09_softmax",
}
FILENAME = "my_network.py"
ENV = "NBHELPERS_MY_NETWORK"

# Everything the module prints, in one place.
SAY = {
    "saved": "Saved your {name} to {file}; later notebooks use it.",
    "needs": "Note: your {name} also uses {names} from this notebook, which {file} does not have: "
             "define {them} inside {name}.",
    "unreadable": "Your {name} passed, but its source cannot be read (a lambda or a built-in?), so it is not "
                  "saved to {file}: write it as a def in a cell.",
    "unparsable": "Your {name} is not saved: {file} has a syntax error ({error}). Fix or delete the file.",
    "unwritable": "Your {name} is not saved: {file} cannot be written ({error}).",
    "no_file": "No {file} yet: every piece comes from the course. Pass the checks of {notebooks} to use your own.",
    "broken": "{file} could not run ({error}): every piece comes from the course. Fix or delete the file.",
    "yours": "From you: {names}.",
    "course": "From the course: {groups}.",
    "failing": "yours does not pass its check yet",
    "failing_many": "yours do not pass their checks yet",
    "missing": "not written yet",
    "graded": "Graded run: the pieces of {file} are used unchecked: {names}.",
    "graded_missing": "Not in {file} (calling one raises NotImplementedError): {names}.",
    "not_written": "{name} is not in {file} yet: write it in notebook {notebook} and pass its check there.",
    "where": "Your library is the file {path}, next to this notebook; nothing to download here.",
    "none_yet": "There is no {file} yet: passing a check of the notebooks 04-09 writes it.",
    "uploaded": "Saved the uploaded {name} as {file}; load_my_network() uses it.",
    "nothing_uploaded": "Nothing was uploaded.",
    "local": "Not on Colab: the {file} next to this notebook is used{state}.",
}


def _file():
    """The library's path: $NBHELPERS_MY_NETWORK, or my_network.py in the current folder."""
    return os.environ.get(ENV) or FILENAME


def _on_colab():
    return "google.colab" in sys.modules


def _names(names):
    return ", ".join(names)


# --------------------------------------------------------------------------- saving
def save_piece(name, answer):
    """Save ``answer``, which has just passed the check of piece ``name``, into the library file.

    Only functions written in the notebook itself (module ``__main__``) are saved: a function
    imported from a file is in a file already. Prints one line (two if the function needs a
    name from the notebook that the file will not have). Never raises.

    Parameters
    ----------
    name : str
        The piece, one of :data:`THREAD` (other exercise ids are ignored).
    answer : function
        The reader's function.

    Returns
    -------
    bool
        True if the file was written.

    Examples
    --------
    >>> save_piece("relu", abs)   # not a piece of the library: nothing happens
    False
    """
    from .quiz._core import grading

    if name not in THREAD or grading():
        return False
    if inspect.isfunction(answer) and answer.__module__ != "__main__":
        return False
    file = _file()
    source = source_of(answer, name)
    if source is None:
        print(SAY["unreadable"].format(name=name, file=os.path.basename(file)))
        return False
    try:
        imports, extras, pieces = parse(read(file), THREAD)
    except SyntaxError as exc:
        print(SAY["unparsable"].format(name=name, file=os.path.basename(file), error=f"line {exc.lineno}: {exc.msg}"))
        return False
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(SAY["unwritable"].format(name=name, file=os.path.basename(file), error=exc))
        return False
    pieces[name] = source
    needed, missing = needs(answer, THREAD)
    imports += [line for line in needed if line not in imports]
    try:
        write(file, compose(imports, extras, pieces, THREAD))
    except OSError as exc:
        print(SAY["unwritable"].format(name=name, file=os.path.basename(file), error=exc))
        return False
    print(SAY["saved"].format(name=name, file=os.path.basename(file)))
    if missing:
        them = "them" if len(missing) > 1 else "it"
        print(SAY["needs"].format(name=name, names=_names(missing), file=os.path.basename(file), them=them))
    return True


# --------------------------------------------------------------------------- loading
class MyNetwork(types.SimpleNamespace):
    """The library's pieces, one attribute each; ``mine`` and ``course`` say where they came from."""

    def __repr__(self):
        return f"MyNetwork(from you: {_names(self.mine) or 'none'}; from the course: {_names(self.course) or 'none'})"


def load_my_network(pieces=None):
    """The library's pieces: the reader's from my_network.py where they pass their checks, the course's otherwise.

    Runs the file (any error in it: one line, then every piece from the course), checks each of
    its pieces quietly with the exercise's checker, and puts the piece used into the file's
    globals, so that the reader's ``train`` calls the course's ``backward`` when theirs does not
    pass yet. Prints at most two lines saying where the pieces came from. In a graded run the
    file's pieces are used unchecked and a missing one raises NotImplementedError when called.

    Parameters
    ----------
    pieces : list of str, optional
        The pieces wanted (names of :data:`THREAD`); default: all of them.

    Returns
    -------
    MyNetwork
        One attribute per piece, e.g. ``net.train``, and ``mine`` / ``course``: the names
        taken from the reader and from the course.

    Raises
    ------
    ValueError
        If a piece is not one of :data:`THREAD`.

    Examples
    --------
    >>> net = load_my_network(["sigmoid"])   # doctest: +SKIP
    No my_network.py yet: every piece comes from the course. Pass the checks of notebook 04 to use your own.
    >>> float(net.sigmoid(0.0))               # doctest: +SKIP
    0.5
    """
    wanted = list(THREAD) if pieces is None else [pieces] if isinstance(pieces, str) else list(pieces)
    unknown = [p for p in wanted if p not in THREAD]
    if unknown:
        raise ValueError(f"pieces must be names among {list(THREAD)}. Got {unknown} instead.")
    from .quiz import EXERCISES
    from .quiz._core import grading

    file = _file()
    graded = grading() or not EXERCISES
    course = {name: _not_written(name, file) if graded else EXERCISES[name].reference for name in THREAD}
    namespace, error = _run(file, course)
    mine = {} if namespace is None else {
        name: namespace[name] for name in THREAD
        if inspect.isfunction(namespace.get(name)) and namespace[name].__code__.co_filename == file}
    if graded:
        chosen, failing = {name: mine.get(name, course[name]) for name in THREAD}, []
        if namespace is not None:
            namespace.update(chosen)
    else:
        chosen, failing = _choose(mine, course, namespace, last=max(list(THREAD).index(p) for p in wanted))
    print(_summary(wanted, mine, failing, file, namespace is not None, error, graded))
    used = [p for p in wanted if chosen[p] is mine.get(p)]
    return MyNetwork(**{p: chosen[p] for p in wanted}, mine=tuple(used),
                     course=tuple(p for p in wanted if p not in used))


def _run(file, course):
    """Run the file with the course's pieces already defined: (its globals, None), (None, error) or (None, None)."""
    if not os.path.exists(file):
        return None, None
    namespace = {"__name__": "my_network", "__file__": file, **course}
    try:
        code = compile(read(file), file, "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, namespace)  # noqa: S102 - the reader's own library, in the reader's own kernel
    except SyntaxError as exc:
        return None, f"SyntaxError, line {exc.lineno}: {exc.msg}"
    except (Exception, SystemExit) as exc:  # noqa: BLE001 - whatever the file does, the notebook goes on
        return None, f"{type(exc).__name__}: {exc}".rstrip(": ")
    return namespace, None


def _choose(mine, course, namespace, last):
    """Each piece up to index ``last``: the reader's if it passes its check, else the course's; and the failing ones.

    The pieces are settled in order and put into the file's globals at once, so each check
    sees the pieces settled before it; a default argument that is a rejected piece of the
    reader's (``output=se_output``) is replaced by the piece used.
    """
    from .quiz import EXERCISES
    from .quiz._core import run_check

    chosen, failing, swaps = {}, [], {}
    for name in THREAD:
        func = mine.get(name)
        if func is not None and list(THREAD).index(name) <= last:
            _swap_defaults(func, swaps)
            if not run_check(EXERCISES[name], func).passed:
                failing.append(name)
                func = None
        chosen[name] = func if func is not None else course[name]
        if name in mine and chosen[name] is not mine[name]:
            swaps[id(mine[name])] = chosen[name]
        if namespace is not None:
            namespace[name] = chosen[name]
    for func in mine.values():
        _swap_defaults(func, swaps)
    return chosen, failing


def _swap_defaults(func, swaps):
    if func.__defaults__:
        func.__defaults__ = tuple(swaps.get(id(d), d) for d in func.__defaults__)
    if func.__kwdefaults__:
        func.__kwdefaults__ = {k: swaps.get(id(d), d) for k, d in func.__kwdefaults__.items()}


def _not_written(name, file):
    """A stand-in for a piece the graded file lacks: calling it raises NotImplementedError."""
    message = SAY["not_written"].format(name=name, file=os.path.basename(file), notebook=THREAD[name][:2])

    def missing(*args, **kwargs):
        raise NotImplementedError(message)

    missing.__name__ = missing.__qualname__ = name
    return missing


def _summary(wanted, mine, failing, file, ran, error, graded):
    """The one or two lines that say where the pieces came from."""
    yours = [p for p in wanted if p in mine and p not in failing]
    others = [p for p in wanted if p not in yours]
    if graded:
        lines = [SAY["graded"].format(file=os.path.basename(file), names=_names(yours) or "none")] if yours else []
        if others:
            lines.append(SAY["graded_missing"].format(file=os.path.basename(file), names=_names(others)))
        return "\n".join(lines)
    if error:
        return SAY["broken"].format(file=os.path.basename(file), error=error)
    if not ran:
        numbers = sorted({THREAD[p][:2] for p in wanted})
        span = f"notebook {numbers[0]}" if len(numbers) == 1 else f"notebooks {numbers[0]}-{numbers[-1]}"
        return SAY["no_file"].format(file=os.path.basename(file), notebooks=span)
    lines = [SAY["yours"].format(names=_names(yours))] if yours else []
    bad = [p for p in others if p in failing]
    groups = [f"{_names(bad)} ({SAY['failing'] if len(bad) == 1 else SAY['failing_many']})"] if bad else []
    absent = [p for p in others if p not in failing]
    groups += [f"{_names(absent)} ({SAY['missing']})"] if absent else []
    if groups:
        lines.append(SAY["course"].format(groups="; ".join(groups)))
    return "\n".join(lines)


# --------------------------------------------------------------------------- Colab
def download_my_network():
    """Download my_network.py to this computer on Colab; elsewhere say where the file is.

    On Colab each notebook runs on a machine of its own: download the file at the end of a
    notebook and :func:`upload_my_network` it at the start of the next. Never required.

    Examples
    --------
    >>> download_my_network()   # doctest: +SKIP
    Your library is the file my_network.py, next to this notebook; nothing to download here.
    """
    file = _file()
    if not os.path.exists(file):
        print(SAY["none_yet"].format(file=os.path.basename(file)))
    elif _on_colab():
        from google.colab import files

        files.download(file)
    else:
        print(SAY["where"].format(path=os.path.relpath(file)))


def upload_my_network():
    """On Colab, upload a my_network.py from this computer; elsewhere the file next to the notebook is used.

    The uploaded file is saved as my_network.py (or $NBHELPERS_MY_NETWORK), whatever its name
    was (a browser may have saved it as "my_network (1).py"). Never required.
    """
    file = _file()
    if not _on_colab():
        state = "" if os.path.exists(file) else " (there is none yet)"
        print(SAY["local"].format(file=os.path.basename(file), state=state))
        return
    from google.colab import files

    uploaded = files.upload()
    if not uploaded:
        print(SAY["nothing_uploaded"])
        return
    name = next((n for n in uploaded if n.endswith(".py")), next(iter(uploaded)))
    with open(file, "wb") as fh:
        fh.write(uploaded[name])
    print(SAY["uploaded"].format(name=name, file=os.path.basename(file)))
