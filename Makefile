# Two jobs, each from a fresh clone with only Python 3.11+ and pip:
#   make book   render the book into _build/html from the outputs stored in the notebooks
#   make test   run every test; nbval executes every notebook once and proves the stored
#               outputs are what a fresh run gives
# Inside an active virtual or conda environment the targets install into it;
# otherwise they create .venv here and use that.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3

ifneq ($(strip $(VIRTUAL_ENV)$(CONDA_PREFIX)),)
PY := python
VENV_STAMP :=
ENV_DIR := $(firstword $(VIRTUAL_ENV) $(CONDA_PREFIX))
else
PY := .venv/bin/python
VENV_STAMP := .venv/bin/python
ENV_DIR := .venv
endif

# The project is installed (editable) once per environment and extra, and again only when
# pyproject.toml changes: a stamp file in the environment records each install, so a target
# run twice does not spend seconds re-resolving what is already there.
INSTALLED = $(ENV_DIR)/.kuzbas-installed-$(1)

BOOK := _build/html

.PHONY: help test book book-fresh refresh lab series validate bench student clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

.venv/bin/python:
	$(PYTHON) -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip

$(ENV_DIR)/.kuzbas-installed-%: pyproject.toml | $(VENV_STAMP)
	$(PY) -m pip install --quiet -e ".$(if $(filter base,$*),,[$*])"
	@touch $@

NOTEBOOKS := $(wildcard notebooks/[0-9]*.ipynb notebooks/seminar/[0-9]*.ipynb)

test: $(call INSTALLED,test)  ## install the test extra and run every test (nbval executes each notebook once)
	$(PY) -m pytest -n auto

book: $(call INSTALLED,book)  ## render the book (static HTML) into _build/html from the stored, tested outputs
	rm -rf $(BOOK)
	$(PY) -m sphinx -W --keep-going -b html -c book . $(BOOK)
	@echo "The book's index page: $(abspath $(BOOK))/index.html"

book-fresh: $(call INSTALLED,book)  ## re-execute every notebook while rendering the book (the stored files stay as they are)
	rm -rf $(BOOK)
	$(PY) -m sphinx -W --keep-going -b html -c book -D nb_execution_mode=force . $(BOOK)
	@echo "The book's index page: $(abspath $(BOOK))/index.html"

refresh: $(call INSTALLED,test)  ## re-execute every notebook in place and store the fresh outputs (after any change)
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	$(PY) -m kuzbas_data stamp $(NOTEBOOKS)
	$(PY) -m kuzbas_data student notebooks/seminar

series: $(call INSTALLED,base)  ## rebuild data/series/*.csv from the claims, and the README's data dictionary
	$(PY) -m kuzbas_data series
	$(PY) -m kuzbas_data docs README.md

validate: $(call INSTALLED,base)  ## check the data tables (schema, quotes, bounds, dates, conflict groups)
	$(PY) -m kuzbas_data validate

bench: $(call INSTALLED,test)  ## measure the test, book and figure loops and CI from a fresh clone (into the README; minutes)
	$(PY) benchmarks/run.py --readme --ci

student: $(call INSTALLED,test)  ## write the student versions of the seminar notebooks (solutions removed) and handouts
	$(PY) -m kuzbas_data student notebooks/seminar --handouts _build/handouts

lab: $(call INSTALLED,lab)  ## open the notebooks in JupyterLab
	$(PY) -m jupyter lab notebooks/

clean:  ## remove the build folder and caches (keeps .venv)
	rm -rf _build build dist *.egg-info .pytest_cache
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
