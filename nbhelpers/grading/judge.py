"""Grade one submission: run it in its sandbox, then judge every question from outside.

The questions, their points and checks are the instructor's (the catalogue); the
submission only supplies the code cells. Each answer is found by the name its
question defines (``Exercise.answer_name``) in the kernel after all cells ran, so
deleted, duplicated, reordered or retyped cells and edited metadata change only
the questions whose answers they remove.
"""
import shutil
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..quiz import _core
from . import notebook, private
from .kernel import Kernel, KernelStartError
from .remote import Remote
from .sandbox import Sandbox


@dataclass
class Options:
    """How to grade (see ``python -m nbhelpers.grade --help``)."""

    questions: list
    seed: int
    isolation: str = "process-group"
    cell_timeout: float = 60.0
    question_timeout: float = 60.0
    notebook_timeout: float = 600.0
    memory_mb: int = 2048
    nproc: int = 64
    private_tests: dict = field(default_factory=dict)
    hide: list = field(default_factory=list)
    library: str = ""
    only: str = ""


def question_rng(seed, ex_id):
    """The generator of a question's hidden inputs: the same for every submission and run with this seed."""
    return np.random.default_rng([int(seed), zlib.crc32(ex_id.encode())])


def _empty_row(path, options):
    return {"submission": str(path), "status": "ok", "seed": options.seed, "isolation": "", "flags": [],
            "notes": [], "questions": {}}


def _mark_all(row, questions, status, reason):
    for ex in questions:
        row["questions"].setdefault(ex.id, {"points": 0, "max": ex.points, "status": status, "message": reason})


def _kernel_env(rundir, library):
    home = str(rundir / "home")
    return {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "PYTHONPATH": library,
            "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": home, "IPYTHONDIR": home + "/.ipython", "JUPYTER_CONFIG_DIR": home + "/.jupyter",
            "JUPYTER_DATA_DIR": home + "/.jupyter", "NBHELPERS_GRADING": "1", "NBHELPERS_SOLUTIONS": "off",
            "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore"}


def grade(path, options, slot=0, read=None):
    """Grade the submission at ``path``; return its row (a dict, JSON-ready).

    ``read`` is :func:`notebook.read`'s ``(cells, reason)`` when the caller has already
    read the file (the batch reads in one process, so each worker skips importing nbformat).
    """
    questions = [_core_exercise(q) for q in options.questions]
    row = _empty_row(path, options)
    cells, reason = notebook.read(path) if read is None else read
    if cells is None:
        row["status"] = "invalid notebook"
        row["notes"].append(reason)
        _mark_all(row, questions, "missing", f"not graded: {reason}")
        return _finish(row, questions)
    source = notebook.python_source(cells)
    row["flags"] = notebook.flags(source)
    rundir = Path(tempfile.mkdtemp(prefix="nbg-"))
    sandbox = None
    try:
        for sub in ("work", "home"):
            (rundir / sub).mkdir()
        shutil.copyfile(path, rundir / "work" / "submission.ipynb")
        sandbox = Sandbox(options.isolation, rundir, slot, hide=options.hide, library=options.library,
                          memory_mb=options.memory_mb,
                          nproc=options.nproc, cpu_seconds=options.notebook_timeout + 30)
        row["isolation"] = sandbox.describe()
        env = {**_kernel_env(rundir, options.library), **sandbox.env()}
        kernel = Kernel(sandbox, env, time.monotonic() + options.notebook_timeout)
        try:
            kernel.start()
        except KernelStartError as exc:
            row["status"] = "kernel failed"
            row["notes"].append(f"the kernel did not start: {exc}")
            _mark_all(row, questions, "error", "the kernel did not start")
            return _finish(row, questions)
        try:
            _run_cells(kernel, cells, options, row)
            if kernel.remaining() > 0:
                kernel.install_agent()
            for ex in questions:
                if options.only and ex.id != options.only:
                    continue
                row["questions"][ex.id] = _judge(kernel, ex, source, options)
        finally:
            kernel.stop()
        if kernel.restarts:
            row["notes"].append(f"the kernel was killed and restarted {kernel.restarts} time(s)")
    finally:
        if sandbox is not None:
            sandbox.release()
        shutil.rmtree(rundir, ignore_errors=True)
    return _finish(row, questions)


def _core_exercise(ex_id):
    from ..quiz import get_exercise

    return get_exercise(ex_id)


def _run_cells(kernel, cells, options, row):
    for number, code in enumerate(cells, start=1):
        if kernel.remaining() <= 0:
            row["status"] = "timeout"
            row["notes"].append(f"the notebook did not finish within {options.notebook_timeout:g} s")
            return
        run = kernel.run_cell(code, options.cell_timeout)
        if run.status == "error":
            row["notes"].append(f"code cell {number} raised {run.ename}" + (f": {run.evalue[:120]}" if run.evalue else ""))
        elif run.status == "memory":
            row["notes"].append(f"code cell {number} ran out of memory")
        elif run.status == "timeout":
            row["notes"].append(f"code cell {number} timed out ({run.evalue})")
        elif run.status == "dead":
            row["notes"].append(f"code cell {number} killed the kernel")
    if kernel.remaining() <= 0:
        row["status"] = "timeout"
        row["notes"].append(f"the notebook did not finish within {options.notebook_timeout:g} s")


_STATUS = {"pass": "ok", "fail": "wrong", "not_done": "missing", "error": "error"}


def _judge(kernel, ex, source, options):
    """Points, status and feedback of one question."""
    if kernel.remaining() <= 0:
        return {"points": 0, "max": ex.points, "status": "timeout",
                "message": f"not graded: the notebook's time limit ({options.notebook_timeout:g} s) was reached"}
    deadline = time.monotonic() + options.question_timeout
    clock = lambda: min(deadline, kernel.deadline) - time.monotonic()  # noqa: E731
    ref = Remote(kernel, {"name": ex.answer_name}, source=source, clock=clock)
    found, value = ref._nbgrade_get()
    if not found:
        why = value if value not in ("missing", None) else "it is not defined (cell deleted, renamed or never run)"
        status = value if value in ("timeout", "memory") else "missing"
        return {"points": 0, "max": ex.points, "status": status, "message": f"`{ex.answer_name}`: {why}."}
    answer = ref if ex.kind == "function" else value
    result = _core.run_check(ex, answer, rng=question_rng(options.seed, ex.id))
    points, status, message = result.points, _STATUS.get(result.status, "error"), result.message
    mistakes = result.mistake.split(",")
    if status == "missing":
        message = f"`{ex.answer_name}` is still the untouched stub."
    elif "timeout" in mistakes and status != "ok":
        status = "timeout"
    elif "memory" in mistakes and status != "ok":
        status = "memory"
    elif "missing" in mistakes and not points:
        status = "missing"
    cases = options.private_tests.get(ex.id)
    if cases and ex.kind == "function" and points:
        passed, total, lines = private.run(ref, cases, min(ex.timeout, options.question_timeout))
        if passed < total:
            points = min(points, ex.points * passed / total)
            status = "wrong" if status == "ok" else status
            message += "\n" + "\n".join("  " + line for line in lines)
    return {"points": round(float(points), 4), "max": ex.points, "status": status, "message": message,
            "hint": ex.hints[0] if ex.hints and status != "ok" else ""}


def _finish(row, questions):
    _mark_all(row, questions, "missing", "not graded")
    row["questions"] = {ex.id: row["questions"][ex.id] for ex in questions}
    row["total"] = round(sum(q["points"] for q in row["questions"].values()), 4)
    row["max_total"] = sum(ex.points for ex in questions)
    return row
