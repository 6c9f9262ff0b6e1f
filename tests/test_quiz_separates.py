"""The exercise `separates` of 03_linear_separability: reference, named mistakes, stubs, odd answers."""
import numpy as np
import pytest

from nbhelpers import quiz
from nbhelpers.quiz import check, hint, solution
from nbhelpers.quiz._catalogue import EXERCISES
from nbhelpers.quiz._catalogue.separability import SEPARATES_CASES, separates


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    for var in ("NBHELPERS_GRADING", "NBHELPERS_RESULTS", "NBHELPERS_SOLUTIONS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NBHELPERS_CHECK_TIMEOUT", "5")
    quiz.reset()
    yield
    quiz.reset()


def z_of(w, X):
    return np.hstack([np.ones((len(X), 1)), X]) @ w


def loop_answer(w, X, y):
    for x, t in zip(X, y):
        if (w[0] + w[1] * x[0] + w[2] * x[1] >= 0) != t:
            return False
    return True


def first_point_only(w, X, y):
    for x, t in zip(X, y):
        return (w[0] + w[1] * x[0] + w[2] * x[1] >= 0) == t


CORRECT = [
    separates,
    lambda w, X, y: bool(np.all((z_of(w, X) >= 0).astype(int) == y)),
    lambda w, X, y: np.all((z_of(w, X) >= 0) == y),               # an np.bool_ is one bool too
    lambda w, X, y: int(np.sum((z_of(w, X) >= 0) != y) == 0),     # so are 0 and 1
    lambda w, X, y: np.array(np.all((z_of(w, X) >= 0) == y)),     # and a 0-d array
    loop_answer,
]

WRONG = [
    (lambda w, X, y: bool(np.all((z_of(w, X) > 0) == y)), "strict_inequality"),
    (lambda w, X, y: bool(np.all((X @ w[1:] >= 0) == y)), "missing_bias"),
    (lambda w, X, y: bool(np.all((X @ w[:2] + w[2] >= 0) == y)), "bias_last"),
    (lambda w, X, y: bool(np.all((z_of(w, X) < 0) == y)), "labels_flipped"),
    (lambda w, X, y: bool(np.all((z_of(w, X) <= 0) == y)), "labels_flipped"),
    (lambda w, X, y: bool(np.all((z_of(w, X) >= 0) == y) or np.all((z_of(w, X) >= 0) != y)), "labels_flipped"),
    (lambda w, X, y: bool(np.any((z_of(w, X) >= 0) == y)), "only_some_points"),
    (first_point_only, "only_some_points"),
    (lambda w, X, y: (z_of(w, X) >= 0) == y, "returned_array"),
    (lambda w, X, y: list((z_of(w, X) >= 0) == y), "returned_array"),
]


@pytest.mark.parametrize("answer", CORRECT)
def test_correct_answers_pass(answer, capsys):
    result = check("separates", answer)
    assert (result.status, result.points) == ("pass", 5), result.message
    assert capsys.readouterr().out.startswith("\u2714 separates: correct! 5/5 points.")


def test_the_cases_cover_both_answers_and_the_boundary():
    answers = [separates(w, X, y) for w, X, y in SEPARATES_CASES]
    assert True in answers and False in answers
    on_line = [np.any(z_of(np.array(w), np.array(X)) == 0) for w, X, _ in SEPARATES_CASES]
    assert any(on_line)


@pytest.mark.parametrize("answer, mistake", WRONG, ids=[f"{m}-{i}" for i, (_, m) in enumerate(WRONG)])
def test_typical_wrong_answers_are_named_with_their_hint(answer, mistake, capsys):
    result = check("separates", answer)
    out = capsys.readouterr().out
    assert result.status == "fail" and result.points == 0, result.message
    assert result.mistake == mistake, result.message
    assert "It looks like" in result.message and "Hint:" in result.message
    assert "More help: hint('separates')." in result.message
    assert out.strip() == result.message
    assert "Traceback" not in out


def test_strict_inequality_message_shows_the_point_on_the_line():
    result = check("separates", WRONG[0][0])
    assert "w . x_aug = [-1, 0, 0, 1]: expected True, got False." in result.message
    assert ">= 0" in result.message


def test_an_array_answer_gets_shape_feedback():
    result = check("separates", WRONG[8][0])
    assert "an array of shape (4,) and dtype bool" in result.message
    assert "shape ()" in result.message


def test_always_true_or_false_is_rejected_without_a_wrong_name():
    for constant in (True, False):
        result = check("separates", lambda w, X, y, c=constant: c)
        assert result.status == "fail" and result.mistake == "", result.message


def stub_ellipsis(w, X, y):
    ...


def stub_raises(w, X, y):
    raise NotImplementedError


@pytest.mark.parametrize("stub", [stub_ellipsis, stub_raises, Ellipsis])
def test_stub_is_not_done(stub, capsys):
    result = check("separates", stub)
    assert (result.status, result.points) == ("not_done", 0)
    assert "not done yet" in capsys.readouterr().out


def test_the_catalogue_stub_is_not_done():
    namespace = {"np": np}
    exec(EXERCISES["separates"].stub, namespace)  # noqa: S102 - our own stub
    assert check("separates", namespace["separates"]).status == "not_done"


def raises_type_error(w, X, y):
    return bool(np.all((X @ w >= 0) == y))  # w has one entry more than a row of X


def raises_zero_division(w, X, y):
    return 1 / 0


def forgot_return(w, X, y):
    bool(np.all((z_of(w, X) >= 0) == y))


@pytest.mark.parametrize("answer, status, mistake, text", [
    (raises_type_error, "error", "raised", "if it is about shapes: w has 3 entries"),
    (raises_zero_division, "error", "raised", "ZeroDivisionError"),
    (lambda w, X, y: float("nan"), "fail", "wrong_type", "returned nan (a float)"),
    (lambda w, X, y: np.mean((z_of(w, X) >= 0) == y), "fail", "wrong_type", "fraction of points"),
    (lambda w, X, y: "yes", "fail", "wrong_type", "it should return True or False"),
    (lambda w, X, y: 2, "fail", "wrong_type", "it should return True or False"),
    (forgot_return, "fail", "returned_none", "returned None"),
    (lambda w, X, y: print(True), "fail", "returned_none", "use `return`"),
    (lambda w, X, y: [True, [1, 2]], "fail", "returned_array", "a list of length 2"),
    (True, "fail", "not_a_function", "Expected a function here"),
    ("separates", "fail", "not_a_function", "Expected a function here"),
])
def test_odd_answers_get_feedback_and_never_raise(answer, status, mistake, text, capsys):
    result = check("separates", answer)
    out = capsys.readouterr().out
    assert (result.status, result.mistake) == (status, mistake), result.message
    assert result.points == 0
    assert text in result.message
    assert "Traceback" not in out


def test_changing_the_inputs_in_place_is_reported():
    def separates_in_place(w, X, y):
        X *= 1.0
        X[:, 0] += 0.0
        w[0] = w[0] + 1.0
        return bool(np.all((z_of(w, X) >= 0) == y))

    result = check("separates", separates_in_place)
    assert result.mistake == "mutated_input" and "w" in result.message


def test_hints_and_solution(capsys):
    ex = EXERCISES["separates"]
    assert ex.notebook == "03_linear_separability" and ex.points == 5 and len(ex.hints) == 3
    for _ in range(3):
        hint("separates")
    out = capsys.readouterr().out
    assert "Hint 1 of 3" in out and "Hint 3 of 3" in out and "That is the last hint." in out
    solution("separates")
    code = capsys.readouterr().out.split("\n", 2)[2]
    namespace = {"np": np}
    exec(code, namespace)  # noqa: S102 - the printed reference
    assert check("separates", namespace["separates"]).passed


def test_listed_in_the_catalogue_docstring():
    assert "separates (``separates(w, X, y)``" in quiz.__doc__
    assert quiz.exercises("03_linear_separability") == ["xor_weights", "separates"]
