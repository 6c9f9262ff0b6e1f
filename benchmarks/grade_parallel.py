"""How much faster is ``-j 2`` than ``-j 1`` on 40 submissions? Prints the ratio of wall times.

    python benchmarks/grade_parallel.py          # target: at most 0.6 on 2 cores

It measures; it asserts nothing.
"""
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


def timed(paths, quiz, jobs, out):
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "nbhelpers.grade", *map(str, paths), "--quiz", str(quiz), "--seed", "1",
                    "--out", str(out), "-j", str(jobs)], check=True, capture_output=True)
    return time.perf_counter() - start


def main():
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "subs").mkdir()
        paths = make_submissions(folder / "subs")
        quiz = folder / "subs" / "quiz.ipynb"
        one = timed(paths, quiz, 1, folder / "one.csv")
        two = timed(paths, quiz, 2, folder / "two.csv")
    print(f"40 submissions: -j 1 {one:.1f} s, -j 2 {two:.1f} s, ratio {two / one:.2f} (target <= 0.6)")


if __name__ == "__main__":
    main()
