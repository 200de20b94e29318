# Lips and Teeth: one command per job. `make serve` and `make test` are the README's quick start;
# each installs what it needs into .venv from the pinned versions in requirements.lock.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The locker (uv) lives in a venv of its own: only `make lock` needs it, never a test or a build.
TOOLS_VENV := .venv-tools
TOOLS_STAMP := $(TOOLS_VENV)/.installed
TOOLS := uv==0.13.9
# On GitHub Actions, lint problems become annotations on their lines.
RUFF_FORMAT := $(if $(GITHUB_ACTIONS),--output-format=github,)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve test test-fast check schema build screenshot preview lighthouse bench mutation lint lock clean

# Every file pip installs is checked against the lock's hashes; the package itself is installed
# without build isolation so that its build backend (setuptools) comes hash-checked from the lock too.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The Nu Html Checker (vnu.jar) ships only on npm: installed from package-lock.json, every file checked
# against its integrity hash; its install script only looks for Java, which the tests check themselves.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(TOOLS_STAMP): requirements-tools.lock
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements-tools.lock
	touch $(TOOLS_STAMP)

install: $(STAMP)  ## create .venv and install the pinned dependencies

serve: $(STAMP)  ## build and serve the site on http://127.0.0.1:8000, rebuilding when data/ changes
	$(BIN)/mkdocs serve --dirty

test: $(STAMP) $(NODE_STAMP)  ## the full test suite (lint, data check, unit and end-to-end tests)
	$(BIN)/ruff check $(RUFF_FORMAT) scripts tests
	$(BIN)/lipsteeth check
	$(BIN)/pytest

test-fast: $(STAMP)  ## everything but the slow (whole-site) and browser tests, in under a minute
	$(BIN)/ruff check $(RUFF_FORMAT) scripts tests
	$(BIN)/lipsteeth check
	$(BIN)/pytest -m "not slow and not browser"

check: $(STAMP)  ## validate the data only
	$(BIN)/lipsteeth check

schema: $(STAMP)  ## regenerate the editors' JSON Schemas (after changing the model or adding a person by hand)
	$(BIN)/lipsteeth schema

build: $(STAMP)  ## build the site into site/ (swapped into place only when the build succeeds)
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} $(BIN)/lipsteeth build

screenshot: build  ## redraw the README's picture of the home page (.github/readme/home.png; needs chromium)
	$(BIN)/lipsteeth screenshot

preview: build  ## serve the built site with gzip at http://127.0.0.1:8001 (as a production host would)
	$(BIN)/lipsteeth preview

bench: $(STAMP)  ## the benchmark: 100, 1,000 and 10,000 synthetic events (takes several minutes)
	$(BIN)/lipsteeth bench

# Lighthouse (npm) against Debian's chromium, on the home, an event and a claim page; needs node.
LIGHTHOUSE_PAGES := / /events/2005-10-hu-jintao-visits-pyongyang/ /claims/hu-jintao-visit-in-2006/
lighthouse: build
	$(BIN)/lipsteeth preview --port 8002 & pid=$$!; sleep 1; \
	for page in $(LIGHTHOUSE_PAGES); do \
	  CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} npx --yes lighthouse@12 "http://127.0.0.1:8002$$page" --quiet \
	    --only-categories=performance,accessibility,best-practices,seo --output=json --output-path=stdout \
	    --chrome-flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
	  | $(BIN)/python -c "import json,sys; d=json.load(sys.stdin); print('$$page', {k: round(v['score']*100) for k, v in d['categories'].items()})"; \
	done; kill $$pid

# Mutation testing of the data and analyse stages (mutmut; slow, so not in CI). mutmut only looks for
# code under src/, so it runs in a scratch copy where scripts/ is src/; `make mutation-results` lists survivors.
MUTATION := .cache/mutation
mutation: $(STAMP)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-mutation.lock
	rm -rf $(MUTATION) && mkdir -p $(MUTATION)
	git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t $(MUTATION) && cp -r scripts $(MUTATION)/src
	cd $(MUTATION) && ../../$(BIN)/mutmut run --max-children $${MUTATION_JOBS:-2}; ../../$(BIN)/mutmut results | tail -n 3 || true
	@echo "survivors: cd $(MUTATION) && ../../$(BIN)/mutmut results; one diff: ../../$(BIN)/mutmut show <name>"

lint: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

# uv keeps the pins already in each lock unless pyproject.toml asks for others; hashes cover every
# file PyPI has for a version, so the locks serve any platform. The deployment installs the build lock.
LOCK := $(TOOLS_VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11.5
lock: $(TOOLS_STAMP)  ## re-pin every dependency after changing pyproject.toml
	echo "setuptools>=77" | $(LOCK) pyproject.toml - --extra test -o requirements.lock
	echo "setuptools>=77" | $(LOCK) pyproject.toml - --extra test --extra mutation -c requirements.lock -o requirements-mutation.lock
	echo "setuptools>=77" | $(LOCK) pyproject.toml - -o requirements-build.lock
	printf '%s\n' $(TOOLS) | $(LOCK) - -o requirements-tools.lock

clean:
	rm -rf site .cache $(VENV) $(TOOLS_VENV) node_modules
