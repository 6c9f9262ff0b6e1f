"""Write the synthetic CSV files of data/ (seeded: running it again gives the same files).

    python data/make_data.py

players.csv      basketball vs volleyball players, linearly separable by construction
overlapping.csv  two overlapping groups A and B, not linearly separable

After writing, the script checks both claims: a perceptron must converge on
players.csv (a perceptron converges exactly when the classes are linearly
separable), and a linear program must find no separating line for
overlapping.csv. It stops with an error if either check fails.
"""
import csv
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
N_PER_CLASS = 25
MARGIN_KG = 2.0


def _weights(rng, height_cm, bmi_mean, bmi_sd):
    """Weight in kg from height and a body-mass index drawn around ``bmi_mean``."""
    bmi = bmi_mean + bmi_sd * rng.standard_normal(height_cm.shape)
    return bmi * (height_cm / 100.0) ** 2


def _boundary(height_cm):
    """The line the player classes are kept apart by: weight = 93 + 0.94 (height - 198)."""
    return 93.0 + 0.94 * (height_cm - 198.0)


def make_players(rng):
    """Volleyball players (0) are lean for their height, basketball players (1) heavier.

    Points closer than MARGIN_KG to the boundary line, or on its wrong side, are drawn again.
    """
    rows = []
    for label, height_mean, bmi_mean, side in [(0, 196.0, 22.3, -1), (1, 201.0, 25.2, 1)]:
        kept = []
        while len(kept) < N_PER_CLASS:
            h = np.round(height_mean + 6.5 * rng.standard_normal(), 0)
            w = np.round(_weights(rng, np.array(h), bmi_mean, 1.0).item(), 1)
            if side * (w - _boundary(h)) >= MARGIN_KG:
                kept.append((h, w, label))
        rows.extend(kept)
    return rows


def make_overlapping(rng):
    """Group A (0) taller and heavier on average than group B (1), with wide spreads."""
    rows = []
    for label, height_mean, bmi_mean in [(0, 176.0, 24.0), (1, 166.0, 22.5)]:
        h = np.round(height_mean + 7.0 * rng.standard_normal(N_PER_CLASS), 0)
        w = np.round(_weights(rng, h, bmi_mean, 2.5), 1)
        rows.extend(zip(h, w, [label] * N_PER_CLASS))
    return rows


def perceptron_converges(X, y, max_epochs=10_000):
    """True if the perceptron rule reaches zero training errors (proof of linear separability)."""
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    Xa = np.column_stack([np.ones(len(Xs)), Xs])
    w = np.zeros(Xa.shape[1])
    for _ in range(max_epochs):
        errors = 0
        for x, target in zip(Xa, y):
            out = 1 if x @ w >= 0 else 0
            if out != target:
                w -= x * (out - target)
                errors += 1
        if errors == 0:
            return True
    return False


def linearly_separable(X, y):
    """Solve the feasibility LP y_i (w.x_i + b) >= 1; feasible exactly when a separating line exists."""
    from scipy.optimize import linprog

    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    s = np.where(y == 1, 1.0, -1.0)
    A_ub = -s[:, None] * np.column_stack([Xs, np.ones(len(Xs))])
    res = linprog(np.zeros(A_ub.shape[1]), A_ub=A_ub, b_ub=-np.ones(len(Xs)), bounds=[(None, None)] * A_ub.shape[1])
    return res.status == 0


def write(path, rows):
    order = np.random.default_rng(7).permutation(len(rows))
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["height_cm", "weight_kg", "label"])
        for i in order:
            h, w, label = rows[i]
            out.writerow([f"{h:.0f}", f"{w:.1f}", int(label)])


def main():
    rng = np.random.default_rng(2024)
    datasets = {"players.csv": make_players(rng), "overlapping.csv": make_overlapping(rng)}
    for name, rows in datasets.items():
        write(HERE / name, rows)

    players = np.array(datasets["players.csv"], dtype=float)
    overlapping = np.array(datasets["overlapping.csv"], dtype=float)
    if not (perceptron_converges(players[:, :2], players[:, 2]) and linearly_separable(players[:, :2], players[:, 2])):
        raise SystemExit("players.csv is not linearly separable: change the seed or the margin.")
    if linearly_separable(overlapping[:, :2], overlapping[:, 2]):
        raise SystemExit("overlapping.csv is linearly separable: change the seed or the spreads.")
    print(f"wrote {', '.join(datasets)} to {HERE}; separability checks passed")


if __name__ == "__main__":
    main()
