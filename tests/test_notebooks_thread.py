"""The student's own network, end to end: the notebooks of the thread run in order in fresh kernels.

Every exercise stub of notebooks 04 to 09 is replaced by the catalogue's reference answer (as a
student who solved them all would have it); passing checks save the pieces to ``my_network.py``
in the run's folder, and each later notebook loads them from there. The last notebook then holds
the student-side network trained on the handwritten digits and the course's ``MLP`` trained from the
same initial weights; a cell appended here reads the results out of the kernel.

The other way round (every stub untouched, nothing saved: each notebook runs to the end on the
course's pieces) is what nbval checks on the committed notebooks.
"""
import ast
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from nbhelpers.quiz import EXERCISES

ROOT = Path(__file__).resolve().parents[1]
THREAD = ["04_activation_functions", "05_multilayer_networks", "06_backpropagation", "07_autodiff",
          "08_regression", "09_softmax"]

RESULTS = """
import json
_digits = {"accuracy": float(digits_accuracy), "max_curve_gap": float(digits_curve_gap)}
print("THREAD-RESULTS " + json.dumps(_digits))
"""


def _fill(nb, notebook):
    """Replace every exercise stub by the reference answer; return the ids filled in."""
    by_name = {ex.answer_name or ex.id: ex for ex in EXERCISES.values() if ex.notebook == notebook}
    filled = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "NotImplementedError" not in cell.source:
            continue
        stubs = [node.name for node in ast.parse(cell.source).body
                 if isinstance(node, ast.FunctionDef) and node.name in by_name
                 and "NotImplementedError" in ast.get_source_segment(cell.source, node)]
        if stubs:  # a cell may hold several stubs (relu and dead_units)
            cell.source = "\n\n".join(by_name[name].solution_code() for name in stubs)
            filled += [by_name[name].id for name in stubs]
    return filled


def _run(path, cwd, extra=None):
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    filled = _fill(nb, path.stem)
    if extra:
        nb.cells.append(nbformat.v4.new_code_cell(extra))
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb, filled


def _text(nb):
    return "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.get("outputs", []) if out.get("output_type") == "stream")


@pytest.fixture(scope="module")
def solved_run(tmp_path_factory, monkeypatch_module):
    folder = tmp_path_factory.mktemp("student")
    monkeypatch_module.delenv("NBHELPERS_MY_NETWORK", raising=False)
    monkeypatch_module.delenv("MPLBACKEND", raising=False)
    runs = {}
    for name in THREAD:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", folder)
        runs[name] = _run(folder / f"{name}.ipynb", folder, RESULTS if name == THREAD[-1] else None)
    return folder, runs


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_every_thread_piece_is_saved_to_my_network(solved_run):
    from nbhelpers.thread import THREAD as PIECES

    folder, _ = solved_run
    source = (folder / "my_network.py").read_text()
    for piece in PIECES:
        assert re.search(rf"^def {piece}\(", source, re.M), f"{piece} is not in my_network.py"


def test_later_notebooks_use_the_students_pieces(solved_run):
    """Whenever a notebook loads the library, every piece taught before it is the student's."""
    from nbhelpers.thread import THREAD as PIECES

    _, runs = solved_run
    loads = 0
    for name in THREAD[1:]:
        for line in _text(runs[name][0]).splitlines():
            if line.startswith("From the course: "):
                loads += 1
                from_course = re.findall(r"\b(\w+)\b", line.split(":", 1)[1])
                earlier = [p for p in from_course if p in PIECES and PIECES[p] < name]
                assert earlier == [], f"{name} used the course's {earlier}"
            elif line.startswith("From you: "):
                loads += 1
    assert loads >= 6


def test_the_students_network_reads_digits_and_matches_the_mlp(solved_run):
    _, runs = solved_run
    line = next(l for l in _text(runs[THREAD[-1]][0]).splitlines() if l.startswith("THREAD-RESULTS "))
    results = json.loads(line.split(" ", 1)[1])
    assert results["accuracy"] >= 0.95
    assert results["max_curve_gap"] <= 1e-10


def test_every_exercise_of_the_thread_notebooks_was_filled_and_passed(solved_run):
    from nbhelpers.thread import THREAD as PIECES

    _, runs = solved_run
    for name, (nb, filled) in runs.items():
        pieces = [piece for piece, notebook in PIECES.items() if notebook == name]
        assert set(pieces) <= set(filled), f"{name}: a piece of the library has no stub to fill"
        text = _text(nb)
        for ex_id in filled:
            assert f"\u2714 {ex_id}: correct" in text, f"{name}: {ex_id} did not pass with its reference"


def test_autodiff_checks_the_students_own_backward(solved_run):
    """In notebook 07 the Value graph's gradients equal those of the student's backward (not the course's)."""
    _, runs = solved_run
    text = _text(runs["07_autodiff"][0])
    assert "Values vs your backward: max |difference| < 1e-10: True" in text
    assert "From you: sigmoid, sigmoid_prime, dense_forward, forward_pass, backward." in text
