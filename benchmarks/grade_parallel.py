"""How much faster is ``-j 2`` than ``-j 1`` on 40 submissions? Prints a Markdown table with the ratio.

    python benchmarks/grade_parallel.py          # target: at most 0.6 on 2 cores
    python benchmarks/grade_parallel.py -n 10    # fewer submissions, for a quick look

Each submission is the fully solved Quiz 6 without its question 2 (graded by an
instructor's copy without it). The runs go in the order -j 1, -j 2, -j 2, -j 1, so that
a load that rises or falls steadily weighs on both sides alike; the ratio is that of
the summed wall times. The table names the machine, the isolation the grader used, the
CPU time of the grader's processes (kernels killed at their end are not counted) and
the load average before and after each run: other work on the same cores makes the
times longer and the ratio less certain. It measures; it asserts nothing.
"""
import argparse
import csv
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def make_submissions(folder, n=40):
    from nbhelpers.quiz import get_exercise

    base = nbformat.read(ROOT / "notebooks" / "quiz_06.ipynb", as_version=4)
    base.cells = [c for c in base.cells if c.metadata.get("nbhelpers", {}).get("exercise") != "q2_diabetes_r2"]
    for cell in base.cells:
        meta = cell.metadata.get("nbhelpers", {})
        if meta.get("role") == "stub":
            cell.source = get_exercise(meta["exercise"]).solution_code()
    nbformat.write(base, folder / "quiz.ipynb")
    paths = []
    for i in range(n):
        paths.append(folder / f"student_{i:02d}.ipynb")
        nbformat.write(base, paths[-1])
    return paths


def _cpu():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(paths, quiz, jobs, out):
    """Wall time, isolation, CPU time of the grader's processes and load average before and after."""
    load, cpu = os.getloadavg()[0], _cpu()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nbhelpers.grade", *map(str, paths), "--quiz", str(quiz), "--seed", "1",
                    "--out", str(out), "-j", str(jobs)], check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    with open(out, newline="", encoding="utf-8") as f:
        isolation = next(csv.DictReader(f))["isolation"]
    return {"jobs": jobs, "wall": elapsed, "isolation": isolation, "cpu": _cpu() - cpu,
            "load": (load, os.getloadavg()[0])}


def machine():
    model = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=40, help="number of submissions (default 40)")
    n = parser.parse_args(argv).n
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "subs").mkdir()
        paths = make_submissions(folder / "subs", n)
        quiz = folder / "subs" / "quiz.ipynb"
        runs = [timed(paths, quiz, jobs, folder / f"run{k}.csv") for k, jobs in enumerate((1, 2, 2, 1))]
    print(f"Machine: {machine()}; isolation: {runs[0]['isolation']}.\n")
    print("| run | submissions | wall time (s) | per submission (s) | grader CPU (s) | load average before / after |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for run in runs:
        print(f"| `-j {run['jobs']}` | {n} | {run['wall']:.1f} | {run['wall'] / n:.2f} | {run['cpu']:.1f} "
              f"| {run['load'][0]:.1f} / {run['load'][1]:.1f} |")
    total = {jobs: sum(r["wall"] for r in runs if r["jobs"] == jobs) for jobs in (1, 2)}
    print(f"\nRatio -j 2 / -j 1 (summed wall times): **{total[2] / total[1]:.2f}** (target <= 0.6).")


if __name__ == "__main__":
    main()
