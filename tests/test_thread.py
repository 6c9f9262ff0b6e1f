"""The reader's library across notebooks: checks save pieces to my_network.py, later notebooks load them."""
import runpy
import subprocess
import sys
import textwrap
import types

import numpy as np
import pytest

import nbhelpers
from nbhelpers import quiz, thread
from nbhelpers.quiz import check, get_exercise
from nbhelpers.thread import THREAD, load_my_network


@pytest.fixture(autouse=True)
def folder(monkeypatch, tmp_path):
    """Every test runs in an empty folder, as a notebook next to no my_network.py."""
    for var in ("NBHELPERS_GRADING", "NBHELPERS_MY_NETWORK", "NBHELPERS_SOLUTIONS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    quiz.reset()
    return tmp_path


def cell(code, name="cell"):
    """Run ``code`` as a notebook cell would: its functions live in ``__main__`` and their source can be read."""
    path = f"{name}.py"
    with open(path, "w") as fh:
        fh.write("import numpy as np\nfrom nbhelpers.quiz import check\n" + textwrap.dedent(code))
    return runpy.run_path(path, run_name="__main__")


def library():
    with open("my_network.py") as fh:
        return fh.read()


def solution(name):
    return get_exercise(name).solution_code()


WRONG_BACKWARD = """
def backward(delta_L, zs, activations, weights):
    grads_W, grads_b, delta = [], [], delta_L
    for l in range(len(weights) - 1, -1, -1):
        grads_W.insert(0, activations[l].T @ delta)
        grads_b.insert(0, delta.mean(axis=0))
        if l > 0:
            s = 1 / (1 + np.exp(-zs[l - 1]))
            delta = (delta @ weights[l].T) * s * (1 - s)
    return grads_W, grads_b
"""


def write_library(*sources):
    with open("my_network.py", "w") as fh:
        fh.write(thread.HEADER + "import numpy as np\n\n\n" + "\n\n".join(textwrap.dedent(s) for s in sources))


# --- saving --------------------------------------------------------------------------------------------------
def test_a_passing_check_saves_the_piece_and_says_so(capsys):
    cell(solution("dense_forward") + "\ncheck('dense_forward', dense_forward)\n")
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "Saved your dense_forward to my_network.py; later notebooks use it."
    text = library()
    assert text.startswith(thread.HEADER + "import numpy as np\n")
    assert "\ndef dense_forward(X, W, b):\n" in text
    compile(text, "my_network.py", "exec")


def test_pieces_are_replaced_kept_once_and_in_thread_order(capsys):
    cell(solution("forward_pass") + "\ncheck('forward_pass', forward_pass)\n", "a")
    cell("""
        def dense_forward(X, W, b):
            return X @ W  # no bias: does not pass, so not saved
        check('dense_forward', dense_forward)
        """, "b")
    assert "dense_forward" not in library()
    cell("""
        def dense_forward(X, W, b):
            return np.matmul(X, W) + b  # the first version that passes
        check('dense_forward', dense_forward)
        """, "c")
    cell("""
        def dense_forward(X, W, b):
            # the second version replaces it
            return X @ W + b
        check('dense_forward', dense_forward)
        """, "d")
    text = library()
    assert text.count("def dense_forward(") == 1 and "the second version replaces it" in text
    assert "np.matmul" not in text
    assert text.index("def dense_forward(") < text.index("def forward_pass(")
    namespace = runpy.run_path("my_network.py")
    assert set(THREAD) & set(namespace) == {"dense_forward", "forward_pass"}


def test_a_function_with_another_name_is_saved_under_the_pieces_name(capsys):
    cell("""
        def affine(X, W, b):
            return X @ W + b
        check('dense_forward', affine)
        """)
    assert "\ndef dense_forward(X, W, b):\n" in library() and "affine" not in library()


def test_names_from_the_notebook_are_imported_or_pointed_out(capsys):
    cell("""
        import math
        from numpy import exp as e_to_the
        EPS = 0.0
        def sigmoid(z):
            z = np.asarray(z, dtype=float)
            e = e_to_the(-np.abs(z)) + EPS * math.pi
            return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
        check('sigmoid', sigmoid)
        """)
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == ("Note: your sigmoid also uses EPS from this notebook, which my_network.py does not have: "
                       "define it inside sigmoid.")
    assert "import math\n" in library() and "from numpy import exp as e_to_the\n" in library()
    with pytest.raises(NameError, match="EPS"):  # what the note warns about
        runpy.run_path("my_network.py")["sigmoid"](0.0)


def test_a_lambda_is_not_saved_and_the_reader_is_told(capsys):
    cell("check('sigmoid_prime', lambda z: 1 / (1 + np.exp(-z)) * (1 - 1 / (1 + np.exp(-z))))\n")
    out = capsys.readouterr().out
    assert "Your sigmoid_prime passed, but its source cannot be read (a lambda or a built-in?)" in out
    assert not (thread.os.path.exists("my_network.py"))


def test_functions_outside_the_notebook_and_other_exercises_are_not_saved(capsys):
    check("dense_forward", lambda X, W, b: X @ W + b)  # defined in this test module, not in __main__
    cell("def relu(z):\n    return np.maximum(z, 0)\n\ncheck('relu', relu)\n")
    assert not thread.os.path.exists("my_network.py")
    assert thread.save_piece("relu", abs) is False


def test_the_env_variable_moves_the_file(monkeypatch, folder, capsys):
    target = folder / "lib" / "mine.py"
    monkeypatch.setenv("NBHELPERS_MY_NETWORK", str(target))
    cell(solution("dense_forward") + "\ncheck('dense_forward', dense_forward)\n")
    # the message names the file only (a full path would differ from machine to machine in stored outputs)
    assert capsys.readouterr().out.splitlines()[-1] == "Saved your dense_forward to mine.py; later notebooks use it."
    assert "def dense_forward(" in target.read_text()


def test_code_the_reader_added_to_the_file_survives_a_save(capsys):
    write_library("SCALE = 2.0\n", "# my own helper\ndef double(x):\n    return SCALE * x\n")
    cell(solution("dense_forward") + "\ncheck('dense_forward', dense_forward)\n")
    text = library()
    assert "SCALE = 2.0\n" in text and "# my own helper\ndef double(x):" in text
    assert text.count(thread.HEADER) == 1 and text.count("import numpy as np") == 1


def test_a_file_with_a_syntax_error_is_left_alone_when_saving(capsys):
    with open("my_network.py", "w") as fh:
        fh.write("def broken(:\n")
    cell(solution("dense_forward") + "\ncheck('dense_forward', dense_forward)\n")
    out = capsys.readouterr().out.splitlines()[-1]
    assert out.startswith("Your dense_forward is not saved: my_network.py has a syntax error (line 1:")
    assert library() == "def broken(:\n"


def test_a_graded_run_never_saves(monkeypatch, capsys):
    monkeypatch.setenv("NBHELPERS_GRADING", "1")
    cell(solution("dense_forward") + "\ncheck('dense_forward', dense_forward)\n")
    assert not thread.os.path.exists("my_network.py")
    assert "Saved" not in capsys.readouterr().out


def test_saving_works_for_functions_of_ipython_cells(folder):
    script = textwrap.dedent(f"""
        from IPython.core.interactiveshell import InteractiveShell
        shell = InteractiveShell.instance()
        shell.run_cell("import numpy as np\\nfrom nbhelpers.quiz import check")
        shell.run_cell({solution("sigmoid") + "result = check('sigmoid', sigmoid)"!r})
        """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=folder, check=True)
    assert "Saved your sigmoid to my_network.py; later notebooks use it." in out.stdout, out.stderr
    assert "\ndef sigmoid(z):\n" in library()


# --- loading --------------------------------------------------------------------------------------------------
def test_without_a_file_every_piece_comes_from_the_course(capsys):
    net = load_my_network()
    assert capsys.readouterr().out == ("No my_network.py yet: every piece comes from the course. "
                                       "Pass the checks of notebooks 04-09 to use your own.\n")
    assert net.course == tuple(THREAD) and net.mine == ()
    assert net.backward is get_exercise("backward").reference
    load_my_network(["dense_forward", "forward_pass"])
    assert "Pass the checks of notebook 05 to use your own." in capsys.readouterr().out


def test_round_trip_the_saved_pieces_are_loaded_and_used(capsys):
    cell(solution("dense_forward") + "\ncheck('dense_forward', dense_forward)\n", "a")
    cell(solution("forward_pass") + "\ncheck('forward_pass', forward_pass)\n", "b")
    capsys.readouterr()
    net = load_my_network(["dense_forward", "forward_pass", "backward"])
    assert capsys.readouterr().out == ("From you: dense_forward, forward_pass.\n"
                                       "From the course: backward (not written yet).\n")
    assert net.mine == ("dense_forward", "forward_pass") and net.course == ("backward",)
    assert net.forward_pass.__module__ == "my_network"
    X, W, b = np.ones((2, 3)), np.ones((3, 2)), np.zeros(2)
    assert np.array_equal(net.dense_forward(X, W, b), np.full((2, 2), 3.0))
    assert repr(net) == "MyNetwork(from you: dense_forward, forward_pass; from the course: backward)"


def test_a_failing_piece_falls_back_to_the_course_with_the_reason(capsys):
    write_library(solution("sigmoid"), "def sigmoid_prime(z):\n    return z * (1 - z)\n")
    net = load_my_network(["sigmoid", "sigmoid_prime"])
    assert capsys.readouterr().out == ("From you: sigmoid.\n"
                                       "From the course: sigmoid_prime (yours does not pass its check yet).\n")
    assert net.sigmoid_prime is get_exercise("sigmoid_prime").reference


def test_the_readers_train_uses_the_courses_backward_when_theirs_fails(capsys):
    pieces = ["forward_pass", "se_output", "sgd_step", "train"]
    write_library(*map(solution, pieces), WRONG_BACKWARD)
    net = load_my_network(["forward_pass", "backward", "sgd_step", "se_output", "train"])
    assert capsys.readouterr().out == (
        "From you: forward_pass, sgd_step, se_output, train.\n"
        "From the course: backward (yours does not pass its check yet).\n")
    assert net.train.__module__ == "my_network" and net.train.__globals__["backward"] is net.backward
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(8, 2)), rng.uniform(size=(8, 1))
    weights, biases = get_exercise("init_params").reference([2, 3, 1], rng, 0.5)
    mine = net.train(X, Y, weights, biases, 0.5, 5)
    course = get_exercise("train").reference(X, Y, weights, biases, 0.5, 5)
    assert np.allclose(mine[2], course[2], rtol=0, atol=1e-12)


def test_a_rejected_output_piece_is_replaced_in_trains_default_too(capsys):
    wrong_se = solution("se_output").replace("* (1 - a) / n", "* (1 - a)")  # delta without its 1/n
    write_library(wrong_se, solution("train"))
    net = load_my_network(["se_output", "train"])
    assert "se_output (yours does not pass its check yet)" in capsys.readouterr().out
    assert "train" in net.mine
    assert net.train.__defaults__[-1] is get_exercise("se_output").reference


def test_a_file_that_does_not_run_gives_one_line_and_the_course(capsys):
    with open("my_network.py", "w") as fh:
        fh.write("import numpy as np\n\ndef sigmoid(z)\n    return z\n")
    net = load_my_network()
    assert capsys.readouterr().out == ("my_network.py could not run (SyntaxError, line 3: expected ':'): "
                                       "every piece comes from the course. Fix or delete the file.\n")
    assert net.mine == ()
    with open("my_network.py", "w") as fh:
        fh.write("import not_a_module_at_all\n")
    load_my_network()
    assert capsys.readouterr().out.startswith(
        "my_network.py could not run (ModuleNotFoundError: No module named 'not_a_module_at_all')")


def test_loading_is_quiet_and_deterministic(capsys):
    write_library(solution("sigmoid"), "def dense_forward(X, W, b):\n    print('hello')\n    return X @ W\n")
    load_my_network()
    first = capsys.readouterr().out
    load_my_network()
    assert capsys.readouterr().out == first
    assert len(first.splitlines()) == 2 and "hello" not in first and "0x" not in first
    assert "\u2714" not in first and "\u2718" not in first  # the quiet checks print nothing


def test_unknown_pieces_are_refused():
    with pytest.raises(ValueError, match=r"pieces must be names among \['sigmoid'.*Got \['sigmoidd'\] instead"):
        load_my_network(["sigmoidd"])


def test_a_graded_run_uses_the_file_unchecked_and_missing_pieces_raise(monkeypatch, capsys):
    monkeypatch.setenv("NBHELPERS_GRADING", "1")
    write_library(WRONG_BACKWARD)
    net = load_my_network(["backward", "train"])
    assert capsys.readouterr().out == (
        "Graded run: the pieces of my_network.py are used unchecked: backward.\n"
        "Not in my_network.py (calling one raises NotImplementedError): train.\n")
    assert net.backward.__module__ == "my_network"
    with pytest.raises(NotImplementedError, match="train is not in my_network.py yet: write it in notebook 06"):
        net.train(None, None, [], [], 0.1, 1)


def test_the_package_exports_the_loader_lazily():
    assert nbhelpers.load_my_network is load_my_network
    assert {"load_my_network", "download_my_network", "upload_my_network", "thread"} <= set(dir(nbhelpers))
    code = "import sys, nbhelpers.thread; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_thread_lists_the_pieces_in_order_with_their_exercises():
    assert list(THREAD)[:4] == ["sigmoid", "sigmoid_prime", "dense_forward", "forward_pass"]
    assert list(THREAD)[-2:] == ["train", "softmax_ce_output"]
    for piece, notebook in THREAD.items():
        assert get_exercise(piece).notebook == notebook and get_exercise(piece).kind == "function"


# --- Colab ------------------------------------------------------------------------------------------------
def test_download_and_upload_outside_colab_only_say_where_the_file_is(capsys):
    thread.download_my_network()
    assert capsys.readouterr().out == ("There is no my_network.py yet: "
                                       "passing a check of the notebooks 04-09 writes it.\n")
    thread.upload_my_network()
    assert capsys.readouterr().out == ("Not on Colab: the my_network.py next to this notebook is used "
                                       "(there is none yet).\n")
    write_library(solution("sigmoid"))
    thread.download_my_network()
    assert capsys.readouterr().out == ("Your library is the file my_network.py, next to this notebook; "
                                       "nothing to download here.\n")
    thread.upload_my_network()
    assert capsys.readouterr().out == "Not on Colab: the my_network.py next to this notebook is used.\n"


@pytest.fixture
def colab(monkeypatch):
    calls = {}
    files = types.SimpleNamespace(download=lambda path: calls.setdefault("download", path),
                                  upload=lambda: calls.get("upload", {}))
    google = types.ModuleType("google")
    module = types.ModuleType("google.colab")
    module.files = files
    google.colab = module
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.colab", module)
    return calls


def test_on_colab_the_file_is_downloaded_and_an_upload_becomes_my_network(colab, capsys):
    write_library(solution("sigmoid"))
    thread.download_my_network()
    assert colab["download"] == "my_network.py"
    colab["upload"] = {"my_network (1).py": b"import numpy as np\n\n\ndef sigmoid(z):\n    return z\n"}
    thread.upload_my_network()
    assert capsys.readouterr().out == ("Saved the uploaded my_network (1).py as my_network.py; "
                                       "load_my_network() uses it.\n")
    assert library().endswith("return z\n")
    colab["upload"] = {}
    thread.upload_my_network()
    assert capsys.readouterr().out == "Nothing was uploaded.\n"
