"""Predict-first questions (nbhelpers.predict): recording a guess, revealing the answer."""
import json
import re
from pathlib import Path

import pytest

from nbhelpers import predict as pr


@pytest.fixture(autouse=True)
def _fresh():
    pr._recorded.clear()
    yield
    pr._recorded.clear()


def test_an_unanswered_prediction_records_nothing_and_the_reveal_still_explains(capsys):
    pr.predict("05_parameter_count")
    assert "No prediction recorded" in capsys.readouterr().out
    assert pr.reveal("05_parameter_count", 30) is None
    assert "The experiment says 30. Why:" in capsys.readouterr().out


@pytest.mark.parametrize("guess, right", [(30, True), ("30", True), (25, False)])
def test_a_number_is_judged_within_the_tolerance(capsys, guess, right):
    pr.predict("05_parameter_count", guess)
    assert pr.reveal("05_parameter_count", 30) is right
    assert ("You predicted it." in capsys.readouterr().out) is right


def test_a_choice_is_matched_without_case_or_spaces(capsys):
    pr.predict("04_gradient_at_3", "  Sigmoid ")
    assert pr.reveal("04_gradient_at_3", "sigmoid") is True
    pr.predict("04_gradient_at_3", "tanh")
    assert pr.reveal("04_gradient_at_3", "sigmoid") is False
    assert "You predicted 'tanh'." in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["maybe", None, float("nan")])
def test_an_answer_that_is_not_allowed_is_not_recorded(capsys, bad):
    qid = "04_gradient_at_3" if bad == "maybe" else "08_r2_of_mean"
    pr.predict(qid, bad)
    assert "Not recorded" in capsys.readouterr().out and qid not in pr._recorded


def test_unknown_question_and_impossible_result_raise_clear_errors():
    with pytest.raises(KeyError, match="question_id must be one of"):
        pr.predict("no_such_question", 1)
    with pytest.raises(ValueError, match="actual must be what the experiment found"):
        pr.reveal("04_gradient_at_3", "neither")


def test_rounding_noise_does_not_show(capsys):
    pr.reveal("08_r2_of_mean", 2.2e-16)
    assert "The experiment says 0." in capsys.readouterr().out


def test_every_notebook_01_to_10_asks_two_questions_each_revealed_by_the_next_cell():
    notebooks = sorted(Path(__file__).parents[1].glob("notebooks/[01][0-9]_*.ipynb"))
    asked = set()
    for path in notebooks:
        if path.name.startswith("00"):
            continue
        cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
        sources = ["".join(c["source"]) for c in cells]
        ids = [m for s in sources for m in re.findall(r'^predict\("([^"]+)"', s, re.M)]
        assert len(ids) >= 2, path.name
        for qid in ids:
            k = next(i for i, s in enumerate(sources) if f'predict("{qid}"' in s)
            revealed = next(i for i, s in enumerate(sources) if f'reveal("{qid}"' in s)
            assert revealed in (k + 1, k + 2), (path.name, qid)   # the experiment, or the cell right after it
            assert qid.startswith(path.name[:2])
        asked |= set(ids)
    assert asked == set(pr.QUESTIONS)
