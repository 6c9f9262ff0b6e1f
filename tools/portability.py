"""Run the notebooks under nbval with other numeric set-ups than this machine's own.

The stored outputs of the notebooks must not depend on the processor: on a student's laptop,
on Colab or on the next CI machine, OpenBLAS picks other matrix-product kernels and numpy other
SIMD loops, so the last digits of a sum differ. This script re-runs every notebook with
numpy's and scipy's OpenBLAS forced to other kernel families (``OPENBLAS_CORETYPE``), with
numpy's own AVX-512, AVX2 and FMA loops switched off (``NPY_DISABLE_CPU_FEATURES``), and with
one and two BLAS threads, and nbval compares every output strictly, as in ``make test``::

    python tools/portability.py                      # every set-up this processor can run
    python tools/portability.py --list               # only say which set-ups those are
    python tools/portability.py notebooks/10_vanishing_gradient.ipynb

A set-up that needs instructions the processor lacks (AVX-512 kernels on a processor without
AVX-512) would crash; it is replaced by one the processor can run, and the table says so.
Exit status 1 if any notebook output differs under any set-up.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NO_STUDENT = ROOT / ".nbval-no-student" / "my_network.py"  # a folder nobody creates
NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg")]


def cpu_flags():
    """The processor's feature flags (x86 'flags' or Arm 'Features' of /proc/cpuinfo), lower case."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return set(value.lower().split())
    return set()


def numpy_simd_targets():
    """numpy's dispatched SIMD targets that this processor runs (the ones worth switching off)."""
    code = ("import numpy, json\n"
            "try:\n    from numpy._core import _multiarray_umath as m\n"
            "except ImportError:\n    from numpy.core import _multiarray_umath as m\n"
            "print(json.dumps([f for f in m.__cpu_dispatch__ if m.__cpu_features__.get(f)]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def setups(flags=None, machine=None, simd=None):
    """The numeric set-ups to run here: a list of (name, environment variables).

    Parameters
    ----------
    flags : set of str, optional
        Processor flags (default: read from /proc/cpuinfo).
    machine : str, optional
        ``platform.machine()`` (default: this one).
    simd : list of str, optional
        numpy's SIMD targets to switch off in the set-up without them (default: asked from numpy).

    Returns
    -------
    list of (str, dict)
    """
    flags = cpu_flags() if flags is None else flags
    machine = platform.machine().lower() if machine is None else machine
    simd = numpy_simd_targets() if simd is None else simd
    no_simd = {"NPY_DISABLE_CPU_FEATURES": " ".join(simd)} if simd else {}
    if machine in ("aarch64", "arm64"):
        return [
            ("ARMv8 generic kernels, 1 BLAS thread", {"OPENBLAS_CORETYPE": "ARMV8", "OPENBLAS_NUM_THREADS": "1"}),
            ("ARMv8 generic kernels, 2 BLAS threads", {"OPENBLAS_CORETYPE": "ARMV8", "OPENBLAS_NUM_THREADS": "2"}),
            ("ARMv8 kernels, numpy without its SIMD extensions",
             {"OPENBLAS_CORETYPE": "ARMV8", "OPENBLAS_NUM_THREADS": "1", **no_simd}),
        ]
    out = []
    if "avx512f" in flags:
        out.append(("SkylakeX kernels (AVX-512), 1 BLAS thread", {"OPENBLAS_CORETYPE": "SkylakeX",
                                                                  "OPENBLAS_NUM_THREADS": "1"}))
    else:
        out.append(("Sandybridge kernels (AVX; no AVX-512 here), 1 BLAS thread",
                    {"OPENBLAS_CORETYPE": "Sandybridge", "OPENBLAS_NUM_THREADS": "1"}))
    if {"avx2", "fma"} <= flags:
        out.append(("Haswell kernels (AVX2, FMA), 2 BLAS threads", {"OPENBLAS_CORETYPE": "Haswell",
                                                                    "OPENBLAS_NUM_THREADS": "2"}))
    else:
        out.append(("Nehalem kernels (SSE4; no AVX2 here), 2 BLAS threads",
                    {"OPENBLAS_CORETYPE": "Nehalem", "OPENBLAS_NUM_THREADS": "2"}))
    out.append(("Prescott kernels (SSE3), numpy without AVX-512, AVX2 and FMA3, 1 BLAS thread",
                {"OPENBLAS_CORETYPE": "Prescott", "OPENBLAS_NUM_THREADS": "1", **no_simd}))
    return out


def blas_in_use(env):
    """What numpy's OpenBLAS reports under ``env``: its kernel family and thread count."""
    code = ("import numpy, json\nfrom threadpoolctl import threadpool_info\n"
            "print(json.dumps([(i.get('architecture'), i.get('num_threads')) for i in threadpool_info() "
            "if i.get('internal_api') == 'openblas']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return done.stdout.strip() or done.stderr.strip()[-200:]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/*.ipynb)")
    parser.add_argument("--list", action="store_true", help="only print the set-ups")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(str(p) for p in (ROOT / "notebooks").glob("*.ipynb"))
    failed = []
    for name, variables in setups():
        # no my_network.py of a student's run: the stored outputs are those of a fresh start
        env = {**os.environ, **variables, "MPLBACKEND": "Agg", "NBHELPERS_MY_NETWORK": str(NO_STUDENT)}
        shown = " ".join(f"{k}={v!r}" for k, v in variables.items())
        print(f"== {name}\n   {shown}\n   OpenBLAS reports (kernel, threads): {blas_in_use(env)}", flush=True)
        if args.list:
            continue
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *NBVAL, *notebooks],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        tail = done.stdout.strip().splitlines()[-1:] or ["(no output)"]
        print(f"   nbval: {tail[0]} ({time.perf_counter() - start:.0f} s)", flush=True)
        if done.returncode != 0:
            failed.append(name)
            print(done.stdout[-6000:], done.stderr[-2000:], sep="\n")
    if failed:
        print("portability: outputs differ under: " + "; ".join(failed))
        return 1
    print("portability: every notebook output is the same under every set-up" if not args.list else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
