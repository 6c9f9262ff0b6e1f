"""The numeric set-ups of tools/portability.py: what each processor can run."""
import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("portability", Path(__file__).parents[1] / "tools" / "portability.py")
portability = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(portability)

SIMD = ["X86_V3", "X86_V4"]


def test_an_avx512_processor_gets_three_setups_with_both_thread_counts():
    setups = portability.setups({"avx512f", "avx2", "fma"}, "x86_64", SIMD)
    kernels = [env["OPENBLAS_CORETYPE"] for _, env in setups]
    assert kernels == ["SkylakeX", "Haswell", "Prescott"]
    assert {env["OPENBLAS_NUM_THREADS"] for _, env in setups} == {"1", "2"}
    assert setups[-1][1]["NPY_DISABLE_CPU_FEATURES"] == "X86_V3 X86_V4"


@pytest.mark.parametrize("flags, expected", [({"avx2", "fma"}, ["Sandybridge", "Haswell", "Prescott"]),
                                             (set(), ["Sandybridge", "Nehalem", "Prescott"])])
def test_kernels_the_processor_lacks_are_replaced_by_ones_it_has(flags, expected):
    assert [env["OPENBLAS_CORETYPE"] for _, env in portability.setups(flags, "x86_64", SIMD)] == expected


def test_arm_gets_generic_kernels_and_no_simd():
    setups = portability.setups({"asimd"}, "aarch64", ["ASIMDHP"])
    assert len(setups) == 3 and all(env["OPENBLAS_CORETYPE"] == "ARMV8" for _, env in setups)
    assert setups[-1][1]["NPY_DISABLE_CPU_FEATURES"] == "ASIMDHP"


def test_this_machine_has_at_least_three_setups():
    assert len(portability.setups()) >= 3
