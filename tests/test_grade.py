"""`python -m nbhelpers.grade` on fixture submissions built from notebooks/quiz_06.ipynb."""
import csv
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nbhelpers.quiz import get_exercise

ROOT = Path(__file__).resolve().parents[1]
QUIZ = ROOT / "notebooks" / "quiz_06.ipynb"


def _cells(nb, exercise, role):
    return [c for c in nb.cells if c.metadata.get("nbhelpers", {}) == {"exercise": exercise, "role": role}]


def solved():
    """The quiz with every stub replaced by the reference solution."""
    nb = nbformat.read(QUIZ, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbhelpers", {})
        if meta.get("role") == "stub":
            cell.source = get_exercise(meta["exercise"]).solution_code()
    return nb


def build_fixtures(folder):
    subs = {}

    def save(name, nb):
        path = folder / f"{name}.ipynb"
        nbformat.write(nb, path)
        subs[name] = path

    complete = solved()
    _cells(complete, "q1_perceptron_gates", "stub")[0].source += '\n\nsolution("q1_perceptron_gates")\n'
    save("complete", complete)

    partial = nbformat.read(QUIZ, as_version=4)  # q1 says XOR converged, q2 untouched, q3 and q4 solved
    _cells(partial, "q1_perceptron_gates", "stub")[0].source = (
        get_exercise("q1_perceptron_gates").solution_code().replace("return w, False", "return w, True"))
    for ex in ("q3_tanh_via_sigmoid", "q4_stable_softmax"):
        _cells(partial, ex, "stub")[0].source = get_exercise(ex).solution_code()
    save("partial", partial)

    loop = solved()  # a cell that never ends, and a checked function that never ends
    _cells(loop, "q3_tanh_via_sigmoid", "stub")[0].source = "while True:\n    pass\n"
    _cells(loop, "q4_stable_softmax", "stub")[0].source = "def softmax(z, axis=-1):\n    while True:\n        pass\n"
    save("loop", loop)

    raises = solved()  # a stub cell that raises after its def, and a function that raises when checked
    _cells(raises, "q1_perceptron_gates", "stub")[0].source += '\nraise RuntimeError("boom")\n'
    _cells(raises, "q2_diabetes_r2", "stub")[0].source = "def diabetes_r2():\n    raise ValueError('no data')\n"
    save("raises", raises)

    deleted = solved()
    deleted.cells.remove(_cells(deleted, "q2_diabetes_r2", "check")[0])
    save("deleted", deleted)

    died = solved()
    died.cells.insert(len(died.cells) - 1, nbformat.v4.new_code_cell("import os\nos._exit(1)"))
    save("died", died)

    bad = folder / "notjson.ipynb"
    bad.write_text('{"cells": [ this is not JSON', encoding="utf-8")
    subs["notjson"] = bad
    return subs


def run_grader(paths, out, *extra, check_timeout="2"):
    env = dict(os.environ, NBHELPERS_CHECK_TIMEOUT=check_timeout)
    return subprocess.run([sys.executable, "-m", "nbhelpers.grade", *map(str, paths), "--out", str(out), *extra],
                          capture_output=True, text=True, env=env, timeout=300, cwd=str(out.parent))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    subs = build_fixtures(folder)
    digests = {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in subs.items()}
    out = folder / "grades.csv"
    proc = run_grader(subs.values(), out, "--timeout-cell", "4", "--timeout-notebook", "120", "--solutions", "off",
                      "--jobs", "3", check_timeout="10")
    assert proc.returncode == 0, proc.stderr
    with open(out, newline="", encoding="utf-8") as f:
        rows = {Path(r["submission"]).stem: r for r in csv.DictReader(f)}
    return subs, digests, rows, proc


def test_csv_has_one_row_per_submission_and_a_column_per_question(graded):
    subs, _, rows, _ = graded
    assert set(rows) == set(subs)
    for row in rows.values():
        assert row["max_total"] == "60"
        for q in ("q1_perceptron_gates", "q2_diabetes_r2", "q3_tanh_via_sigmoid", "q4_stable_softmax"):
            assert q in row


def test_complete_submission_scores_60(graded):
    row = graded[2]["complete"]
    assert (row["status"], row["total"]) == ("ok", "60"), row
    assert [row[q] for q in ("q1_perceptron_gates", "q2_diabetes_r2", "q3_tanh_via_sigmoid", "q4_stable_softmax")] == [
        "15", "15", "15", "15"]
    assert "asked for solutions: q1_perceptron_gates" in row["notes"]


def test_partial_submission_gets_partial_credit(graded):
    row = graded[2]["partial"]
    assert row["status"] == "ok"
    assert (row["q1_perceptron_gates"], row["q2_diabetes_r2"], row["q3_tanh_via_sigmoid"], row["q4_stable_softmax"]) == (
        "12", "0", "15", "15")
    assert row["total"] == "42"


def test_infinite_loops_are_stopped_and_the_rest_is_graded(graded):
    row = graded[2]["loop"]
    assert row["status"] == "errors"
    assert row["q3_tanh_via_sigmoid"] == "0" and row["q4_stable_softmax"] == "0"
    assert row["total"] == "30"
    assert "timed out (interrupted)" in row["notes"]
    assert "check of q3_tanh_via_sigmoid did not run" in row["notes"]


def test_a_raising_cell_is_reported_and_later_checks_still_count(graded):
    row = graded[2]["raises"]
    assert row["status"] == "errors"
    assert "raised RuntimeError: boom" in row["notes"]
    assert row["q1_perceptron_gates"] == "15" and row["q2_diabetes_r2"] == "0"
    assert row["total"] == "45"


def test_deleted_check_cell_is_named(graded):
    row = graded[2]["deleted"]
    assert row["q2_diabetes_r2"] == "0" and row["total"] == "45"
    assert "check of q2_diabetes_r2 did not run" in row["notes"]


def test_kernel_death_keeps_earlier_checks(graded):
    row = graded[2]["died"]
    assert row["status"] == "kernel died"
    assert row["total"] == "60"


def test_not_json_is_reported_and_does_not_stop_the_others(graded):
    row = graded[2]["notjson"]
    assert row["status"] == "invalid notebook"
    assert row["total"] == "0" and "not JSON" in row["notes"]


def test_submissions_are_never_modified(graded):
    subs, digests, _, _ = graded
    for name, path in subs.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digests[name]
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([p.name for p in subs.values()] + ["grades.csv"])


def test_notebook_time_limit(tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"nbhelpers": {"quiz": "quiz_06"}})
    nb.cells = [nbformat.v4.new_code_cell("import time\ntime.sleep(120)")]
    path = tmp_path / "slow.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "grades.csv"
    proc = run_grader([path], out, "--timeout-cell", "200", "--timeout-notebook", "6")
    assert proc.returncode == 0, proc.stderr
    with open(out, newline="", encoding="utf-8") as f:
        (row,) = list(csv.DictReader(f))
    assert row["status"] == "timeout"
    assert "did not finish within 6 s" in row["notes"]
    assert row["total"] == "0" and row["max_total"] == "60"
