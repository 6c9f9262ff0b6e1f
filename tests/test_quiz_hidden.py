"""Hidden inputs: every checker of a function exercise also judges on inputs drawn at check time.

In a graded run the inputs come from the grading seed (``judge.question_rng``), so an
answer that only knows the notebook's inputs fails, typical wrong answers are still
named with their hint, and broken answers get feedback, never a traceback. Overflow
is judged by the values on extreme inputs, never by warnings the answer can switch off.
"""
import pickle
import warnings

import numpy as np
import pytest

from nbhelpers.grading.judge import question_rng
from nbhelpers.quiz import _core, get_exercise
from nbhelpers.quiz._catalogue import EXERCISES
from test_quiz_catalogue import WRONG, fresh  # noqa: F401 - fresh: autouse

# Every exercise whose answer is a function: value exercises (xor_weights, ...) have no inputs to draw, and
# q2_diabetes_r2 (its model judged on rows drawn at grading time) has its own test in test_quiz_fixes.py.
HIDDEN = [ex_id for ex_id, ex in EXERCISES.items() if ex.kind == "function" and ex_id != "q2_diabetes_r2"]
SEEDS = (11, 12)


def graded(ex_id, answer, seed):
    """The check as the grader runs it: inputs drawn from the grading seed."""
    return _core.run_check(get_exercise(ex_id), answer, rng=question_rng(seed, ex_id))


@pytest.mark.parametrize("ex_id", HIDDEN)
def test_the_inputs_depend_on_the_grading_seed(ex_id):
    ex = get_exercise(ex_id)
    seen = []
    for seed in SEEDS:
        calls = set()

        def recorder(*args, **kwargs):
            calls.add(_key(args, kwargs))
            return ex.reference(*args, **kwargs)

        assert graded(ex_id, recorder, seed).status == "pass"
        seen.append(calls)
    assert seen[0] != seen[1]


@pytest.mark.parametrize("ex_id", HIDDEN)
def test_reference_passes_on_every_hidden_draw(ex_id):
    ex = get_exercise(ex_id)
    for seed in range(8):
        result = graded(ex_id, ex.reference, seed)
        assert result.status == "pass", (seed, result.message)


def _key(args, kwargs):
    return pickle.dumps((args, sorted(kwargs.items())))


@pytest.mark.parametrize("ex_id", HIDDEN)
def test_a_table_of_the_notebook_inputs_fails_the_hidden_ones(ex_id):
    ex = get_exercise(ex_id)
    table = {}

    def recorder(*args, **kwargs):
        key = _key(args, kwargs)  # before the call: a random generator among the inputs is drawn from
        table[key] = value = ex.reference(*args, **kwargs)
        return value

    def lookup(*args, **kwargs):
        return table.get(_key(args, kwargs), np.zeros(1))

    assert _core.run_check(ex, recorder).status == "pass"
    assert _core.run_check(ex, lookup).status == "pass"  # it knows every input the notebook's check uses
    for seed in SEEDS:
        result = graded(ex_id, lookup, seed)
        assert result.status != "pass", (seed, result.message)
        assert "Traceback" not in result.message


CORPUS = [(ex_id, i) for ex_id in HIDDEN for i in range(len(WRONG[ex_id]))]


def test_every_hidden_exercise_has_three_wrong_answers():
    assert all(len(WRONG[ex_id]) >= 3 for ex_id in HIDDEN)


@pytest.mark.parametrize("ex_id, i", CORPUS, ids=[f"{e}-{WRONG[e][i][1]}" for e, i in CORPUS])
def test_typical_wrong_answers_are_named_on_hidden_inputs(ex_id, i):
    answer, mistake = WRONG[ex_id][i]
    for seed in SEEDS:
        result = graded(ex_id, answer, seed)
        assert result.status in ("fail", "error"), (seed, result.message)
        assert mistake in result.mistake.split(","), (seed, result.message)
        assert "Traceback" not in result.message
        if mistake not in ("raised", "wrong_type", "wrong_shape"):
            assert "It looks like" in result.message and "Hint:" in result.message, result.message


def stub(*args, **kwargs):
    ...


def raises(*args, **kwargs):
    raise ValueError("shapes (3,2) and (3,2) not aligned")


def nan_answer(*args, **kwargs):
    return np.full(3, np.nan)


def wrong_shape(*args, **kwargs):
    return np.zeros((7, 5))


@pytest.mark.parametrize("ex_id", HIDDEN)
@pytest.mark.parametrize("answer", [stub, raises, nan_answer, wrong_shape, "not a function"],
                         ids=["stub", "raises", "nan", "wrong_shape", "not_a_function"])
def test_broken_answers_get_feedback_not_a_traceback(ex_id, answer):
    result = graded(ex_id, answer, SEEDS[0])
    assert result.status in ("not_done", "fail", "error"), result.message
    assert result.points == 0 and result.mistake != "checker_bug", result.message
    assert "Traceback" not in result.message and result.message.strip()


# --- overflow: judged by the values at extreme inputs, in the process that compares ------------------
def silent_naive_sigmoid(z):
    np.seterr(all="ignore")  # what a student can do to hide the overflow warning
    warnings.simplefilter("ignore")
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def loud_stable_sigmoid(z):
    z = np.asarray(z, dtype=float)
    with np.errstate(over="warn"):  # evaluates both branches: warns, yet every value is right
        return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def silent_naive_temperature(z, T, axis=-1):
    np.seterr(all="ignore")
    warnings.simplefilter("ignore")
    e = np.exp(np.asarray(z, dtype=float) / T)
    return e / e.sum(axis=axis, keepdims=True)


def loud_temperature(z, T, axis=-1):
    warnings.warn("overflow encountered in exp", RuntimeWarning)
    s = np.asarray(z, dtype=float) / T
    e = np.exp(s - np.max(s, axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("seed", [None, 5])
def test_overflow_is_judged_by_values_not_by_warnings(seed):
    def run(ex_id, answer):
        rng = None if seed is None else question_rng(seed, ex_id)
        return _core.run_check(get_exercise(ex_id), answer, rng=rng)

    result = run("sigmoid", silent_naive_sigmoid)
    assert (result.status, result.mistake) == ("fail", "unstable_sigmoid"), result.message
    assert run("sigmoid", loud_stable_sigmoid).status == "pass"
    result = run("q4_softmax_temperature", silent_naive_temperature)
    assert (result.points, result.mistake) == (10, "not_max_shifted"), result.message
    assert run("q4_softmax_temperature", loud_temperature).points == 15
