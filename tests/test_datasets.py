"""nbhelpers.datasets: generated data sets, the split, and the CSV loaders."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nbhelpers import datasets

ROOT = Path(__file__).resolve().parents[1]


# --- truth tables and the blog's noisy gates ------------------------------------------

@pytest.mark.parametrize("gate, y", [
    ("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0]),
    ("NOR", [1, 0, 0, 0]), ("XOR", [0, 1, 1, 0]),
])
def test_truth_table_rows_and_labels(gate, y):
    X, labels = datasets.truth_table(gate)
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert labels.tolist() == y


def test_truth_table_not_has_one_input():
    X, y = datasets.truth_table("NOT")
    assert X.shape == (2, 1) and y.tolist() == [1, 0]


def test_truth_table_unknown_gate():
    with pytest.raises(ValueError, match="gate must be one of 'AND'.*Got 'XNOR'"):
        datasets.truth_table("XNOR")


@pytest.mark.parametrize("gate", ["AND", "OR", "XOR"])
def test_logic_gate_data_labels_follow_the_nearest_corner(gate):
    X, y = datasets.logic_gate_data(gate, n_per_class=30, noise=0.05)
    assert X.shape == (120, 2) and y.shape == (120,)
    corners = np.round(X).astype(int)  # noise 0.05 never moves a point half-way to another corner
    table = dict(zip(map(tuple, datasets.truth_table(gate)[0].tolist()), datasets.truth_table(gate)[1]))
    assert [table[tuple(c)] for c in corners.tolist()] == y.tolist()


def test_xor_labels_are_the_xor_of_the_corner():
    X, y = datasets.logic_gate_data("XOR", n_per_class=50, noise=0.1)
    c = np.round(X).astype(int)
    np.testing.assert_array_equal(y, c[:, 0] ^ c[:, 1])


def test_ring_has_8_outer_points_per_centre_point():
    X, y = datasets.logic_gate_data("RING", n_per_class=20)
    assert X.shape == (180, 2)
    assert np.sum(y == 0) == 20 and np.sum(y == 1) == 160


def test_logic_gate_data_is_reproducible_and_shuffled():
    a = datasets.logic_gate_data("XOR", random_state=1)
    b = datasets.logic_gate_data("XOR", random_state=1)
    c = datasets.logic_gate_data("XOR", random_state=2)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], c[0])
    assert not np.array_equal(a[1], np.tile([0, 1, 1, 0], 50))  # not in the order of the tiled table


def test_noise_zero_gives_the_exact_table():
    X, y = datasets.logic_gate_data("AND", n_per_class=3, noise=0.0)
    assert set(map(tuple, X.tolist())) == {(0, 0), (0, 1), (1, 0), (1, 1)}


@pytest.mark.parametrize("kwargs, match", [
    ({"gate": "NAND"}, "gate must be one of 'AND', 'OR', 'XOR', 'RING'"),
    ({"n_per_class": 0}, r"n_per_class must be in \[1, inf\]"),
    ({"n_per_class": 2.5}, "n_per_class must be an int"),
    ({"noise": -0.1}, r"noise must be in \[0"),
    ({"random_state": "seed"}, "random_state must be an int"),
])
def test_logic_gate_data_bad_parameters(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        datasets.logic_gate_data(**kwargs)


# --- regression ------------------------------------------------------------------------

@pytest.mark.parametrize("kind, f", [("SIN", lambda x: 2.5 + np.sin(x)), ("ABS", np.abs)])
def test_regression_data_follows_the_curve(kind, f):
    X, y = datasets.regression_data(kind, n=80, noise=0.0)
    assert X.shape == (80, 1) and y.shape == (80,)
    np.testing.assert_allclose(y, f(X[:, 0]))
    np.testing.assert_allclose(np.sort(X[:, 0]), np.linspace(-5, 5, 80))
    assert not np.all(np.diff(X[:, 0]) > 0)  # shuffled


def test_regression_data_noise_has_the_given_size():
    X, y = datasets.regression_data("ABS", n=4000, noise=0.5)
    assert abs(np.std(y - np.abs(X[:, 0])) - 0.5) < 0.03


def test_regression_data_bad_kind():
    with pytest.raises(ValueError, match="kind must be one of 'SIN', 'ABS'. Got 'COS'"):
        datasets.regression_data("COS")


# --- 2-D toy problems -------------------------------------------------------------------

@pytest.mark.parametrize("make, kwargs, n_classes", [
    (datasets.make_moons, {}, 2), (datasets.make_circles, {}, 2),
    (datasets.make_spiral, {}, 2), (datasets.make_spiral, {"n_classes": 3}, 3),
    (datasets.make_blobs, {"n_classes": 2}, 2), (datasets.make_blobs, {"n_classes": 4}, 4),
])
def test_toy_problems_shapes_labels_and_seed(make, kwargs, n_classes):
    X, y = make(n=201, **kwargs)
    assert X.shape == (201, 2) and y.shape == (201,)
    assert np.issubdtype(y.dtype, np.integer)
    counts = np.bincount(y)
    assert len(counts) == n_classes and counts.max() - counts.min() <= 1
    np.testing.assert_array_equal(X, make(n=201, **kwargs)[0])
    assert not np.array_equal(X, make(n=201, random_state=5, **kwargs)[0])


def test_circles_radii_without_noise():
    X, y = datasets.make_circles(noise=0.0, factor=0.3)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.3)


def test_blobs_bad_n_classes():
    with pytest.raises(ValueError, match=r"n_classes must be in \[2, 4\]. Got 5"):
        datasets.make_blobs(n_classes=5)


def test_moons_bad_noise():
    with pytest.raises(TypeError, match="noise must be a finite real number"):
        datasets.make_moons(noise="a lot")


# --- train_test_split -----------------------------------------------------------------------

def test_train_test_split_sizes_and_pairing():
    X = np.arange(40.0).reshape(20, 2)
    y = np.arange(20)
    X_train, X_test, y_train, y_test = datasets.train_test_split(X, y, test_size=0.25)
    assert len(X_train) == 15 and len(X_test) == 5
    np.testing.assert_array_equal(X_train[:, 0] / 2, y_train)  # rows stay with their labels
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == list(range(20))
    again = datasets.train_test_split(X, y, test_size=0.25)
    np.testing.assert_array_equal(again[3], y_test)


def test_train_test_split_int_test_size():
    X, y = datasets.make_moons(n=50)
    assert len(datasets.train_test_split(X, y, test_size=7)[1]) == 7


@pytest.mark.parametrize("test_size, match", [(1.0, "test_size must be < 1"), (0, r"test_size must be in \[1, 9\]"),
                                              (-0.2, "test_size must be > 0")])
def test_train_test_split_bad_test_size(test_size, match):
    with pytest.raises(ValueError, match=match):
        datasets.train_test_split(np.zeros((10, 2)), np.zeros(10), test_size=test_size)


def test_train_test_split_length_mismatch():
    with pytest.raises(ValueError, match="different numbers of samples"):
        datasets.train_test_split(np.zeros((10, 2)), np.zeros(9))


# --- CSV files ------------------------------------------------------------------------------

def _perceptron_converges(X, y, max_epochs=5000):
    """True if the course's perceptron reaches a full pass without errors on standardised X."""
    from nbhelpers.models import Perceptron

    Xs = (X - X.mean(0)) / X.std(0)
    return Perceptron(max_epochs=max_epochs).fit(Xs, y).converged_


def _separable_by_lp(X, y):
    linprog = pytest.importorskip("scipy.optimize").linprog
    Xs = (X - X.mean(0)) / X.std(0)
    s = np.where(y == 1, 1.0, -1.0)
    A = -s[:, None] * np.column_stack([Xs, np.ones(len(X))])
    return linprog(np.zeros(3), A_ub=A, b_ub=-np.ones(len(X)), bounds=[(None, None)] * 3).status == 0


def test_players_are_linearly_separable():
    data = datasets.load_players()
    X, y, names = data
    assert names == ["height_cm", "weight_kg"] and data.class_names == ("volleyball", "basketball")
    assert 40 <= len(X) <= 60 and set(y.tolist()) == {0, 1}
    assert _perceptron_converges(X, y)


def test_overlapping_groups_are_not_linearly_separable():
    X, y, names = datasets.load_overlapping()
    assert 40 <= len(X) <= 60 and set(y.tolist()) == {0, 1}
    assert not _separable_by_lp(X, y)


def test_make_data_script_reproduces_the_committed_files(tmp_path):
    script = (ROOT / "data" / "make_data.py").read_text()
    (tmp_path / "make_data.py").write_text(script)
    subprocess.run([sys.executable, str(tmp_path / "make_data.py")], check=True, capture_output=True)
    for name in ("players.csv", "overlapping.csv"):
        assert (tmp_path / name).read_text() == (ROOT / "data" / name).read_text()


def test_loader_works_from_another_working_directory(tmp_path):
    code = "from nbhelpers import datasets; print(len(datasets.load_csv('players.csv').X))"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) == len(datasets.load_players().X)


def test_package_data_folder_is_searched_first(tmp_path, monkeypatch):
    (tmp_path / "players.csv").write_text("height_cm,weight_kg,label\n180,80.0,0\n200,100.0,1\n")
    monkeypatch.setattr(datasets, "_DATA_DIRS", [tmp_path, ROOT / "data"])
    assert len(datasets.load_players().X) == 2


def test_missing_file_names_the_file_and_the_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "_DATA_DIRS", [tmp_path / "a", tmp_path / "b"])
    with pytest.raises(FileNotFoundError, match=r"'players.csv' not found\. Looked in: .*a, .*b"):
        datasets.load_players()


@pytest.mark.parametrize("text, match", [
    ("height,weight_kg,label\n180,80,0\n", r"players.csv: line 1: header must be height_cm,weight_kg,label"),
    ("height_cm,weight_kg,label\n180,80,0\n190,tall,1\n", r"players.csv: line 3: non-numeric"),
    ("height_cm,weight_kg,label\n180,80\n", r"players.csv: line 2: expected 3 values, got 2"),
    ("", r"players.csv: line 1: the file is empty"),
    ("height_cm,weight_kg,label\n180,80,0.5\n", "must hold whole-number labels"),
])
def test_malformed_file_names_file_and_line(tmp_path, monkeypatch, text, match):
    (tmp_path / "players.csv").write_text(text)
    monkeypatch.setattr(datasets, "_DATA_DIRS", [tmp_path])
    with pytest.raises(ValueError, match=match):
        datasets.load_players()


def test_load_csv_generic_file(tmp_path, monkeypatch):
    (tmp_path / "mine.csv").write_text("a,b,c,target\n1,2,3,0\n4,5,6,1\n")
    monkeypatch.setattr(datasets, "_DATA_DIRS", [tmp_path])
    data = datasets.load_csv("mine")
    assert data.X.shape == (2, 3) and data.feature_names == ["a", "b", "c"] and data.target_name == "target"


@pytest.mark.parametrize("name", ["../players", "", 3])
def test_load_csv_bad_name(name):
    with pytest.raises(ValueError, match="name must be a file name"):
        datasets.load_csv(name)


def test_load_digits_is_scaled_split_and_seeded():
    from nbhelpers.datasets import load_digits

    X_train, X_test, y_train, y_test = load_digits()
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    assert X_train.min() == 0.0 and X_train.max() == 1.0
    assert set(np.unique(y_train)) == set(range(10))
    again = load_digits()
    assert np.array_equal(again[0], X_train) and np.array_equal(again[3], y_test)
    assert not np.array_equal(load_digits(random_state=1)[0], X_train)
