"""Inputs that are not plain data: a random generator, a test function, a graph of Values.

numerical_gradient gets a function, init_params a np.random.Generator, train both, and
topological_order a graph of ``nbhelpers.autodiff.Value``. The grader sends each as what
makes it (:mod:`nbhelpers.grading.wire`), the kernel makes it again, and nothing but plain
data and the numbers of the sent nodes comes back. First the wire itself, then the agent's
code in this process behind a :class:`Remote`, then graded notebooks in sandboxed kernels.
"""
import csv
import inspect
import json
import re
import subprocess
import sys

import nbformat
import numpy as np
import pytest

from nbhelpers.autodiff import Value, topological_order
from nbhelpers.grading import agent, sandbox, wire
from nbhelpers.grading.judge import question_rng
from nbhelpers.grading.remote import Remote
from nbhelpers.quiz import _core, get_exercise
from nbhelpers.quiz._catalogue import EXERCISES
from nbhelpers.quiz._catalogue.autodiff import TO_DUPLICATES, TO_REVERSED, _random_graph
from nbhelpers.quiz._catalogue.training import (IP_GLOBAL, IP_TRANSPOSED, NG_FORWARD, NG_NOT_RESTORED,
                                                TRAIN_SLIPS)
from test_quiz_autodiff import WRONG_AUTODIFF, _visit_all
from test_quiz_thread import WRONG_THREAD

IDS = ["numerical_gradient", "init_params", "train", "topological_order"]
HELPERS = ["forward_pass", "se_output", "backward", "sgd_step"]  # what train calls, written in earlier cells


def round_trip(args, kwargs=None):
    """The grader's call as the kernel reads it (through JSON), with the grader's Nodes."""
    data, nodes = wire.encode_call(args, kwargs or {})
    args, kwargs, made = wire.decode_call(json.loads(json.dumps(data)))
    return args, kwargs, made, nodes


# --- the wire ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["PCG64", "PCG64DXSM", "MT19937", "Philox", "SFC64"])
def test_a_generator_arrives_in_the_same_state_and_draws_the_same_numbers(name):
    rng = np.random.Generator(getattr(np.random, name)(5))
    rng.standard_normal(7)  # not at the start of its stream
    (sent,), _, _, _ = round_trip([rng])
    assert isinstance(sent, np.random.Generator) and sent is not rng
    assert json.dumps(wire.encode(sent.bit_generator.state)) == json.dumps(wire.encode(rng.bit_generator.state))
    assert np.array_equal(sent.standard_normal(20), rng.standard_normal(20))
    assert np.array_equal(sent.permutation(9), rng.permutation(9))


def test_sending_a_generator_does_not_draw_from_the_graders_copy():
    rng, twin = np.random.default_rng(3), np.random.default_rng(3)
    round_trip([rng])
    assert np.array_equal(rng.random(5), twin.random(5))


def test_a_portable_function_arrives_with_the_same_values():
    rng = np.random.default_rng(0)
    curved = wire.portable("curved", c=rng.uniform(0.5, 2, (2, 3)), w=rng.normal(size=(2, 3)))
    output = wire.portable("linear_se", scale=0.75)
    (f,), kwargs, _, _ = round_trip([curved], {"output": output})
    theta, z, Y = rng.normal(size=(2, 3)), rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    assert f == curved and kwargs["output"] == output and f is not curved
    assert f(theta) == curved(theta)
    (E, delta), (E2, delta2) = kwargs["output"](z, Y), output(z, Y)
    assert E == E2 and np.array_equal(delta, delta2)
    assert np.isclose(E, 0.75 * 0.5 * np.sum((z - Y) ** 2) / 4) and np.allclose(delta, 0.75 * (z - Y) / 4)


def test_a_portable_function_keeps_its_own_copy_of_its_parameters():
    c = np.ones(3)
    f = wire.portable("curved", c=c, w=np.zeros(3))
    c[0] = 100.0
    assert f(np.ones(3)) == 3.0


@pytest.mark.parametrize("name", ["se_output", "numerical_gradient", "__import__", ""])
def test_only_the_registry_can_be_named(name):
    with pytest.raises(ValueError, match="name must be one of"):
        wire.portable(name)
    forged = {"args": [{"__portable__": name, "params": {}}], "kwargs": {}, "nodes": []}
    with pytest.raises(wire.WireError, match="unknown portable function"):
        wire.decode_call(forged)


def test_no_portable_function_is_the_answer_of_an_exercise():
    assert not set(wire.PORTABLE) & set(EXERCISES)
    for name, func in wire.PORTABLE.items():
        assert func.__module__ == "nbhelpers.grading.wire", name  # defined in the agent's own source


def _rows(nodes):
    """Each node as (data, op, label, exponent, parent positions), for comparing two graphs."""
    pos = {id(n): i for i, n in enumerate(nodes)}
    return [(n.data, n.op, n.label, n.exponent, [pos[id(p)] for p in n.parents]) for n in nodes]


@pytest.mark.parametrize("seed", range(5))
def test_a_value_graph_is_made_again_with_the_same_structure(seed):
    root = _random_graph(np.random.default_rng(seed))
    root = (root ** 3 - root.exp() / 2).tanh()
    root.label = "top"
    (made,), _, _, _ = round_trip([root])
    assert made is not root and isinstance(made, Value)
    assert _rows(topological_order(made)) == _rows(topological_order(root))
    assert not {id(n) for n in topological_order(made)} & {id(n) for n in topological_order(root)}
    made.backward()
    root.backward()
    assert [n.grad for n in topological_order(made)] == [n.grad for n in topological_order(root)]


def test_values_sent_together_share_their_nodes():
    x = Value(2.0, label="x")
    u = x * x  # one node used twice by one operation
    v = u + x
    (a, b), kwargs, made, _ = round_trip([u, v], {"leaf": x})
    assert a.parents[0] is a.parents[1] is kwargs["leaf"] and b.parents == (a, kwargs["leaf"])
    assert len(made.values) == 3


def test_a_node_of_the_sent_graph_comes_back_as_the_graders_own_node():
    root = _random_graph(np.random.default_rng(1))
    (made,), _, kernel_nodes, grader_nodes = round_trip([root])
    order = topological_order(made)
    other = Value(1.0, label="x1")  # made in the kernel: not a node that was sent
    reply = json.loads(json.dumps(wire.encode([order[::-1], other], keep=lambda obj: 0, nodes=kernel_nodes)))
    back, handle = wire.decode(reply, lambda i, t: ("handle", t), grader_nodes.values)
    assert [id(n) for n in back] == [id(n) for n in topological_order(root)[::-1]]
    assert handle == ("handle", "nbhelpers.autodiff.Value")


@pytest.mark.parametrize("reply, why", [
    ({"__rng__": "PCG64", "state": np.random.default_rng(0).bit_generator.state}, "only the grader sends"),
    ({"__portable__": "curved", "params": {"c": 1.0, "w": 1.0}}, "only the grader sends"),
    ({"__portable__": "no_such_function", "params": {}}, "only the grader sends"),
    ([1.0, {"x": {"__rng__": "MT19937", "state": {}}}], "only the grader sends"),
    ({"__node__": 0}, "not sent"),
    ({"__node__": -1}, "not sent"),
    ({"__node__": True}, "not sent"),
    ({"__node__": 0, "label": "out"}, "not sent"),
    ({"__value__": [[1.0, "", "x", None, []]]}, "unknown tagged object"),
])
def test_the_kernel_cannot_send_back_what_only_the_grader_sends(reply, why):
    with pytest.raises(wire.WireError, match=why):
        wire.decode(json.loads(json.dumps(reply)), lambda i, t: i)


def test_a_node_number_from_the_kernel_must_be_one_the_call_sent():
    _, _, _, nodes = round_trip([Value(1.0) + 2.0])
    assert wire.decode({"__node__": 2}, None, nodes.values) is nodes.values[2]
    with pytest.raises(wire.WireError, match="not sent"):
        wire.decode({"__node__": 3}, None, nodes.values)


@pytest.mark.parametrize("rows", [
    [[1.0, "", "x", None, [0]]],  # its own parent
    [[1.0, "", "x", None, []], [2.0, "add", "y", None, [0, 2]]],  # a parent made later
    [[float("nan"), "", "x", None, []]],
    [["1.0", "", "x", None, []]],
    [[1.0, "", "x", None]],
    {"not": "a list"},
])
def test_a_malformed_graph_is_refused(rows):
    with pytest.raises(wire.WireError, match="graph"):
        wire.decode_call({"args": [], "kwargs": {}, "nodes": rows})


@pytest.mark.parametrize("data", [{"__rng__": "RandomState", "state": {}}, {"__rng__": "PCG64", "state": {}},
                                  {"__rng__": "PCG64", "state": {"bit_generator": "PCG64"}}])
def test_a_malformed_generator_is_refused(data):
    with pytest.raises(wire.WireError, match="random generator"):
        wire.decode_call({"args": [data], "kwargs": {}, "nodes": []})


# --- the agent's code in this process, behind a Remote -------------------------------------------------
class InProcessKernel:
    """The agent's source run in a namespace of its own, answering through JSON as the real kernel does."""

    def __init__(self, user_ns):
        self.agent = {}
        exec(compile(agent.source(), "<nbgrade>", "exec"), self.agent)  # noqa: S102 - our own agent
        self.user_ns = user_ns

    def request(self, request, limit):
        reply = self.agent["_call"](json.loads(json.dumps(request)), self.user_ns)
        return json.loads(json.dumps(reply, allow_nan=True))


def judged(ex_id, answer, seed=7):
    remote = Remote(InProcessKernel({ex_id: answer}), {"name": ex_id})
    return _core.run_check(get_exercise(ex_id), remote, rng=question_rng(seed, ex_id))


@pytest.mark.parametrize("ex_id", IDS)
def test_the_reference_passes_through_the_wire(ex_id):
    for seed in (7, 8):
        result = judged(ex_id, get_exercise(ex_id).reference, seed)
        assert result.status == "pass", result.message


WRONG = [(ex_id, answer, mistake) for source in (WRONG_THREAD, WRONG_AUTODIFF) for ex_id in IDS
         for answer, mistake in source.get(ex_id, [])]


@pytest.mark.parametrize("ex_id, answer, mistake", WRONG, ids=[f"{e}-{m}" for e, _, m in WRONG])
def test_typical_wrong_answers_are_named_through_the_wire(ex_id, answer, mistake):
    result = judged(ex_id, answer)
    assert result.status in ("fail", "error") and result.points == 0, result.message
    assert mistake in result.mistake.split(","), result.message


def test_new_values_that_look_like_the_nodes_are_not_the_nodes():
    def copies(root):
        return [Value(n.data, label=n.label) for n in topological_order(root)]

    result = judged("topological_order", copies)
    assert (result.status, result.mistake) == ("fail", "unknown_nodes"), result.message
    assert "not a node of this graph" in result.message


def test_the_course_librarys_own_function_is_refused_as_in_a_notebook():
    remote = Remote(InProcessKernel({"topological_order": topological_order}), {"name": "topological_order"})
    assert remote._nbgrade_get()[0]  # as the grader looks the answer up first
    result = _core.run_check(get_exercise("topological_order"), remote, rng=question_rng(7, "topological_order"))
    assert (result.status, result.mistake) == ("fail", "used_reference"), result.message


def test_what_the_kernel_received_is_what_the_checker_passed():
    seen = []

    def spy(sizes, rng, scale=0.1):
        seen.append((type(rng).__name__, rng.bit_generator.state["bit_generator"]))
        return get_exercise("init_params").reference(sizes, rng, scale)

    assert judged("init_params", spy).status == "pass"
    assert seen and set(seen) == {("Generator", "PCG64")}


# --- graded notebooks, in sandboxed kernels ----------------------------------------------------------------
def _solutions(*ids):
    return [get_exercise(ex_id).solution_code() for ex_id in ids]


GRADIENT = get_exercise("numerical_gradient").solution_code()
TOPOLOGICAL = get_exercise("topological_order").solution_code()
WRONG_ANSWERS = {
    "wrong_a": [GRADIENT.replace("theta[i] = old - h\n", "theta[i] = old\n").replace("/ (2 * h)", "/ h"), '''
def init_params(sizes, rng, scale=0.1):
    weights = [scale * rng.standard_normal((n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, [np.zeros(n) for n in sizes[1:]]
''', get_exercise("train").solution_code().replace("order = rng.permutation(n)", "order = np.arange(n)"),
                TOPOLOGICAL.replace("    return order\n", "    return order[::-1]\n")],
    "wrong_b": [GRADIENT.replace("        theta[i] = old  # restored before the next entry is nudged\n", ""), '''
def init_params(sizes, rng, scale=0.1):
    weights = [scale * np.random.randn(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    return weights, [np.zeros(n) for n in sizes[1:]]
''', get_exercise("train").solution_code().replace("output(zs[-1]", "se_output(zs[-1]"),
                inspect.getsource(_visit_all).replace("def _visit_all(", "def topological_order(")],
}
NAMED = {"wrong_a": {"numerical_gradient": NG_FORWARD, "init_params": IP_TRANSPOSED,
                     "train": TRAIN_SLIPS["not_shuffled"], "topological_order": TO_REVERSED},
         "wrong_b": {"numerical_gradient": NG_NOT_RESTORED, "init_params": IP_GLOBAL,
                     "train": TRAIN_SLIPS["ignores_output"], "topological_order": TO_DUPLICATES}}

# Cells of a submission that forges what only the grader sends: each answer replaces the agent's encoder for its
# own reply, so the line carries the right nonce and a tagged object the grader must refuse.
FORGE = ['''
import numpy as np
from nbhelpers.autodiff import Value

def forge_reply(tagged):
    agent = get_ipython().user_ns["__nbgrade__"]
    real = agent["encode"]

    def forged(*args, **kwargs):
        agent["encode"] = real  # once: the next reply is honest again
        return tagged
    agent["encode"] = forged
''', '''
def numerical_gradient(f, theta, h=1e-5):
    forge_reply({"__portable__": "curved", "params": {"c": 1.0, "w": 0.0}})
    return 0.0
''', '''
def init_params(sizes, rng, scale=0.1):
    forge_reply({"__rng__": "PCG64", "state": np.random.default_rng(0).bit_generator.state})
    return 0.0
''', '''
def train(X, Y, weights, biases, lr, epochs, batch_size=None, rng=None, output=None):
    forge_reply({"__node__": 0})
    return 0.0
''', TOPOLOGICAL.replace("order.append(node)", "order.append(Value(node.data, label=node.label))")]

# A submission whose answers look everywhere in the kernel for a reference answer, then say what they found: the
# catalogue's modules and functions, and any function named after an exercise (other than the course library's own)
# in the agent's namespace (also the namespace of the functions that the portable inputs call) or on the inputs.
SNOOP = ['''
import gc, sys, types

EXERCISE_IDS = %r

def is_reference(obj):
    if not isinstance(obj, types.FunctionType):
        return False
    where = (obj.__module__ or "") + " " + obj.__code__.co_filename
    return "_catalogue" in where or "grading" in where or (
        obj.__name__ in EXERCISE_IDS and obj.__code__.co_filename == "<nbgrade>")

def course_library(obj):  # the student's own copy of nbhelpers (a Value's backward method, say): allowed
    module = getattr(obj, "__module__", None) or ""
    return module.startswith("nbhelpers.") and "_catalogue" not in module and "grading" not in module

def snoop(*inputs):
    found = {m for m in list(sys.modules) if "_catalogue" in m or m.startswith("nbhelpers.grading")}
    try:
        import nbhelpers.quiz._catalogue
        found.add("import nbhelpers.quiz._catalogue")
    except ImportError:
        pass
    found |= {obj.__qualname__ for obj in gc.get_objects() if is_reference(obj)}
    spaces = [get_ipython().user_ns["__nbgrade__"]]
    for x in inputs:
        spaces += [getattr(x, "__dict__", {}), vars(type(x)), getattr(type(x).__call__, "__globals__", {})]
    for space in spaces:
        found |= {name for name, value in list(space.items())
                  if name in EXERCISE_IDS and callable(value) and not course_library(value)}
    return sorted(found)
''', '''
def numerical_gradient(f, theta, h=1e-5):
    raise RuntimeError(f"reference answers found: {snoop(f)}")
''', '''
def init_params(sizes, rng, scale=0.1):
    raise RuntimeError(f"reference answers found: {snoop(rng)}")
''', '''
def train(X, Y, weights, biases, lr, epochs, batch_size=None, rng=None, output=None):
    raise RuntimeError(f"reference answers found: {snoop(rng, output)}")
''', '''
def topological_order(root):
    raise RuntimeError(f"reference answers found: {snoop(root)}")
''']


def _snoop_cells():
    return [SNOOP[0] % sorted(EXERCISES)] + SNOOP[1:]


def notebook(cells):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code.strip()) for code in cells])


def submissions():
    helpers = ["import numpy as np"] + _solutions(*HELPERS)
    subs = {"honest": helpers + _solutions(*IDS), "forged": FORGE, "snoop": _snoop_cells(),
            "library": helpers + _solutions(*IDS[:3]) + ["from nbhelpers.autodiff import topological_order"]}
    subs.update({name: helpers + cells for name, cells in WRONG_ANSWERS.items()})
    return {name: notebook(cells) for name, cells in subs.items()}


def instructor_quiz():
    """An instructor's notebook that asks the four questions (the grader reads their ids from the metadata)."""
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        f"Question: `{ex_id}`", metadata={"nbhelpers": {"exercise": ex_id}}) for ex_id in IDS])


def feedback_sections(path):
    """``{question id: its section of the feedback}``."""
    parts = re.split(r"^## ", path.read_text(), flags=re.M)[1:]
    return {part.split(":", 1)[0]: part for part in parts}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    subs, instructor, out = (tmp_path_factory.mktemp(n) for n in ("subs", "instructor", "out"))
    paths = []
    for name, nb in submissions().items():
        nbformat.write(nb, subs / f"{name}.ipynb")
        paths.append(subs / f"{name}.ipynb")
    nbformat.write(instructor_quiz(), instructor / "quiz.ipynb")
    proc = subprocess.run([sys.executable, "-m", "nbhelpers.grade", *map(str, paths), "--quiz",
                           str(instructor / "quiz.ipynb"), "--out", str(out / "grades.csv"), "--feedback",
                           str(out / "feedback"), "--seed", "11", "--timeout-cell", "30", "--timeout-question", "30",
                           "--timeout-notebook", "240", "-j", "2"],
                          capture_output=True, text=True, timeout=900, cwd=str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    with open(out / "grades.csv", newline="", encoding="utf-8") as f:
        rows = {r["submission"].rsplit("/", 1)[-1][:-len(".ipynb")]: r for r in csv.DictReader(f)}
    return rows, out / "feedback"


def test_a_correct_submission_gets_every_point(graded):
    rows, _ = graded
    row = rows["honest"]
    assert (row["total"], row["max_total"]) == ("20", "20"), row
    assert all(row[f"{ex_id}_status"] == "ok" for ex_id in IDS), row
    assert row["isolation"].split("+")[0] == sandbox.available(), row  # bwrap wherever it works


@pytest.mark.parametrize("name", sorted(NAMED))
def test_typical_wrong_answers_get_nothing_and_are_named(graded, name):
    rows, feedback = graded
    sections = feedback_sections(feedback / f"{name}.md")
    for ex_id, mistake in NAMED[name].items():
        assert rows[name][ex_id] == "0" and rows[name][f"{ex_id}_status"] == "wrong", (ex_id, rows[name])
        assert f"It looks like {mistake.looks_like}." in sections[ex_id], sections[ex_id]


def test_the_course_librarys_topological_order_earns_nothing(graded):
    rows, feedback = graded
    row = rows["library"]
    assert (row["total"], row["topological_order"], row["topological_order_status"]) == ("15", "0", "wrong"), row
    assert "This is the nbhelpers reference function" in feedback_sections(feedback / "library.md")["topological_order"]


def test_tags_forged_in_the_kernel_are_refused(graded):
    rows, feedback = graded
    row, sections = rows["forged"], feedback_sections(feedback / "forged.md")
    assert row["total"] == "0", row
    for ex_id in ("numerical_gradient", "init_params", "train"):
        assert row[f"{ex_id}_status"] == "error", row
        assert "the answer is not plain data" in sections[ex_id], sections[ex_id]
    assert "only the grader sends" in sections["init_params"] and "not sent" in sections["train"]
    assert row["topological_order_status"] == "wrong"
    assert "a Value that is not a node of this graph" in sections["topological_order"]


def test_an_answer_looking_for_a_reference_in_the_kernel_finds_none(graded):
    rows, feedback = graded
    sections = feedback_sections(feedback / "snoop.md")
    for ex_id in IDS:
        assert rows["snoop"][f"{ex_id}_status"] == "error", rows["snoop"]
        assert "reference answers found: []" in sections[ex_id], sections[ex_id]


def test_the_snoop_would_find_the_references_where_they_are():
    """The same search in this process, where the catalogue is loaded, finds them: the search is not blind."""
    shell = type("Shell", (), {"user_ns": {"__nbgrade__": {"train": EXERCISES["train"].reference}}})
    namespace = {"get_ipython": shell}
    exec(_snoop_cells()[0], namespace)  # noqa: S102 - the test's own snooping cell
    found = namespace["snoop"](wire.portable("linear_se", scale=1.0))
    assert {"nbhelpers.quiz._catalogue.training", "train"} <= set(found)
