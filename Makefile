# The two commands of the README: `make lab` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: lab test venv venv-test unit notebooks-test execute-notebooks benchmark html test-colab clean

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
	$(MAKE) --no-print-directory html
	$(MAKE) --no-print-directory test-colab

unit: venv-test
	$(PY) -m pytest tests

notebooks-test: venv-test
	$(PY) -m pytest $(NBVAL) notebooks

# Re-execute every notebook in a fresh kernel, top to bottom, and store the outputs.
execute-notebooks: venv-test
	$(PY) -m nbhelpers.execute notebooks/*.ipynb

benchmark: venv-test
	$(PY) benchmarks/mlp_vs_sklearn.py
	$(PY) benchmarks/widget_latency.py

# A static HTML copy of the executed course, for reading without a kernel.
html: venv-test
	$(PY) tools/build_site.py --out site

# The same tests in an environment pinned to what Google Colab ships. The notebooks install
# nbhelpers through their own Colab cell (NBH_COURSE_SOURCE plays Colab), and afterwards
# no pinned package may have changed.
COLAB := .venv-colab
$(COLAB)/.installed: requirements/colab.txt
	$(PYTHON) -m venv $(COLAB)
	$(COLAB)/bin/python -m pip install --quiet --upgrade pip
	$(COLAB)/bin/python -m pip install --quiet -r requirements/colab.txt
	touch $@

test-colab: $(COLAB)/.installed
	$(COLAB)/bin/python -m pip freeze --exclude nbhelpers > $(COLAB)/before.txt
	# As the Colab install cell does: the package from this checkout, no dependencies.
	$(COLAB)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	# The browser tests need Playwright and run in the main environment; the rest runs here too.
	$(COLAB)/bin/python -m pytest tests -p no:cacheprovider --ignore=tests/test_browser.py
	NBH_COURSE_SOURCE="$(CURDIR)" $(COLAB)/bin/python -m pytest -p no:cacheprovider --nbval-lax --nbval-current-env notebooks
	$(COLAB)/bin/python -m pip freeze --exclude nbhelpers | diff $(COLAB)/before.txt - \
	  && echo "test-colab: no package that Colab ships was changed"

clean:
	rm -rf $(VENV) $(COLAB) site .pytest_cache
