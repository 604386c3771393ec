# Two commands for a fresh Debian/Ubuntu machine with Python 3.10+ and make:
#   make demo   trains an MLP on two moons and writes pictures to out/
#   make test   ruff (make lint) + the whole test suite (notebooks included)
#   (make test-fast skips the slow tests: kernels, notebooks, browsers)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
OUT ?= out

.PHONY: demo test test-fast lint format bench notebook notebooks graphviz chromium js js-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[dev,notebook]'
	@# PyTorch is only an optional second reference for tests and benchmarks: installed
	@# when a local wheel is at hand (no multi-GB download), skipped cleanly otherwise.
	@if $(PY) -m pip download --quiet --no-index --no-deps -d $(VENV)/.torch-probe torch==2.13.0 >/dev/null 2>&1; then \
		$(PY) -m pip install --quiet torch==2.13.0 || echo "PyTorch not installed: its reference tests will be skipped."; \
	else \
		echo "No local PyTorch 2.13.0 wheel: its reference tests will be skipped (pip install torch==2.13.0 adds them)."; \
	fi; rm -rf $(VENV)/.torch-probe
	touch $(STAMP)

graphviz:
	@sh scripts/ensure-graphviz.sh

# The browser tests (viz.explore) drive Debian's chromium through playwright.
chromium:
	@sh scripts/ensure-chromium.sh

# Refresh the JavaScript shipped in viz/static/ from the pinned npm packages (needs npm).
js:
	sh scripts/bundle-js.sh

# Pyodide (the playground, the live explorer page and their browser tests) comes from
# node_modules/, installed from package-lock.json. Never fatal: without npm those tests skip.
js-deps:
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error || echo "npm ci failed: the Pyodide tests will be skipped."; \
	else \
		echo "No npm: the Pyodide tests (playground, live page) will be skipped (apt-get install npm adds them)."; \
	fi

demo: $(STAMP) graphviz
	$(PY) -m nn.demo --out $(OUT)

test: lint graphviz chromium js-deps
	$(PY) -m pytest -n 2

# Everything but the tests marked slow (kernels, notebooks, browsers, long workloads).
test-fast: lint graphviz
	$(PY) -m pytest -n 2 -m "not slow"

# ruff, then mypy on the packages configured in pyproject.toml ([tool.mypy]: autograd, nn).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)
	$(PY) -m benchmarks

notebook: $(STAMP) graphviz
	$(VENV)/bin/jupyter lab notebooks/

# Rebuild notebooks/NN_*.ipynb from notebooks/_build/NN_*.py and re-execute them
# (NOTEBOOKS="03 05" rebuilds only those).
notebooks: $(STAMP) graphviz
	$(PY) notebooks/_build/build.py $(NOTEBOOKS)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache .mypy_cache .hypothesis
