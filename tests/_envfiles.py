"""Read the package lists of pyproject.toml and of conda environment files (conda cannot run here)."""
import re
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]


def requirement_name(req):
    return re.split(r"[<>=!~ \[]", req.strip(), maxsplit=1)[0].lower()


def pyproject_requirements(extras=("lab", "test")):
    """Requirement strings of pyproject.toml: the dependencies plus the given extras."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return meta["dependencies"] + [r for extra in extras for r in meta["optional-dependencies"][extra]]


def conda_requirements(path):
    """Requirement strings of the top-level ``dependencies:`` list of a conda environment file."""
    reqs, inside = [], False
    for line in Path(path).read_text().splitlines():
        if re.match(r"^\S", line):  # a top-level key starts or ends the list
            inside = line.startswith("dependencies:")
            continue
        m = re.match(r"^  - ([A-Za-z][A-Za-z0-9_.\-]*)([^:]*)$", line)  # one level deep, not "- pip:"
        if inside and m:
            reqs.append(m.group(1) + m.group(2).strip())
    return reqs
