"""``python -m nbhelpers.grade``: the documented entry point of the grader.

The grader itself lives in :mod:`nbhelpers.grading` (instructor tooling, kept apart
from what students import); see docs/grading.md.
"""
import sys

from .grading.cli import main

if __name__ == "__main__":
    sys.exit(main())
