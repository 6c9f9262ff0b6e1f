"""The checker machinery: stubs, errors, prints, nan, shapes, mutation, time limits, hints, solutions, grading mode."""
import json
import threading

import numpy as np
import pytest

from nbhelpers import quiz
from nbhelpers.quiz import _core, _runner, check, hint, report, score, solution
from nbhelpers.quiz._catalogue import EXERCISES


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    for var in ("NBHELPERS_GRADING", "NBHELPERS_RESULTS", "NBHELPERS_SOLUTIONS", "NBHELPERS_CHECK_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)
    quiz.reset()
    yield
    quiz.reset()


@pytest.mark.parametrize("ex_id", list(EXERCISES))
def test_reference_solution_passes_its_checker(ex_id, capsys):
    ex = EXERCISES[ex_id]
    result = check(ex_id, ex.reference_answer())
    assert result.status == "pass", result.message
    assert result.points == ex.points
    assert capsys.readouterr().out.startswith(f"\u2714 {ex_id}: correct!")


@pytest.mark.parametrize("ex_id", list(EXERCISES))
def test_solution_code_defines_an_answer_that_passes(ex_id, capsys):
    ex = EXERCISES[ex_id]
    namespace = {"np": np, **{f.__name__: f for f in ex.uses}}  # what earlier cells of the notebook define
    exec(ex.solution_code(), namespace)  # noqa: S102 - our own reference code
    assert check(ex_id, namespace[ex.answer_name]).status == "pass"


@pytest.mark.parametrize("ex_id", list(EXERCISES))
def test_untouched_stub_is_not_done(ex_id, capsys):
    ex = EXERCISES[ex_id]
    namespace = {"np": np, **{f.__name__: f for f in ex.uses}}  # what earlier cells of the notebook define
    exec(ex.stub, namespace)  # noqa: S102
    result = check(ex_id, namespace[ex.answer_name])
    assert result.status == "not_done"
    assert result.points == 0
    assert "not done yet" in capsys.readouterr().out


def stub_ellipsis(z):
    ...


def stub_pass(z):
    pass


def stub_docstring(z):
    """Return the answer."""


def stub_raises(z):
    raise NotImplementedError


@pytest.mark.parametrize("stub", [stub_ellipsis, stub_pass, stub_docstring, stub_raises, Ellipsis])
def test_every_kind_of_stub_is_not_done(stub, capsys):
    result = check("relu", stub)
    assert result.status == "not_done"
    assert "not done yet" in result.message
    assert "Traceback" not in capsys.readouterr().out


def test_exception_in_reader_code_is_reported_not_raised():
    def relu(z):
        return z / 0 + undefined_name  # noqa: F821

    result = check("relu", relu)
    assert result.status == "error"
    assert "NameError" in result.message
    assert result.mistake == "raised"


def test_error_hint_appears_when_code_raises():
    def predict_logistic(theta, X):
        return (X @ theta >= 0).astype(int)

    result = check("predict_logistic", predict_logistic)
    assert result.status == "error"
    assert "column of ones" in result.message


def test_printing_instead_of_returning(capsys):
    def relu(z):
        print(np.maximum(z, 0))

    result = check("relu", relu)
    assert result.mistake == "returned_none"
    assert "use `return`" in result.message
    out = capsys.readouterr().out
    assert "[[0." not in out  # the reader's print is captured, not shown


def test_none_returned():
    def relu(z):
        np.maximum(z, 0)

    result = check("relu", relu)
    assert result.mistake == "returned_none"
    assert "forget the `return`" in result.message


def test_nan_result():
    result = check("relu", lambda z: np.full_like(z, np.nan))
    assert result.status == "fail"
    assert result.mistake == "not_finite"
    assert "nan" in result.message


def test_wrong_shape_names_both_shapes():
    result = check("relu", lambda z: np.maximum(z, 0).ravel())
    assert result.mistake == "wrong_shape"
    assert "(6,)" in result.message and "(2, 3)" in result.message


def test_transposed_result_is_named():
    result = check("relu", lambda z: np.maximum(z, 0).T)
    assert result.mistake == "wrong_shape"
    assert "transposed" in result.message


def test_wrong_type():
    result = check("relu", lambda z: "a string")
    assert result.status == "fail"
    assert result.mistake == "wrong_type"


def test_input_mutation_is_detected():
    def relu(z):
        z[z < 0] = 0
        return z

    result = check("relu", relu)
    assert result.mistake == "mutated_input"
    assert "in place" in result.message


def test_infinite_loop_hits_the_time_limit(monkeypatch):
    monkeypatch.setenv("NBHELPERS_CHECK_TIMEOUT", "0.5")

    def relu(z):
        while True:
            pass

    result = check("relu", relu)
    assert result.status == "error"
    assert result.mistake == "timeout"
    assert "did not finish" in result.message and "0.5 seconds" in result.message


def test_time_limit_also_works_outside_the_main_thread():
    box = {}

    def spin():
        while True:
            pass

    def run():
        box["outcome"] = _runner.safe_call(spin, timeout=0.3)

    t = threading.Thread(target=run)
    t.start()
    t.join(10)
    assert box["outcome"].kind == "timeout"


def test_reader_catching_exception_does_not_swallow_the_time_limit(monkeypatch):
    monkeypatch.setenv("NBHELPERS_CHECK_TIMEOUT", "0.3")

    def relu(z):
        while True:
            try:
                pass
            except Exception:
                pass

    assert check("relu", relu).mistake == "timeout"


def test_overflow_warning_of_reader_code_is_captured_not_shown(recwarn):
    result = check("sigmoid", lambda z: 1 / (1 + np.exp(-np.asarray(z, dtype=float))))
    assert result.mistake == "unstable_sigmoid"
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]


def test_passing_the_nbhelpers_reference_is_refused():
    from nbhelpers import activations

    result = check("sigmoid", activations.sigmoid)
    assert result.status == "fail"
    assert result.mistake == "used_reference"


def test_passing_the_function_call_instead_of_the_function():
    result = check("relu", np.zeros(3))
    assert result.status == "fail"
    assert result.mistake == "not_a_function"


def test_unknown_exercise_never_raises(capsys):
    result = check("sigmoid_prme", lambda z: z)
    assert result.status == "error"
    assert "Did you mean 'sigmoid_prime'" in capsys.readouterr().out


def test_output_is_deterministic(capsys):
    def sigmoid_prime(z):
        return 1 / (1 + np.exp(-z))

    first = check("sigmoid_prime", sigmoid_prime).message
    second = check("sigmoid_prime", sigmoid_prime).message
    assert first == second
    assert "0x" not in first


def test_result_repr_is_short():
    result = check("relu", lambda z: np.maximum(z, 0))
    assert repr(result) == "CheckResult('relu', 'pass', 5/5)"
    assert result.passed
    assert result._ipython_display_() is None


def test_hints_come_in_tiers(capsys):
    ex = EXERCISES["softmax"]
    for tier in range(len(ex.hints) + 1):
        hint("softmax")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Hint 1 of 3 for softmax: {ex.hints[0]}"
    assert out[1] == f"Hint 2 of 3 for softmax: {ex.hints[1]}"
    assert out[2] == f"Hint 3 of 3 for softmax: {ex.hints[2]}"
    assert "last hint" in out[3]


def test_solution_shows_reference_source(capsys):
    solution("sigmoid_prime")
    out = capsys.readouterr().out
    assert "def sigmoid_prime(z):" in out and "return s * (1 - s)" in out


@pytest.mark.parametrize("env", [("NBHELPERS_SOLUTIONS", "off"), ("NBHELPERS_GRADING", "1")])
def test_solution_refuses_when_switched_off_or_graded(env, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(*env)
    monkeypatch.setenv("NBHELPERS_RESULTS", str(tmp_path / "r.jsonl"))
    solution("sigmoid_prime")
    out = capsys.readouterr().out
    assert "switched off" in out
    assert "def sigmoid_prime" not in out and "s * (1 - s)" not in out


def test_check_never_writes_results_anywhere(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("NBHELPERS_GRADING", "1")
    monkeypatch.setenv("NBHELPERS_RESULTS", str(tmp_path / "results.jsonl"))
    check("relu", lambda z: np.maximum(z, 0))
    assert not (tmp_path / "results.jsonl").exists()
    assert "NBHELPERS_RESULT" not in capsys.readouterr().out


def test_without_the_catalogue_check_says_the_grader_decides(tmp_path):
    """The graded kernel's nbhelpers has no catalogue: check, hint and solution stay friendly."""
    import subprocess
    import sys
    from pathlib import Path

    from nbhelpers.grading.sandbox import student_library

    lib = student_library(tmp_path, Path(quiz.__file__).resolve().parents[1])
    code = ("from nbhelpers.quiz import check, hint, solution\n"
            "r = check('relu', abs); hint('relu'); solution('relu')\n"
            "import importlib.util as u; print(u.find_spec('nbhelpers.quiz._catalogue'), u.find_spec('nbhelpers.grading'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(lib), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert "the grader checks relu itself" in out.stdout
    assert out.stdout.strip().endswith("None None")


def test_score_and_report_add_up_the_notebook(capsys):
    check("q3_sigmoid_net_from_tanh", EXERCISES["q3_sigmoid_net_from_tanh"].reference)
    check("q4_softmax_temperature", stub_ellipsis)
    total = score("quiz_06")
    assert (total.points, total.max_points) == (15, 60)
    capsys.readouterr()
    report("quiz_06")
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Score for quiz_06: 15/60 points"
    assert "q3_sigmoid_net_from_tanh  15/15  correct" in out
    assert "q1_perceptron_gates        0/15  not checked yet" in out


def test_exercise_ids_and_points():
    assert quiz.exercises("quiz_06") == ["q1_perceptron_gates", "q2_diabetes_r2", "q3_sigmoid_net_from_tanh",
                                         "q4_softmax_temperature"]
    assert sum(EXERCISES[e].points for e in quiz.exercises("quiz_06")) == 60
    for ex in EXERCISES.values():
        assert len(ex.hints) >= 2 and ex.task and ex.notebook
        assert ex.id in quiz.__doc__


def test_a_bug_in_a_checker_is_reported_not_raised(monkeypatch):
    ex = EXERCISES["relu"]

    def broken(ctx, answer):
        raise KeyError("oops")

    monkeypatch.setattr(ex, "checker", broken)
    result = check("relu", lambda z: z)
    assert result.status == "error" and result.mistake == "checker_bug"


def test_is_stub_does_not_flag_real_functions():
    assert _runner.is_stub(stub_ellipsis) and _runner.is_stub(stub_pass)
    assert not _runner.is_stub(lambda z: z)
    assert not _runner.is_stub(np.maximum)


def test_fmt_is_stable():
    assert _core.fmt(np.array([0.1, -0.0, 2.0])) == "[0.1, 0. , 2. ]"
    assert _core.fmt(0.25) == "0.25"
