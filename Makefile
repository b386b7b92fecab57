# demandlab: two commands from a fresh clone (only python3 and make needed).
#   make lab    create .venv from binder/ pins and open the course in JupyterLab
#   make test   the same environment plus test tools: lint, library, notebooks, Binder, browser
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 8888
HOST    ?= 127.0.0.1
NB      ?= notebooks/*.ipynb
STUDENT ?= student
# Tests point every Jupyter/IPython dir at a scratch folder so nothing lands in $HOME.
SCRATCH := $(CURDIR)/.scratch
TESTENV := JUPYTER_CONFIG_DIR=$(SCRATCH)/config JUPYTER_DATA_DIR=$(SCRATCH)/data \
           JUPYTER_RUNTIME_DIR=$(SCRATCH)/runtime IPYTHONDIR=$(SCRATCH)/ipython \
           JUPYTER_PLATFORM_DIRS=1 XDG_CACHE_HOME=$(SCRATCH)/cache PYTHONDONTWRITEBYTECODE=1
NBVAL   := --nbval-lax --nbval-current-env --sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider
# Every pytest run: the slowest tests listed, and an outer guard that fails a test (with every
# thread's stack) after 15 minutes instead of letting it hang CI. Notebook runs have their own,
# tighter guards with a kernel diagnosis (tests/nbrun.py, tests/nbval_guard.py).
PYTEST  := $(TESTENV) $(BIN)/python -m pytest -q --durations=12 --timeout=900
# Library tests on both cores; tests of one xdist group (the one shared hub) stay on one worker.
XDIST   := -n 2 --dist loadgroup
STUDENT_RUN := $(SCRATCH)/student-run
# pip installs the pinned environment; CI sets UV to a uv binary, whose pip interface installs
# the same pins (the same `pip freeze`) about six times faster (benchmarks/README.md, "Installing").
# pip stays the fallback if uv fails, and what `make lab` uses on a learner's machine.
UV      ?=
PIP     := $(BIN)/python -m pip install --disable-pip-version-check
INSTALL  = $(if $(UV),$(UV) pip install --python $(BIN)/python,$(PIP))

.PHONY: lab test test-fast lint test-lib test-notebooks test-browser test-layout clean-notebooks \
        execute-notebooks student bench help hub

help:
	@echo "make lab [PORT=8888 HOST=127.0.0.1]  open the course in JupyterLab"
	@echo "make test                            run every check (what CI runs)"
	@echo "make test-fast                       lint, library and claims tests (no kernel, server, hub or browser)"
	@echo "make student [STUDENT=student]       write student copies without solutions"
	@echo "make execute-notebooks [NB=...]      run notebooks, keep only checked outputs"
	@echo "make bench                           run the benchmarks"
	@echo "make lite                            build the JupyterLite site into _site/ (lite/README.md)"
	@echo "make hub                             a JupyterHub for a workshop room (deploy/README.md)"

$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { \
	  echo "error: demandlab needs Python >= 3.10; '$(PY)' is $$($(PY) --version 2>&1)."; \
	  echo "       Install a newer Python or run: make lab PY=python3.11"; exit 1; }
	@$(PY) -c 'import venv, ensurepip' 2>/dev/null || { \
	  echo "error: '$(PY) -m venv' is missing (the venv/ensurepip module is not installed)."; \
	  echo "       On Debian/Ubuntu: sudo apt install python3-venv   then run make again."; exit 1; }
	@echo "demandlab: creating the Python environment in $(VENV) ..."
	@$(PY) -m venv $(VENV)

$(VENV)/.lab-installed: $(BIN)/python binder/requirements.txt pyproject.toml \
                        binder/jupyter_server_config.json binder/overrides.json
	@echo "demandlab: installing the course's packages (about a minute the first time; log: $(VENV)/install.log) ..."
	@{ { $(INSTALL) -r binder/requirements.txt || $(PIP) -r binder/requirements.txt; } && \
	   $(PIP) --no-deps -e . && \
	   $(BIN)/python binder/install_jupyter_config.py; } > $(VENV)/install.log 2>&1 || { \
	  echo "error: installing the course's packages failed. The end of $(VENV)/install.log:"; \
	  tail -n 15 $(VENV)/install.log | sed 's/^/    /'; exit 1; }
	@touch $@

$(VENV)/.test-installed: $(VENV)/.lab-installed binder/requirements-test.txt
	$(INSTALL) --quiet -r binder/requirements.txt -r binder/requirements-test.txt || \
	  $(PIP) --quiet -r binder/requirements.txt -r binder/requirements-test.txt
	@touch $@

$(SCRATCH):
	@mkdir -p $(SCRATCH)/config $(SCRATCH)/data $(SCRATCH)/runtime $(SCRATCH)/ipython

# tools/lab.py: the server's log goes to $(VENV)/jupyterlab.log, the browser opens where a
# desktop exists, and the last line printed is the URL.
lab: $(VENV)/.lab-installed
	@$(BIN)/python tools/lab.py --host $(HOST) --port $(PORT) --log $(VENV)/jupyterlab.log

# One stage after another, output as it comes. Two lanes side by side (library | browser,
# notebooks, JupyterLite) were measured and dropped: 678 s against 701 s sequential, since each
# stage alone already keeps the two cores 87-91% busy, and the lanes held every line back
# until a lane ended (benchmarks/README.md, "make test").
test: $(VENV)/.test-installed lint test-lib test-notebooks test-browser test-lite

lint: $(VENV)/.test-installed
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m demandlab.tools clean --check notebooks/*.ipynb instructors/*.ipynb

# configurable-http-proxy for the hub (deploy/package-lock.json); needs node and npm.
deploy/node_modules/.package-lock.json: deploy/package-lock.json
	npm ci --prefix deploy --no-audit --no-fund

hub: $(VENV)/.lab-installed deploy/node_modules/.package-lock.json
	$(BIN)/jupyterhub -f deploy/jupyterhub_config.py

test-lib: $(VENV)/.test-installed deploy/node_modules/.package-lock.json | $(SCRATCH)
	$(PYTEST) $(XDIST) -m "not browser" tests --doctest-modules src/demandlab

# The edit loop: everything that needs no kernel, hub or browser (docs/authoring.md).
test-fast: lint | $(SCRATCH)
	$(PYTEST) $(XDIST) -m "not browser and not kernel and not hub and not server" tests \
	  --doctest-modules src/demandlab

# The second kernel run of every lesson: nbval executes the student copies (what learners get
# from `make student`) against the committed checked outputs. tests/test_notebook_runs.py is
# the first run (the whole lesson, offline, then every control swept).
test-notebooks: $(VENV)/.test-installed | $(SCRATCH)
	@rm -rf $(STUDENT_RUN)
	@$(BIN)/python -m demandlab.tools student $(STUDENT_RUN) notebooks/*.ipynb
	$(PYTEST) -n 2 --dist loadfile -p tests.nbval_guard --nbval-cell-timeout=240 $(NBVAL) \
	  $(STUDENT_RUN)/*.ipynb instructors/lesson-template.ipynb

# Two workers, each with its own JupyterLab and chromium; a lesson's tests stay on one page.
test-browser: $(VENV)/.test-installed | $(SCRATCH)
	$(PYTEST) $(XDIST) -m browser tests/browser

# Every lesson's figure texts and control rows at 1400x900 and 1024x700, every slider at its
# ends (part of test-browser too, on the same page per lesson; this runs it alone).
test-layout: $(VENV)/.test-installed | $(SCRATCH)
	$(PYTEST) -m browser tests/browser/test_layout.py

clean-notebooks: $(VENV)/.test-installed
	$(BIN)/ruff format --quiet notebooks/*.ipynb instructors/*.ipynb
	$(BIN)/python -m demandlab.tools clean notebooks/*.ipynb instructors/*.ipynb

execute-notebooks: $(VENV)/.test-installed | $(SCRATCH)
	$(BIN)/ruff format --quiet $(NB)
	$(TESTENV) $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=300 $(NB)  # widget state on: nbclient fails on Output widgets without it; clean drops it
	$(BIN)/python -m demandlab.tools clean $(NB)

student: $(VENV)/.lab-installed
	$(BIN)/python -m demandlab.tools student $(STUDENT)

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/run_all.py

# JupyterLite (lite/README.md): build tools in their own venv (lite/requirements.txt), the
# Pyodide core from npm (lite/package-lock.json), pinned wheels fetched once per pin change.
.PHONY: lite test-lite
LITE_PY := .venv-lite/bin/python

$(LITE_PY):
	$(PY) -m venv .venv-lite

.venv-lite/.installed: $(LITE_PY) lite/requirements.txt
	$(if $(UV),$(UV) pip install --quiet --python $(LITE_PY) -r lite/requirements.txt || )\
	  $(LITE_PY) -m pip install --quiet --disable-pip-version-check -r lite/requirements.txt
	@touch $@

lite/node_modules/.package-lock.json: lite/package-lock.json
	npm ci --prefix lite --no-audit --no-fund --ignore-scripts --cache $(CURDIR)/build/npm-cache

build/lite-wheels/.downloaded: .venv-lite/.installed lite/wheels.txt lite/node_modules/.package-lock.json
	$(LITE_PY) lite/build.py --download-only
	@touch $@

lite: .venv-lite/.installed lite/node_modules/.package-lock.json build/lite-wheels/.downloaded
	$(LITE_PY) lite/build.py

test-lite: $(VENV)/.test-installed lite | $(SCRATCH)
	$(PYTEST) -m browser tests/lite
