# `make run` sets everything up and opens the editor on the built-in sample report;
# `make test` sets everything up, checks the one-way layers (lint-imports) and runs the whole
# test suite (CI runs exactly this).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system-deps translations lint bench bundle clean

run: setup
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display: showing the sample report's summary instead (use 'make run' on a desktop)."; \
	  $(BIN)/sqeditor sample /tmp/sqeditor-sample.sqreport >/dev/null 2>&1 || true; \
	  $(BIN)/sqeditor info /tmp/sqeditor-sample.sqreport; \
	else \
	  $(BIN)/sqeditor; \
	fi

test: setup
	$(BIN)/ruff check sqeditor tests benchmarks
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 --dist loadgroup -q

setup: system-deps $(STAMP) translations

system-deps:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

translations: $(STAMP)
	@for ts in translations/*.ts; do \
	  [ -e "$$ts" ] || continue; \
	  $(BIN)/pyside6-lrelease -silent "$$ts" -qm "$${ts%.ts}.qm"; \
	done

lint: $(STAMP)
	$(BIN)/ruff check sqeditor tests benchmarks
	$(BIN)/lint-imports

# the program as one folder, dist/sqeditor/ (the Windows installer: installer/README.md)
bundle: setup
	bash installer/build_linux.sh

bench: setup
	@command -v npm >/dev/null && [ ! -d benchmarks/.zhlint/node_modules/zhlint ] && \
	  npm install --silent --no-audit --no-fund --prefix benchmarks/.zhlint zhlint@0.8.2 || true
	@for b in benchmarks/bench_*.py; do \
	  name=$$(basename "$$b" .py); echo "== $$name"; \
	  QT_QPA_PLATFORM=offscreen $(BIN)/python -m "benchmarks.$$name"; \
	done

clean:
	rm -rf $(VENV) build dist *.egg-info
