"""How close can a numpy training step come to its matrix products? A floor for the cases of ``mlp_vs_sklearn``.

For each case, one training step on one batch written out by hand: the numpy calls the engine makes
(``layers.forward``, ``layers.backward``, the update; biases inside the products, arrays stored unit
by unit, every result written into an array made once), with no function, object or check around
them. Beside it, the "matmul only" step of ``mlp_vs_sklearn`` (the same products and nothing else).
Their ratio is what numpy's cost per call leaves for an engine to reach; ``mlp_vs_sklearn`` gives the
engine's. Threads pinned to 1; each number is the fastest of 7 timings of many steps (the least
disturbed by other jobs). This script measures; it does not assert.

    python benchmarks/numpy_floor.py
"""
import timeit

import numpy as np
from threadpoolctl import threadpool_limits

from mlp_vs_sklearn import CASES, products, weights


def lean_step(X1, Y, sizes, act, softmax, momentum):
    """A step on the batch [X, 1] = X1 with the engine's numpy calls and nothing else."""
    rng = np.random.default_rng(0)
    n, L = X1.shape[0], len(sizes) - 1
    P = rng.normal(size=sum((i + 1) * o for i, o in zip(sizes[:-1], sizes[1:]))) * 0.1
    G, V = np.zeros_like(P), np.zeros_like(P)
    Wb, gWb, at = [], [], 0
    for i, o in zip(sizes[:-1], sizes[1:]):
        Wb.append(P[at:at + (i + 1) * o].reshape(i + 1, o))
        gWb.append(G[at:at + (i + 1) * o].reshape(i + 1, o))
        at += (i + 1) * o
    W = [w[:-1] for w in Wb]
    A = [X1] + [np.ones((n, k + 1), order="F") for k in sizes[1:-1]]
    a = [None] + [x[:, :-1] for x in A[1:]] + [np.empty((n, sizes[-1]), order="F")]
    Z, D = ([np.empty((n, k), order="F") for k in sizes[1:]] for _ in range(2))
    T, DA = ([np.empty((n, k), order="F") for k in sizes[1:-1]] for _ in range(2))
    log_a = np.empty((n, sizes[-1]), order="F")

    def step(lr=1e-9):
        for i in range(L - 1):
            np.matmul(A[i], Wb[i], out=Z[i])
            if act == "relu":
                np.maximum(Z[i], 0.0, out=a[i + 1])
            elif act == "tanh":
                np.tanh(Z[i], out=a[i + 1])
            else:  # sigmoid as (1 + tanh(z / 2)) / 2
                np.multiply(Z[i], 0.5, out=a[i + 1])
                np.tanh(a[i + 1], out=a[i + 1])
                a[i + 1] += 1.0
                a[i + 1] *= 0.5
        z = np.matmul(A[-1], Wb[-1], out=Z[-1])
        if softmax:
            shifted = np.subtract(z, z.max(axis=1, keepdims=True), out=log_a)
            e = np.exp(shifted, out=a[-1])
            total = e.sum(axis=1, keepdims=True)
            e /= total
            shifted -= np.log(total)
            loss = -float(np.vdot(Y.T, log_a.T)) / n
        else:
            np.copyto(a[-1], z)
            d = (a[-1] - Y).ravel(order="K")
            loss = 0.5 * float(d @ d) / n
        delta = np.subtract(a[-1], Y, out=D[-1])
        delta *= 1.0 / n
        for l in range(L - 1, -1, -1):
            np.matmul(A[l].T, delta, out=gWb[l])
            if l == 0:
                break
            if W[l].shape[1] == 1:
                np.multiply(delta, W[l].T, out=DA[l - 1])
            else:
                np.matmul(delta, W[l].T, out=DA[l - 1])
            if act == "relu":
                np.greater(Z[l - 1], 0, out=T[l - 1])
            elif act == "tanh":
                np.multiply(a[l], a[l], out=T[l - 1])
                np.subtract(1.0, T[l - 1], out=T[l - 1])
            else:
                np.subtract(1.0, a[l], out=T[l - 1])
                T[l - 1] *= a[l]
            delta = np.multiply(DA[l - 1], T[l - 1], out=T[l - 1])
        np.multiply(G, lr, out=G)
        if momentum:
            np.multiply(V, momentum, out=V)
            np.subtract(V, G, out=V)
            np.add(P, V, out=P)
        else:
            np.subtract(P, G, out=P)
        return loss

    return step


def fastest(step, number):
    return min(timeit.repeat(step, number=number, repeat=7)) / number * 1e6


def main():
    print("| case | matmul only (us a step) | lean numpy step (us) | lean / matmul only |")
    print("| --- | ---: | ---: | ---: |")
    for name, (data, kw) in CASES.items():
        X_train, _, y_train, _ = data()
        n = kw["batch_size"] or len(X_train)
        X = np.ascontiguousarray(X_train[:n], dtype=float)
        X1 = np.hstack([X, np.ones((n, 1))])
        softmax = kw.get("output") != "identity"
        Y = np.asfortranarray(np.eye(10)[y_train[:n]] if softmax else y_train[:n].reshape(n, 1))
        sizes = (X.shape[1], *kw["hidden"], Y.shape[1])
        number = 200 if n > 500 else 2000
        Ws = weights(sizes)
        t_mm = fastest(lambda: products(X, Ws), number)
        t_lean = fastest(lean_step(X1, Y, sizes, kw["activation"], softmax, kw.get("momentum")), number)
        print(f"| {name} | {t_mm:.1f} | {t_lean:.1f} | {t_lean / t_mm:.2f} |")


if __name__ == "__main__":
    with threadpool_limits(1):
        main()
