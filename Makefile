# The two commands (see README): `make demo` runs the product, `make test` runs the whole test suite.
SHELL := /bin/bash
PORT ?= 8000
DEMO_INDEX ?= articles
PY := .venv/bin/python

.PHONY: setup browser es demo test test-unit bench-relevance bench-analysis bench-entities eval-entities eval-offices eval-stories bench bench-load stop clean

setup:
	@scripts/bootstrap

# Debian's Chromium for the browser tests (apt-get when missing; see scripts/browser).
browser:
	@scripts/browser

es: setup
	@scripts/dev-es start >/dev/null

# Index the demo corpus into a fresh index behind the alias, then serve the app on :$(PORT).
demo: setup
	@eval "$$(scripts/dev-es start)" && export SEARCH_INDEX=$${SEARCH_INDEX:-$(DEMO_INDEX)} && \
	$(PY) -m search index --rebuild data/demo && \
	$(PY) -m search serve --host 0.0.0.0 --port $(PORT)

# Unit, integration (real Elasticsearch) and end-to-end tests.
test: setup browser
	@eval "$$(scripts/dev-es start)" && $(PY) -m pytest $(PYTEST_ARGS)

test-unit: setup
	@$(PY) -m pytest tests/unit $(PYTEST_ARGS)

bench-relevance: setup
	@eval "$$(scripts/dev-es start)" && $(PY) bench/relevance.py

bench-analysis: setup
	@$(PY) bench/analysis_speed.py

bench-entities: setup
	@$(PY) bench/entities_speed.py

eval-entities: setup
	@$(PY) bench/entities_eval.py

eval-offices: setup
	@$(PY) bench/offices_eval.py

# Near-duplicate grouping: pairwise precision/recall on planted copies (tuning and held-out sets).
eval-stories: setup
	@$(PY) bench/stories_eval.py

# Archive scale (README "Archive scale"): the product benchmark on DOCS generated articles, and the load test
# against the index behind SEARCH_INDEX (needs wrk).
DOCS ?= 20000
bench: setup
	@eval "$$(scripts/dev-es start)" && $(PY) -m search bench --docs $(DOCS)

bench-load: setup
	@eval "$$(scripts/dev-es start)" && $(PY) bench/load.py

stop:
	@scripts/dev-es stop

clean:
	rm -rf .venv .cache
