# Two commands for a fresh Debian/Ubuntu machine with Python 3.10+ and make:
#   make demo   trains an MLP on two moons and writes pictures to out/
#   make test   ruff (make lint) + the whole test suite (notebooks included)
#   (make test-fast skips the slow tests: kernels, notebooks, browsers)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
OUT ?= out

.PHONY: demo test test-fast lint format bench notebook notebooks graphviz chromium clean

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

demo: $(STAMP) graphviz
	$(PY) -m nn.demo --out $(OUT)

test: lint graphviz chromium
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

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache .mypy_cache .hypothesis
