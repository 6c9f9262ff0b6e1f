"""Pack the course's grader as a Gradescope autograder bundle (a zip to upload).

    python tools/gradescope.py --quiz quiz_06 --out autograder.zip [--tests private_tests/]

The zip holds the course's source (to install nbhelpers with its grader), optional
private tests, and Gradescope's two scripts: ``setup.sh`` (run once when the image is
built) and ``run_autograder`` (run per submission: grades /autograder/submission/*.ipynb
and writes /autograder/results/results.json). See docs/grading.md.
"""
import argparse
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SETUP = """#!/usr/bin/env bash
set -euo pipefail
apt-get update && apt-get install -y python3 python3-pip python3-venv bubblewrap
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet /autograder/source/course nbclient nbformat ipykernel
"""

RUN = """#!/usr/bin/env bash
set -uo pipefail
cd /autograder/source
SUB=$(ls /autograder/submission/*.ipynb | head -n 1)
/autograder/venv/bin/python -m nbhelpers.grade "$SUB" --quiz {quiz} {tests}\\
    --out /autograder/results/grades.csv --gradescope /autograder/results/results.json -j 1
"""


def pack(quiz, out, tests=None):
    """Write the bundle to ``out``; return its path."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("setup.sh", SETUP), ("run_autograder", RUN.format(
                quiz=quiz, tests="--tests /autograder/source/private_tests " if tests else ""))):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16
            z.writestr(info, text)
        for rel in ("pyproject.toml", "README.md"):
            z.write(ROOT / rel, f"course/{rel}")
        for folder in ("nbhelpers", "data"):
            for path in sorted((ROOT / folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    z.write(path, f"course/{path.relative_to(ROOT)}")
        for path in sorted(Path(tests).glob("*.json")) if tests else []:
            z.write(path, f"private_tests/{path.name}")
    return Path(out)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quiz", required=True)
    p.add_argument("--out", default="autograder.zip")
    p.add_argument("--tests", default=None)
    args = p.parse_args(argv)
    print(f"Wrote {pack(args.quiz, args.out, args.tests)}")


if __name__ == "__main__":
    main()
