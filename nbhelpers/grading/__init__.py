"""The course's grader: instructor tooling, never imported by students' notebooks (the checkers
take only :func:`.wire.portable`'s test functions from it, to pass them as inputs).

The student's notebook runs in a sandboxed kernel (:mod:`.sandbox`, :mod:`.kernel`)
that holds a copy of nbhelpers without this package and without the exercise
catalogue. After its cells, the grader calls the answers on inputs it draws
(:mod:`.remote`, :mod:`.agent`), receives plain data (:mod:`.wire`) and runs the
checkers in its own process (:mod:`.judge`). :mod:`.report` writes the CSV, the
feedback and Gradescope's results.json; :mod:`.cli` is ``python -m nbhelpers.grade``.
"""
