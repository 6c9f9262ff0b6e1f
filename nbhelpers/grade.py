"""Grade submitted notebooks: run each in a fresh kernel and collect the points of its checks.

::

    python -m nbhelpers.grade submissions/*.ipynb --out grades.csv
    python -m nbhelpers.grade subs/*.ipynb --out grades.csv --solutions off --timeout-cell 60 --timeout-notebook 600
    python -m nbhelpers.grade subs/*.ipynb --out grades.csv --jobs 4    # four kernels at a time

Each submission is copied to a temporary folder and executed there by a worker
process (``nbclient``, kernel "python3" of this environment) with a time limit per
cell and one for the whole notebook. The kernel runs with ``NBHELPERS_GRADING=1``, so
every ``check`` appends its result to a JSON-lines file and ``solution`` shows nothing.
The grader never imports the reader's code, never modifies a submission, and one
broken submission (not JSON, a cell that loops forever, a kernel that dies) only
affects its own row.

The CSV has one row per submission: ``submission, status, total, max_total``, the
points of every expected exercise, and ``notes`` (what went wrong). The expected
exercises are those of the notebook named by ``--quiz`` or by the submission's
metadata ``{"nbhelpers": {"quiz": "quiz_06"}}``; a check that never ran (deleted
cell, error before it) scores 0 and is named in the notes.

Statuses: "ok", "errors" (a cell raised or timed out, the rest ran), "timeout" (the
notebook limit was reached), "kernel died", "invalid notebook" (not JSON or not a
notebook).
"""
import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DEFAULT_CELL_TIMEOUT = 120
DEFAULT_NOTEBOOK_TIMEOUT = 900


def _notes_join(notes):
    return "; ".join(notes)


def _read_notebook(path):
    """The notebook as a dict, or (None, reason) when it is not a valid notebook."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read the file ({type(exc).__name__})"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg}, line {exc.lineno})"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "JSON, but not a notebook (no list of cells)"
    return data, ""


def _run_worker(nb_path, workdir, cell_timeout, notebook_timeout, solutions):
    """Execute one notebook in a worker process; return (summary dict, result records, timed_out)."""
    results = Path(workdir) / "results.jsonl"
    summary = Path(workdir) / "summary.json"
    env = dict(os.environ)
    env.update(NBHELPERS_GRADING="1", NBHELPERS_RESULTS=str(results), PYTHONWARNINGS="ignore")
    env.pop("MPLBACKEND", None)
    if solutions == "off":
        env["NBHELPERS_SOLUTIONS"] = "off"
    cmd = [sys.executable, "-m", "nbhelpers.grade", "--worker", str(nb_path), str(summary), str(cell_timeout)]
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    timed_out = False
    try:
        _, err = proc.communicate(timeout=notebook_timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_kernel(Path(workdir) / "kernel.pid")
        _kill_group(proc)
        _, err = proc.communicate()
    info = {}
    if summary.exists():
        try:
            info = json.loads(summary.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            info = {}
    if not info and not timed_out:
        info = {"failure": "the grading worker failed: " + (err or b"").decode(errors="replace").strip()[-300:]}
    records = []
    if results.exists():
        for line in results.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                records.append(record)
    return info, records, timed_out


def _kill_kernel(pid_file):
    """Kill the kernel the worker started (it runs in a session of its own)."""
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _kill_group(proc):
    """Kill the worker and its kernel (they share a process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        proc.kill()


def _worker(nb_path, summary_path, cell_timeout):
    """Run inside the worker process: execute the notebook, write a JSON summary."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(nb, timeout=float(cell_timeout), kernel_name="python3", allow_errors=True,
                            interrupt_on_timeout=True, resources={"metadata": {"path": str(Path(nb_path).parent)}})
    info = {"kernel": "ok", "cell_errors": []}

    def remember_kernel(**_):
        pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
        if pid:
            (Path(summary_path).parent / "kernel.pid").write_text(str(pid))

    client.on_notebook_start = remember_kernel
    try:
        client.execute()
    except DeadKernelError:
        info["kernel"] = "died"
    except CellTimeoutError as exc:
        info["kernel"] = "cell timeout"
        info["failure"] = str(exc).splitlines()[0][:200]
    except Exception as exc:  # noqa: BLE001 - reported in the CSV, never raised
        info["kernel"] = "failed"
        info["failure"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    code_index = 0
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        code_index += 1
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                info["cell_errors"].append({"cell": code_index, "ename": out.get("ename", ""),
                                            "evalue": str(out.get("evalue", ""))[:120]})
    Path(summary_path).write_text(json.dumps(info), encoding="utf-8")


def grade_one(path, expected=None, cell_timeout=DEFAULT_CELL_TIMEOUT, notebook_timeout=DEFAULT_NOTEBOOK_TIMEOUT,
              solutions="on"):
    """Grade one submission; return a dict with status, points per exercise, total and notes."""
    from .quiz import get_exercise, exercises

    path = Path(path)
    row = {"submission": str(path), "status": "ok", "points": {}, "notes": []}
    data, reason = _read_notebook(path)
    quiz = expected
    if data is not None and not quiz:
        quiz = (data.get("metadata", {}).get("nbhelpers") or {}).get("quiz")
    row["expected"] = exercises(quiz) if quiz else []
    if data is None:
        row["status"] = "invalid notebook"
        row["notes"].append(reason)
        return _finish(row, get_exercise)
    with tempfile.TemporaryDirectory(prefix="nbgrade-") as tmp:
        copy = Path(tmp) / "submission.ipynb"
        shutil.copyfile(path, copy)
        try:
            info, records, timed_out = _run_worker(copy, tmp, cell_timeout, notebook_timeout, solutions)
        except Exception as exc:  # noqa: BLE001 - one broken submission must not stop the others
            info, records, timed_out = {"failure": f"{type(exc).__name__}: {exc}"}, [], False
    if timed_out:
        row["status"] = "timeout"
        row["notes"].append(f"the notebook did not finish within {notebook_timeout:g} s")
    elif info.get("kernel") == "died":
        row["status"] = "kernel died"
        row["notes"].append("the kernel died (the checks run before that still count)")
    elif info.get("failure"):
        row["status"] = "errors"
        row["notes"].append(info["failure"])
    for err in info.get("cell_errors", []):
        if row["status"] == "ok":
            row["status"] = "errors"
        what = "timed out (interrupted)" if err["ename"] == "KeyboardInterrupt" else f"raised {err['ename']}"
        detail = f": {err['evalue']}" if err["evalue"] and err["ename"] != "KeyboardInterrupt" else ""
        row["notes"].append(f"code cell {err['cell']} {what}{detail}")
    solutions_asked = set()
    for record in records:
        if record.get("event") == "check" and isinstance(record.get("exercise"), str):
            try:
                ex = get_exercise(record["exercise"])
                points = min(max(float(record.get("points", 0)), 0.0), ex.points)
            except (KeyError, TypeError, ValueError):
                continue
            row["points"][ex.id] = points  # the last check of an exercise counts
        elif record.get("event") == "solution":
            solutions_asked.add(str(record.get("exercise")))
    if solutions_asked:
        row["notes"].append("asked for solutions: " + ", ".join(sorted(solutions_asked)))
    return _finish(row, get_exercise)


def _finish(row, get_exercise):
    for ex_id in row["expected"]:
        if ex_id not in row["points"]:
            row["points"][ex_id] = 0.0
            if row["status"] != "invalid notebook":
                row["notes"].append(f"check of {ex_id} did not run (cell deleted or an error before it)")
    row["total"] = sum(row["points"].values())
    row["max_total"] = sum(get_exercise(e).points for e in row["points"])
    return row


def _fill_expected(rows):
    """Give rows that could not tell their quiz (not JSON, no metadata) the quiz of the others."""
    from .quiz import get_exercise

    known = [tuple(r["expected"]) for r in rows if r["expected"]]
    if not known:
        return
    common = max(set(known), key=known.count)
    for row in rows:
        if not row["expected"]:
            row["expected"] = list(common)
            for ex_id in common:
                row["points"].setdefault(ex_id, 0.0)
            row["max_total"] = sum(get_exercise(e).points for e in row["points"])


def _fmt_points(p):
    return str(int(p)) if float(p).is_integer() else f"{p:g}"


def write_csv(rows, out):
    """Write the rows of :func:`grade_one` to ``out`` (a path)."""
    ids = []
    for row in rows:
        for ex_id in list(row["expected"]) + list(row["points"]):
            if ex_id not in ids:
                ids.append(ex_id)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", "status", "total", "max_total"] + ids + ["notes"])
        for row in rows:
            points = [_fmt_points(row["points"][e]) if e in row["points"] else "" for e in ids]
            writer.writerow([row["submission"], row["status"], _fmt_points(row["total"]), _fmt_points(row["max_total"])]
                            + points + [_notes_join(row["notes"])])


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        _worker(argv[1], argv[2], argv[3])
        return 0
    parser = argparse.ArgumentParser(prog="python -m nbhelpers.grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", nargs="+", help="notebooks to grade (.ipynb)")
    parser.add_argument("--out", default="grades.csv", help="the CSV file to write (default: grades.csv)")
    parser.add_argument("--solutions", choices=["on", "off"], default="on",
                        help="'off' makes solution() refuse (it never prints answers in a graded run anyway)")
    parser.add_argument("--quiz", default=None, help="the notebook id whose exercises are expected, e.g. quiz_06 "
                        "(default: the submission's metadata)")
    parser.add_argument("--timeout-cell", type=float, default=DEFAULT_CELL_TIMEOUT, help="seconds per cell")
    parser.add_argument("--timeout-notebook", type=float, default=DEFAULT_NOTEBOOK_TIMEOUT,
                        help="seconds per notebook")
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at the same time (default: 1)")
    args = parser.parse_args(argv)
    def one(sub):
        return grade_one(sub, args.quiz, args.timeout_cell, args.timeout_notebook, args.solutions)

    # Each submission runs in its own worker process; the threads only wait for them.
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        rows = list(pool.map(one, args.submissions))
    for row in rows:
        print(f"{row['submission']}: {row['status']}, {_fmt_points(row['total'])}/{_fmt_points(row['max_total'])}")
    _fill_expected(rows)
    write_csv(rows, args.out)
    print(f"Wrote {args.out} ({len(rows)} submission{'s' if len(rows) != 1 else ''}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
