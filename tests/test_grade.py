"""`python -m nbhelpers.grade` against adversarial submissions (tests/fixtures/grading/).

One batch grades them all (two at a time, tight limits) with an instructor's copy of
Quiz 6 without its slow question 2; the full quiz is graded once, for 60/60 and 0/60.
"""
import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from nbhelpers.quiz import get_exercise

ROOT = Path(__file__).resolve().parents[1]
QUIZ = ROOT / "notebooks" / "quiz_06.ipynb"
FIXTURES = ROOT / "tests" / "fixtures" / "grading"
FAST = ["q1_perceptron_gates", "q3_sigmoid_net_from_tanh", "q4_softmax_temperature"]
# Loose enough that an honest cell or question never times out on a loaded machine (importing numpy and
# nbhelpers took over 3 s at a load of 9 on 2 cores), tight enough that the fork bomb's cell and the loop that
# ignores SIGINT cost seconds, not minutes.
LIMITS = ["--timeout-cell", "15", "--timeout-question", "8", "--timeout-notebook", "120", "-j", "2"]


def _role(cell):
    return cell.metadata.get("nbhelpers", {}).get("role"), cell.metadata.get("nbhelpers", {}).get("exercise")


def quiz(solved=True):
    nb = nbformat.read(QUIZ, as_version=4)
    for cell in nb.cells:
        role, ex = _role(cell)
        if solved and role == "stub":
            cell.source = get_exercise(ex).solution_code()
    return nb


def with_fixture(nb, name):
    """The notebook with the cells of tests/fixtures/grading/<name>.py appended."""
    for code in (FIXTURES / f"{name}.py").read_text().split("# %%"):
        nb.cells.append(nbformat.v4.new_code_cell(code.strip()))
    return nb


def instructor_quiz(folder):
    """The instructor's copy of Quiz 6 without question 2 (it trains an MLP: too slow for every fixture)."""
    nb = quiz(solved=False)
    nb.cells = [c for c in nb.cells if _role(c)[1] != "q2_diabetes_r2"]
    path = folder / "quiz_06_fast.ipynb"
    nbformat.write(nb, path)
    return path


def tampered():
    """Metadata names another quiz, check cells deleted, cells reversed, q1 duplicated, q4's stub made markdown."""
    nb = quiz()
    nb.metadata["nbhelpers"] = {"quiz": "04_activation_functions"}
    nb.cells = [c for c in nb.cells if _role(c)[0] != "check"]
    code = [c for c in nb.cells if c.cell_type == "code"]
    q1 = next(c for c in code if _role(c)[1] == "q1_perceptron_gates")
    nb.cells = list(reversed(nb.cells)) + [nbformat.v4.new_code_cell(q1.source)]
    for cell in nb.cells:
        cell.metadata = {}
        if "softmax_temperature(z, T, axis=-1):" in cell.source:
            cell.cell_type = "markdown"
            cell.pop("outputs", None), cell.pop("execution_count", None)
    return nb


def build(folder):
    subs = {}

    def save(name, nb):
        subs[name] = folder / f"{name}.ipynb"
        nbformat.write(nb, subs[name])

    for name in ("fake_results", "redefine_everything", "always_equal", "forge_channel"):
        save(name, with_fixture(quiz(solved=False), name))
    for name in ("exits", "sigint_loop", "detached", "memory_bomb", "fork_bomb", "big_output", "escape_files",
                 "silenced_overflow"):
        save(name, with_fixture(quiz(), name))
    save("tampered", tampered())
    v3 = nbformat.v3.new_notebook(worksheets=[nbformat.v3.new_worksheet(cells=[
        nbformat.v3.new_code_cell(input="import numpy as np"),
        nbformat.v3.new_code_cell(input=get_exercise("q4_softmax_temperature").solution_code())])])
    (folder / "v3.ipynb").write_text(nbformat.writes(v3, version=3))
    subs["v3"] = folder / "v3.ipynb"
    v40 = json.loads(nbformat.writes(quiz()))
    v40["nbformat_minor"] = 0
    for cell in v40["cells"]:
        cell.pop("id", None)
    (folder / "v4_0.ipynb").write_text(json.dumps(v40))
    subs["v4_0"] = folder / "v4_0.ipynb"
    stored = quiz()
    stored.cells[-1].outputs = [nbformat.v4.new_output("stream", text="y" * 50_000_000)]
    save("stored_50mb", stored)
    for name, text in (("notjson", '{"cells": [ nope'), ("empty", ""), ("notanotebook", "[1, 2, 3]")):
        (folder / f"{name}.ipynb").write_text(text)
        subs[name] = folder / f"{name}.ipynb"
    return subs


def run_grader(paths, out, *extra):
    return subprocess.run([sys.executable, "-m", "nbhelpers.grade", *map(str, paths), "--out", str(out), *extra],
                          capture_output=True, text=True, timeout=900, cwd=str(out.parent))


def orphaned_kernel_processes():
    """Processes of a grading whose run folder is gone: the kernel's HOME lies in that folder.

    Gradings still running elsewhere on the machine have their folders, so they do not count.
    """
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = dict(v.split(b"=", 1) for v in f.read().split(b"\0") if b"=" in v)
        except OSError:
            continue
        home = env.get(b"HOME", b"").decode(errors="replace")
        if b"NBGRADE_RUN" in env and not Path(home).parent.exists():
            found.append(int(pid))
    return found


def read_rows(out):
    with open(out, newline="", encoding="utf-8") as f:
        return {Path(r["submission"]).stem: r for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    outdir = tmp_path_factory.mktemp("out")
    subs = build(folder)
    digests = {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in subs.items()}
    quiz_path = instructor_quiz(tmp_path_factory.mktemp("instructor"))
    out = outdir / "grades.csv"
    proc = run_grader(subs.values(), out, "--quiz", str(quiz_path), "--seed", "7", "--feedback",
                      str(outdir / "feedback"), *LIMITS)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {"subs": subs, "digests": digests, "rows": read_rows(out), "out": out, "quiz": quiz_path}


@pytest.mark.parametrize("name", ["fake_results", "redefine_everything", "always_equal", "forge_channel"])
def test_tricks_in_the_kernel_earn_nothing(batch, name):
    row = batch["rows"][name]
    assert row["total"] == "0", row
    assert row["q3_sigmoid_net_from_tanh_status"] in ("missing", "wrong", "error"), row
    assert row["q4_softmax_temperature_status"] in ("missing", "wrong", "error"), row


def test_answers_survive_exit_and_only_honest_points_count(batch):
    assert batch["rows"]["exits"]["total"] == "45", batch["rows"]["exits"]


def test_a_loop_ignoring_sigint_costs_its_question_only(batch):
    row = batch["rows"]["sigint_loop"]
    assert row["q1_perceptron_gates_status"] == "timeout", row
    assert (row["q3_sigmoid_net_from_tanh"], row["q4_softmax_temperature"]) == ("15", "15"), row


def test_detached_processes_are_killed(batch):
    assert batch["rows"]["detached"]["total"] == "45"
    # Not by uid: other gradings may run on the machine at the same time, with kernels of their own.
    assert not orphaned_kernel_processes()


@pytest.mark.parametrize("name, reason", [("memory_bomb", "out of memory"), ("big_output", ""),
                                          ("escape_files", ""), ("stored_50mb", "")])
def test_bombs_and_big_outputs_keep_the_honest_points(batch, name, reason):
    row = batch["rows"][name]
    assert row["total"] == "45", row
    assert reason in row["notes"]


def test_overflow_is_judged_by_the_values_whatever_warnings_the_kernel_switched_off(batch):
    row = batch["rows"]["silenced_overflow"]
    assert (row["q1_perceptron_gates"], row["q3_sigmoid_net_from_tanh"], row["q4_softmax_temperature"]) == \
        ("15", "15", "10"), row
    assert "np.exp(z / T) overflowed" in (batch["out"].parent / "feedback" / "silenced_overflow.md").read_text()


def test_fork_bomb_gets_a_row_and_the_batch_continues(batch):
    assert "fork_bomb" in batch["rows"]
    assert batch["rows"]["big_output"]["total"] == "45"


def test_metadata_and_cell_edits_change_only_the_questions_they_remove(batch):
    row = batch["rows"]["tampered"]
    assert (row["q1_perceptron_gates"], row["q3_sigmoid_net_from_tanh"]) == ("15", "15"), row
    assert row["q4_softmax_temperature_status"] == "missing" and row["max_total"] == "45"


@pytest.mark.parametrize("name, status, total", [("v3", "ok", "15"), ("v4_0", "ok", "45"),
                                                 ("notjson", "invalid notebook", "0"),
                                                 ("empty", "invalid notebook", "0"),
                                                 ("notanotebook", "invalid notebook", "0")])
def test_every_input_gets_a_row_with_its_reason(batch, name, status, total):
    row = batch["rows"][name]
    assert (row["status"], row["total"]) == (status, total), row
    if status != "ok":
        assert row["notes"]


def test_submissions_and_output_are_untouched(batch):
    for name, path in batch["subs"].items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == batch["digests"][name], name
    assert sorted(p.name for p in batch["out"].parent.iterdir()) == ["feedback", "grades.csv"]
    assert "_catalogue" not in batch["rows"]["redefine_everything"]["notes"]


def test_csv_names_seed_isolation_and_flags(batch):
    rows = batch["rows"]
    assert {r["seed"] for r in rows.values()} == {"7"}
    assert rows["fake_results"]["isolation"].split("+")[0] in ("bwrap", "unshare", "process-group")
    assert "imports_exercise_internals" in rows["redefine_everything"]["flags"]


def test_feedback_has_messages_and_hints(batch):
    text = (batch["out"].parent / "feedback" / "sigint_loop.md").read_text()
    assert "q1_perceptron_gates: 0/15 (timeout)" in text and "Hint:" in text


def test_order_does_not_matter_and_a_rerun_gives_the_same_csv(batch, tmp_path):
    pick = [batch["subs"]["always_equal"], batch["subs"]["v3"], batch["subs"]["notjson"]]
    # The default limits (60 s a cell and a question, 600 s a notebook): far above what these answers need even on
    # a loaded machine, so that no answer turns into a timeout in one order only.
    args = ["--quiz", str(batch["quiz"]), "--seed", "7", "-j", "2"]
    assert run_grader(pick, tmp_path / "a.csv", *args).returncode == 0
    assert run_grader(pick[::-1], tmp_path / "b.csv", *args).returncode == 0
    assert (tmp_path / "a.csv").read_text() == (tmp_path / "b.csv").read_text()


def test_private_tests_and_regrade(batch, tmp_path):
    tests = tmp_path / "private"
    tests.mkdir()
    (tests / "q4_softmax_temperature.json").write_text(json.dumps({"cases": [
        {"args": [[0.25, 3.0], 1.0], "expected": [0.0, 0.0], "note": "SECRET-SOURCE"}]}))
    out = tmp_path / "grades.csv"
    args = ["--quiz", str(batch["quiz"]), "--seed", "7", *LIMITS]
    assert run_grader([batch["subs"]["v3"]], out, *args).returncode == 0
    assert read_rows(out)["v3"]["q4_softmax_temperature"] == "15"
    proc = run_grader([batch["subs"]["v3"]], out, *args, "--tests", str(tests), "--regrade", "q4_softmax_temperature",
                      "--feedback", str(tmp_path / "fb"), "--gradescope", str(tmp_path / "results.json"))
    assert proc.returncode == 0, proc.stderr
    row = read_rows(out)["v3"]
    assert (row["q4_softmax_temperature"], row["q4_softmax_temperature_status"]) == ("0", "wrong")
    assert row["q1_perceptron_gates_status"] == "missing"
    text = (tmp_path / "fb" / "v3.md").read_text()
    assert "hidden test failed at input ([0.25, 3." in text and "SECRET" not in text
    result = json.loads((tmp_path / "results.json").read_text())
    assert {"score", "tests"} <= set(result)
    assert all({"name", "score", "max_score", "output", "visibility"} <= set(t) for t in result["tests"])


def test_honest_quiz_scores_60_untouched_0_and_a_diabetes_lookup_loses_the_model_points(tmp_path):
    nbformat.write(quiz(), tmp_path / "honest.ipynb")
    nbformat.write(quiz(solved=False), tmp_path / "untouched.ipynb")
    nbformat.write(with_fixture(quiz(), "diabetes_lookup"), tmp_path / "lookup.ipynb")
    out = tmp_path / "out" / "grades.csv"
    out.parent.mkdir()
    names = [tmp_path / f"{n}.ipynb" for n in ("honest", "untouched", "lookup")]
    proc = run_grader(names, out, "--quiz", "quiz_06", "-j", "2")
    assert proc.returncode == 0, proc.stderr
    rows = read_rows(out)
    assert (rows["honest"]["total"], rows["untouched"]["total"]) == ("60", "0"), rows
    assert rows["untouched"]["q1_perceptron_gates_status"] == "missing"
    assert (rows["lookup"]["q2_diabetes_r2"], rows["lookup"]["total"]) == ("10", "55"), rows["lookup"]


def test_gradescope_bundle_has_the_scripts_and_the_grader(tmp_path):
    import importlib.util
    import zipfile

    spec = importlib.util.spec_from_file_location("gradescope", ROOT / "tools" / "gradescope.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    names = zipfile.ZipFile(tool.pack("quiz_06", tmp_path / "autograder.zip")).namelist()
    assert {"setup.sh", "run_autograder", "course/nbhelpers/grading/cli.py"} <= set(names)


def test_process_group_fallback_kills_detached_grandchildren(tmp_path):
    """Without root or bubblewrap, processes that left the group are found by the run's environment marker."""
    import time

    from nbhelpers.grading import sandbox

    box = sandbox.Sandbox("process-group", tmp_path, slot=0)
    box.uid = None  # as a grader that is not root: no uid of its own to kill by
    script = ("import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n        time.sleep(60)\n"
              "    os._exit(0)\ntime.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, **box.env()}, start_new_session=True)
    marker = f"{sandbox.MARKER}={box.marker}".encode()
    for _ in range(100):
        if len(sandbox._pids_with_marker(marker)) >= 2:
            break
        time.sleep(0.05)
    assert len(sandbox._pids_with_marker(marker)) >= 2
    box.kill_all()
    assert proc.wait(timeout=5) != 0
    assert not sandbox._pids_with_marker(marker)
    box.release()


def test_two_gradings_at_once_never_share_a_uid(tmp_path):
    from nbhelpers.grading import sandbox

    if os.geteuid() != 0:
        pytest.skip("uids of their own need root")
    first, second = (sandbox.Sandbox("process-group", tmp_path, slot=0) for _ in range(2))
    try:
        assert first.uid != second.uid
    finally:
        first.release(), second.release()


def test_a_kernel_python_under_tmp_or_a_hidden_folder_stays_visible(tmp_path):
    from nbhelpers.grading.sandbox import Sandbox

    python = tmp_path / "clone" / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.touch()
    box = Sandbox("bwrap", tmp_path / "run", 0, hide=[tmp_path / "clone"])
    try:
        argv = box.wrap([str(python), "-m", "ipykernel_launcher"])
    finally:
        box.release()
    binds = {argv[i + 1] for i, word in enumerate(argv) if word == "--ro-bind"}
    assert str((tmp_path / "clone" / ".venv").resolve()) in binds   # bound on top of the tmpfs over /tmp
    assert argv.index("/tmp") < argv.index(str((tmp_path / "clone" / ".venv").resolve()))
