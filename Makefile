# Two commands for a fresh Debian/Ubuntu machine with Python 3.10+ and make:
#   make demo   trains an MLP on two moons and writes pictures to out/
#   make test   ruff (make lint) + the whole test suite (notebooks included)
#   (make test-fast skips the slow tests: kernels, notebooks, browsers)
#   make site   the documentation site, walkthroughs and a JupyterLite lab, in site/
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
OUT ?= out

.PHONY: demo test test-fast lint format bench notebook notebooks graphviz chromium js site site-js clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[dev,notebook,site]'
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

demo: $(STAMP) graphviz
	$(PY) -m nn.demo --out $(OUT)

test: lint graphviz chromium site-js
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

# The benchmark suite (pyperf; several minutes): BENCH_ARGS="--quick" for a smoke run,
# "-o run.json" to keep the pyperf JSON (python -m benchmarks --report run.json reprints it).
bench: $(STAMP)
	$(PY) -m benchmarks $(BENCH_ARGS)

notebook: $(STAMP) graphviz
	$(VENV)/bin/jupyter lab notebooks/

# Rebuild notebooks/NN_*.ipynb from notebooks/_build/NN_*.py and re-execute them
# (NOTEBOOKS="03 05" rebuilds only those).
notebooks: $(STAMP) graphviz
	$(PY) notebooks/_build/build.py $(NOTEBOOKS)

# The documentation site (docs/guide/site.md): static files in site/, served as they are.
site: $(STAMP) site-js
	$(PY) scripts/site/build.py

# The site's JavaScript from npm at pinned versions: Pyodide for the lab, the playground and
# the live explorer page (package.json; make test runs this for their browser tests),
# MathJax for the walkthrough pages (scripts/site/js/package.json).
# Never fatal: without npm, make site says so and the site's tests skip.
site-js:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "No npm: make site needs it for Pyodide and MathJax (apt-get install npm)."; \
	else \
		test -f node_modules/pyodide/pyodide.mjs || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error || echo "npm ci failed"; \
		test -f scripts/site/js/node_modules/mathjax/MathJax.js || npm ci --prefix scripts/site/js --ignore-scripts --no-audit --no-fund --loglevel=error || echo "npm ci failed (scripts/site/js)"; \
	fi

clean:
	rm -rf $(VENV) $(OUT) site build .pytest_cache .ruff_cache .mypy_cache .hypothesis
