"""The exercises of 07_autodiff: references pass, typical mistakes are named, broken answers get feedback.

``WRONG_AUTODIFF`` has the same form as ``WRONG`` in test_quiz_catalogue.py (answer, expected mistake id),
so that file can take these cases over with ``WRONG.update(WRONG_AUTODIFF)``.
"""
import numpy as np
import pytest

from nbhelpers import quiz
from nbhelpers.grading.judge import question_rng
from nbhelpers.quiz import _core, get_exercise

IDS = ["tanh_backward", "div_backward", "topological_order", "grad_f"]


def _reference(ex_id):
    return get_exercise(ex_id).reference


def _visit_all(root):
    """Depth-first post-order without a visited set: a shared node is listed once per path."""
    order = []

    def visit(node):
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def _breadth_first_reversed(root):
    """Each node once, ordered by distance from the root, farthest first: not topological."""
    order, seen, queue = [], {id(root)}, [root]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for parent in node.parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                queue.append(parent)
    return order[::-1]


def _by_hand_one_path(x, y):
    """df/dx through tanh only (x as a factor forgotten), df/dy right."""
    t, d = np.tanh(x * y), 1 + y ** 2
    return x * y * (1 - t ** 2) / d, x * x * (1 - t ** 2) / d - x * t * 2 * y / d ** 2


def _constant_denominator(x, y):
    t, d = np.tanh(x * y), 1 + y ** 2
    return (t + x * y * (1 - t ** 2)) / d, x * x * (1 - t ** 2) / d


WRONG_AUTODIFF = {
    "tanh_backward": [
        (lambda a, g: 1 - np.tanh(a) ** 2, "forgot_grad_out"),
        (lambda a, g: np.tanh(a) * g, "used_tanh"),
        (lambda a, g: (1 - a ** 2) * g, "derivative_wrt_output"),
        (lambda a, g: (np.tanh(a) ** 2 - 1) * g, "sign_flipped"),
    ],
    "div_backward": [
        (lambda a, b, g: (1 / b, -a / b ** 2), "forgot_grad_out"),
        (lambda a, b, g: (g / b, a * g / b ** 2), "sign_flipped"),
        (lambda a, b, g: (g / b, -g / b ** 2), "missing_a"),
        (lambda a, b, g: (-a * g / b ** 2, g / b), "swapped"),
        (lambda a, b, g: g / b, "wrong_shape"),
    ],
    "topological_order": [
        (lambda root: _reference("topological_order")(root)[::-1], "order_reversed"),
        (_visit_all, "duplicates"),
        (lambda root: [n for n in _reference("topological_order")(root) if n.parents], "missing_leaves"),
        (lambda root: _reference("topological_order")(root)[:-1], "missing_root"),
        (_breadth_first_reversed, "not_topological"),
        (lambda root: [n.data for n in _reference("topological_order")(root)], "returned_data"),
    ],
    "grad_f": [
        (lambda x, y: _reference("grad_f")(x, y)[::-1], "swapped"),
        (lambda x, y: x * np.tanh(x * y) / (1 + y ** 2), "returned_value"),
        (_by_hand_one_path, "missed_a_path"),
        (_constant_denominator, "ignored_denominator"),
    ],
}


def _check(ex_id, answer, seed=None):
    """The check as the notebook runs it (seed None) or as the grader does, on its hidden inputs."""
    rng = None if seed is None else question_rng(seed, ex_id)
    return _core.run_check(get_exercise(ex_id), answer, rng=rng)


@pytest.mark.parametrize("ex_id", IDS)
def test_reference_passes_in_the_notebook_and_on_hidden_inputs(ex_id):
    for seed in (None, *range(6)):
        result = _check(ex_id, _reference(ex_id), seed)
        assert result.status == "pass", (seed, result.message)


@pytest.mark.parametrize("ex_id", IDS)
def test_solution_code_alone_passes(ex_id):
    namespace = {"np": np}
    exec(get_exercise(ex_id).solution_code(), namespace)  # noqa: S102 - our own reference code
    assert _check(ex_id, namespace[ex_id]).status == "pass"


CASES = [(ex_id, i) for ex_id, wrongs in WRONG_AUTODIFF.items() for i in range(len(wrongs))]


@pytest.mark.parametrize("ex_id, i", CASES, ids=[f"{e}-{WRONG_AUTODIFF[e][i][1]}" for e, i in CASES])
def test_typical_wrong_answer_is_named_with_its_hint(ex_id, i):
    answer, mistake = WRONG_AUTODIFF[ex_id][i]
    for seed in (None, 11, 12):
        result = _check(ex_id, answer, seed)
        assert result.status == "fail" and result.points == 0, (seed, result.message)
        assert result.mistake == mistake, (seed, result.message)
        assert "Traceback" not in result.message
        if mistake != "wrong_shape":
            assert "It looks like" in result.message and "Hint:" in result.message, result.message


def test_every_exercise_has_at_least_three_wrong_answers():
    assert set(WRONG_AUTODIFF) == set(IDS) == set(quiz.exercises("07_autodiff"))
    assert all(len({m for _, m in wrongs}) >= 3 for wrongs in WRONG_AUTODIFF.values())


def _stub(*args):
    raise NotImplementedError


def _raises(*args):
    raise ValueError("math domain error")


@pytest.mark.parametrize("ex_id", IDS)
@pytest.mark.parametrize("answer, statuses", [
    (_stub, {"not_done"}), (Ellipsis, {"not_done"}), (_raises, {"error"}),
    (lambda *args: float("nan"), {"fail"}), (lambda *args: np.full(3, np.nan), {"fail"}),
    (lambda *args: np.zeros((7, 5)), {"fail"}), (lambda *args: "a string", {"fail"}),
    (lambda *args: None, {"fail", "not_done"}),  # the framework takes a bare `return None` for a stub
    ("not a function", {"fail"}),
], ids=["stub", "ellipsis", "raises", "nan", "nan_array", "wrong_shape", "string", "none", "not_a_function"])
def test_broken_answers_get_feedback_not_a_traceback(ex_id, answer, statuses):
    result = _check(ex_id, answer, 11)
    assert result.status in statuses and result.points == 0, result.message
    assert result.mistake != "checker_bug" and "Traceback" not in result.message and result.message.strip()


@pytest.mark.parametrize("ex_id", IDS)
def test_untouched_notebook_stub_is_not_done(ex_id):
    namespace = {}
    exec(get_exercise(ex_id).stub, namespace)  # noqa: S102
    assert _check(ex_id, namespace[ex_id]).status == "not_done"


def test_the_course_functions_themselves_are_refused():
    from nbhelpers import autodiff

    for ex_id, func in [("tanh_backward", autodiff.tanh_backward), ("div_backward", autodiff.div_backward),
                        ("topological_order", autodiff.topological_order)]:
        assert _check(ex_id, func).mistake == "used_reference"


def test_topological_order_is_checked_on_unpredictable_graphs_with_shared_nodes():
    from nbhelpers.autodiff import topological_order
    from nbhelpers.quiz._catalogue.autodiff import _random_graph

    texts = set()
    for seed in range(20):
        root = _random_graph(np.random.default_rng(seed))
        nodes = topological_order(root)
        uses = [id(p) for n in nodes for p in n.parents]
        assert any(n.parents[0] is n.parents[-1] for n in nodes if len(n.parents) == 2)  # a node used twice by one op
        assert sum(uses.count(id(n)) > 1 for n in nodes) >= 2  # shared sub-expressions
        assert len({n.label for n in nodes}) == len(nodes)  # labels name the nodes in messages
        texts.add(tuple(n.label for n in nodes))
    assert len(texts) >= 15


def test_a_list_of_other_values_is_not_accepted():
    from nbhelpers.autodiff import Value

    result = _check("topological_order", lambda root: [Value(1.0, label="x1"), Value(2.0, label="zz"), root])
    assert result.status == "fail" and result.mistake in ("missing_nodes", "missing_leaves", "unknown_nodes")
