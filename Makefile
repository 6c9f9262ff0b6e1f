# The two commands of the README: `make lab` and `make test`. Everything else is a step of those.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
# nbval compares with the outputs of a fresh start: a student's my_network.py next to the notebooks is not read
FRESH  := NBHELPERS_MY_NETWORK="$(CURDIR)/.nbval-no-student/my_network.py"

.PHONY: lab test venv venv-test unit notebooks-test portability execute-notebooks benchmark html test-colab test-classic clean

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

# Jupyter refuses to run as root unless told (a container, a cloud VM): say so and pass --allow-root.
# More options pass through ARGS, e.g. `make lab ARGS="--port=9999 --no-browser"`.
AS_ROOT := $(filter 0,$(shell id -u 2>/dev/null))
lab: venv
	$(if $(AS_ROOT),@echo "make lab: running as root: Jupyter gets --allow-root")
	$(BIN)/jupyter lab notebooks/ $(if $(AS_ROOT),--allow-root) $(ARGS)

test: venv-test
	$(PY) -m pytest tests
	$(FRESH) $(PY) -m pytest $(NBVAL) notebooks
	$(PY) tools/portability.py
	$(MAKE) --no-print-directory html
	$(MAKE) --no-print-directory test-colab
	$(MAKE) --no-print-directory test-classic

unit: venv-test
	$(PY) -m pytest tests

notebooks-test: venv-test
	$(FRESH) $(PY) -m pytest $(NBVAL) notebooks

# The notebooks under nbval again, with other BLAS kernels, without numpy's AVX loops, with 1 and 2
# BLAS threads: every stored output must be the same on any processor.
portability: venv-test
	$(PY) tools/portability.py

# Re-execute every notebook in a fresh kernel, top to bottom, and store the outputs.
execute-notebooks: venv-test
	$(PY) -m nbhelpers.execute notebooks/*.ipynb

benchmark: venv-test
	$(PY) benchmarks/mlp_vs_sklearn.py
	$(PY) benchmarks/numpy_floor.py
	$(PY) benchmarks/widget_latency.py

# A static HTML copy of the executed course, for reading without a kernel.
html: venv-test
	$(PY) tools/build_site.py --out site

# The same tests in an environment pinned to what Google Colab ships. The notebooks install
# nbhelpers through their own Colab cell (NBH_COURSE_SOURCE plays Colab), and afterwards
# no pinned package may have changed.
COLAB := .venv-colab
# A venv $(1) with the packages of the requirements file $(2) (and a stamp file, $(1)/.installed).
define pinned-venv
	$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip install --quiet --upgrade pip
	$(1)/bin/python -m pip install --quiet -r $(2)
	touch $(1)/.installed
endef

$(COLAB)/.installed: requirements/colab.txt
	$(call pinned-venv,$(COLAB),requirements/colab.txt)

test-colab: $(COLAB)/.installed
	$(COLAB)/bin/python -m pip freeze --exclude nbhelpers > $(COLAB)/before.txt
	# As the Colab install cell does: the package from this checkout, no dependencies.
	$(COLAB)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	# The browser tests need Playwright and run in the main environment; the rest runs here too.
	$(COLAB)/bin/python -m pytest tests -p no:cacheprovider --ignore=tests/test_browser.py
	$(FRESH) NBH_COURSE_SOURCE="$(CURDIR)" $(COLAB)/bin/python -m pytest -p no:cacheprovider --nbval-lax --nbval-current-env notebooks
	$(COLAB)/bin/python -m pip freeze --exclude nbhelpers | diff $(COLAB)/before.txt - \
	  && echo "test-colab: no package that Colab ships was changed"

# The widgets in the classic Notebook with ipywidgets 7.7.1 (the front end closest to Colab's):
# server and kernel from their own venv, Chromium driven by Playwright from the main one.
CLASSIC := .venv-classic
$(CLASSIC)/.installed: requirements/classic.txt
	$(call pinned-venv,$(CLASSIC),requirements/classic.txt)

test-classic: venv-test $(CLASSIC)/.installed
	NBH_CLASSIC_PYTHON="$(CURDIR)/$(CLASSIC)/bin/python" $(PY) -m pytest -p no:cacheprovider tests/test_browser_classic.py

clean:
	rm -rf $(VENV) $(COLAB) $(CLASSIC) site .pytest_cache
