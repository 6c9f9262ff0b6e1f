"""``python -m nbhelpers.grade``: grade a folder of submitted notebooks.

::

    python -m nbhelpers.grade subs/*.ipynb --quiz quiz_06 --out grades.csv --feedback feedback/
    python -m nbhelpers.grade subs/*.ipynb --quiz quiz_06 --seed 1234 --tests private_tests/ -j 4
    python -m nbhelpers.grade subs/*.ipynb --quiz quiz_06 --out grades.csv --regrade q4_softmax_temperature
    python -m nbhelpers.grade submission.ipynb --quiz quiz_06 --gradescope results.json

See docs/grading.md for the whole guide.
"""
import argparse
import json
import os
import queue
import secrets
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import notebook, private, report, sandbox


def questions_of(quiz):
    """The question ids of ``quiz``: a notebook id of the catalogue, or the instructor's copy of a notebook."""
    from ..quiz import exercises

    path = Path(quiz)
    if path.suffix == ".ipynb" and path.exists():
        nb = notebook.load_nbformat().read(path, as_version=4)
        ids = [c.metadata.get("nbhelpers", {}).get("exercise") for c in nb.cells]
        found = list(dict.fromkeys(i for i in ids if i))
        if found:
            return found
        quiz = (nb.metadata.get("nbhelpers") or {}).get("quiz", path.stem)
    found = exercises(quiz)
    if not found:
        raise SystemExit(f"--quiz must name a notebook of the catalogue or an instructor's notebook; got {quiz!r}.")
    return found


def _parser():
    p = argparse.ArgumentParser(prog="python -m nbhelpers.grade", description=__doc__.split("\n\n")[0])
    p.add_argument("submissions", nargs="+", help="notebooks to grade (.ipynb)")
    p.add_argument("--quiz", required=True, help="catalogue notebook id (quiz_06) or the instructor's .ipynb")
    p.add_argument("--out", default="grades.csv", help="the CSV to write (default: grades.csv)")
    p.add_argument("--feedback", default=None, help="folder for one Markdown feedback file per submission")
    p.add_argument("--gradescope", default=None, help="write Gradescope's results.json (one submission)")
    p.add_argument("--tests", default=None, help="folder of private tests (docs/grading.md)")
    p.add_argument("--seed", type=int, default=None, help="seed of the hidden inputs (default: drawn, then in the CSV)")
    p.add_argument("--regrade", default=None, metavar="QUESTION", help="grade one question again, update --out")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="submissions at a time (default: CPUs)")
    p.add_argument("--isolation", choices=("auto",) + sandbox.LEVELS, default="auto")
    p.add_argument("--timeout-cell", type=float, default=60.0, help="seconds per cell (default 60)")
    p.add_argument("--timeout-question", type=float, default=60.0, help="seconds per question (default 60)")
    p.add_argument("--timeout-notebook", type=float, default=600.0, help="seconds per notebook (default 600)")
    p.add_argument("--memory-mb", type=int, default=2048, help="address-space cap of the kernel (default 2048)")
    p.add_argument("--nproc", type=int, default=64, help="process cap of the kernel (default 64)")
    return p


def main(argv=None):
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    from ..quiz import get_exercise

    questions = questions_of(args.quiz)
    if args.regrade and args.regrade not in questions:
        raise SystemExit(f"--regrade must be one of {questions}; got {args.regrade!r}.")
    seed = args.seed
    if seed is None and args.regrade and Path(args.out).exists():
        seed = int(report.read_csv(args.out)[0]["seed"])
    seed = secrets.randbelow(2 ** 31) if seed is None else seed
    package_dir = Path(__file__).resolve().parents[1]
    level = sandbox.available(args.isolation)
    with tempfile.TemporaryDirectory(prefix="nbg-lib-") as lib:
        os.chmod(lib, 0o755)
        library = sandbox.student_library(lib, package_dir)
        hide = {package_dir, package_dir.parent / "tests", Path(args.out).resolve().parent}
        hide |= {Path(s).resolve().parent for s in args.submissions}
        hide |= {Path(p).resolve() for p in (args.tests,) if p}
        if Path(args.quiz).exists():
            hide.add(Path(args.quiz).resolve().parent)
        options = {"questions": questions, "seed": seed, "isolation": level, "cell_timeout": args.timeout_cell,
                   "question_timeout": args.timeout_question, "notebook_timeout": args.timeout_notebook,
                   "memory_mb": args.memory_mb, "nproc": args.nproc, "private_tests": private.load(args.tests),
                   "hide": sorted(map(str, hide)), "library": str(library), "only": args.regrade or ""}
        rows = grade_all(args.submissions, options, max(1, args.jobs))
    rows.sort(key=lambda r: r["submission"])
    if args.regrade:
        rows = _merge_regrade(rows, args.out, args.regrade, get_exercise)
    Path(args.out).resolve().parent.mkdir(parents=True, exist_ok=True)
    report.write_csv(rows, args.out)
    if args.feedback:
        report.write_feedback(rows, args.feedback)
    if args.gradescope and rows:
        report.write_gradescope(rows[0], args.gradescope)
    for row in rows:
        print(f"{row['submission']}: {row['status']}, {report._num(row['total'])}/{report._num(row['max_total'])}")
    print(f"Wrote {args.out} ({len(rows)} submission{'s' if len(rows) != 1 else ''}, seed {seed}).")
    return 0


def grade_all(paths, options, jobs):
    """Grade every submission, ``jobs`` at a time, each in a grader process of its own."""
    slots = queue.Queue()
    for slot in range(jobs):
        slots.put(slot)

    def one(path):
        read = notebook.read(path)  # here, once for the batch: the workers need not import nbformat
        slot = slots.get()
        try:
            return _grade_in_worker(path, options, slot, read)
        finally:
            slots.put(slot)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(one, paths))


def _grade_in_worker(path, options, slot, read):
    """Run :func:`judge.grade` in a fresh grader process (never the student's code: that runs in the kernel)."""
    request = json.dumps({"path": str(path), "options": options, "slot": slot, "read": read})
    limit = options["notebook_timeout"] + 120
    try:
        proc = subprocess.run([sys.executable, "-m", "nbhelpers.grading.cli", "--worker"], input=request,
                              capture_output=True, text=True, timeout=limit)
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, json.JSONDecodeError, IndexError) as exc:
        from ..quiz import get_exercise

        qs = {q: {"points": 0, "max": get_exercise(q).points, "status": "error", "message": "grader failure"}
              for q in options["questions"]}
        return {"submission": str(path), "status": "grader failed", "total": 0, "seed": options["seed"],
                "max_total": sum(q["max"] for q in qs.values()), "isolation": options["isolation"], "flags": [],
                "notes": [f"the grading process failed ({type(exc).__name__})"], "questions": qs}


def _worker():
    from .judge import Options, grade

    request = json.loads(sys.stdin.read())
    row = grade(request["path"], Options(**request["options"]), request["slot"], tuple(request["read"]))
    print(json.dumps(row))


def _merge_regrade(rows, out, question, get_exercise):
    """Put the regraded question into the existing CSV's rows."""
    if not Path(out).exists():
        return rows
    new = {r["submission"]: r["questions"][question] for r in rows}
    merged = []
    for old in report.read_csv(out):
        qs = {}
        for key in old:
            if key.endswith("_status") and key[: -len("_status")] in old:
                q = key[: -len("_status")]
                qs[q] = {"points": float(old[q]), "max": float(old[f"{q}_max"]), "status": old[key], "message": ""}
        if old["submission"] in new:
            qs[question] = new[old["submission"]]
        merged.append({"submission": old["submission"], "status": old["status"], "questions": qs,
                       "total": sum(q["points"] for q in qs.values()), "max_total": sum(q["max"] for q in qs.values()),
                       "seed": old["seed"], "isolation": old["isolation"],
                       "flags": [f for f in old["flags"].split(";") if f],
                       "notes": [n for n in old["notes"].split("; ") if n]})
    return merged


if __name__ == "__main__":
    if sys.argv[1:] == ["--worker"]:
        _worker()
    else:
        sys.exit(main())
