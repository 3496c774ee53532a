# Two commands for a newcomer: `make run` (set up, then open the window) and
# `make test` (set up, then run every test). Both build .venv once and reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint bench screenshot translations clean

$(STAMP): pyproject.toml constraints.txt scripts/system-packages.sh
	@echo "setup: preparing $(VENV) (once; a few minutes the first time)"
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		f"setup: Descent Lab needs Python 3.11 or newer, {sys.executable} is " \
		f"{sys.version.split()[0]}; run: make PYTHON=python3.11 $(MAKECMDGOALS)")'
	@bash scripts/system-packages.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "setup: installing Python packages into $(VENV)"
	@$(BIN)/python -m pip install --quiet --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)
	@echo "setup: done"

setup: $(STAMP)

run: setup
	$(BIN)/python -m app

test: setup
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python -m bench

screenshot: setup
	$(BIN)/python -m app --screenshot screenshot.png

# Refresh the translation sources from the code (keeping existing translations), then compile
# them into the .qm files the app loads. Translators edit resources/translations/*.ts.
translations: setup
	$(BIN)/pyside6-lupdate $$(ls app/*.py app/*/*.py widgets/*.py trainers/*.py trainers/*/*.py) \
		-ts resources/translations/descent_lab_zh_CN.ts
	$(BIN)/pyside6-lrelease resources/translations/descent_lab_zh_CN.ts \
		-qm resources/translations/descent_lab_zh_CN.qm

clean:
	rm -rf $(VENV) build *.egg-info
