# The two commands of the README: `make lab` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab test venv venv-test unit notebooks-test execute-notebooks benchmark clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# A stamp file per extra makes the set-up idempotent and quick once done;
# editing pyproject.toml makes it run again.
$(VENV)/.lab-installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[lab]"
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.lab-installed
	$(PY) -m pip install --quiet -e ".[lab,test]"
	touch $@

venv: $(VENV)/.lab-installed
venv-test: $(VENV)/.test-installed

lab: venv
	$(BIN)/jupyter lab notebooks/

test: venv-test
	$(PY) -m pytest tests
	$(PY) -m pytest $(NBVAL) notebooks

unit: venv-test
	$(PY) -m pytest tests

notebooks-test: venv-test
	$(PY) -m pytest $(NBVAL) notebooks

# Re-execute every notebook in a fresh kernel, top to bottom, and store the outputs.
execute-notebooks: venv-test
	$(PY) -m nbhelpers.execute notebooks/*.ipynb

benchmark: venv-test
	$(PY) benchmarks/mlp_vs_sklearn.py

clean:
	rm -rf $(VENV) site .pytest_cache
