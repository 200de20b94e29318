# Lips and Teeth: one command per job. `make serve` and `make test` are the README's quick start;
# each installs what it needs into .venv from the pinned versions in requirements.lock.

# The Python the venvs are made with: the first of these that is new enough, unless PYTHON is given.
# pyproject.toml's requires-python says how new (pymdown-extensions 13 needs 3.11.5); a python3
# that is older (Debian 12's is 3.11.2) would fail half-way through the install with a message
# that never mentions Python.
NEED_PYTHON := $(shell sed -n 's/^requires-python *= *">=\([0-9.]*\)".*/\1/p' pyproject.toml)
PYTHON_CANDIDATES := python3 python3.14 python3.13 python3.12 python3.11
# True when the interpreter $$1 reports a version of at least $(NEED_PYTHON).
NEW_ENOUGH = v=$$("$$1" --version 2>&1 | sed -n 's/^Python \([0-9][0-9.]*\).*/\1/p'); \
  [ -n "$$v" ] && [ "$$(printf '%s\n' $(NEED_PYTHON) "$$v" | sort -V | head -n 1)" = "$(NEED_PYTHON)" ]
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell ok() { $(NEW_ENOUGH); }; for p in $(PYTHON_CANDIDATES); do \
  command -v "$$p" >/dev/null 2>&1 && ok "$$p" && { echo "$$p"; break; }; done)
endif
# Stops a recipe, saying exactly what is needed, when no suitable Python was found.
REQUIRE_PYTHON = @ok() { $(NEW_ENOUGH); }; \
  if [ -z "$(PYTHON)" ] || ! ok "$(PYTHON)"; then \
    echo "make: this project needs Python $(NEED_PYTHON) or later (pyproject.toml's requires-python)." >&2; \
    echo "  Tried: $(if $(PYTHON),$(PYTHON),$(PYTHON_CANDIDATES)); python3 here is $$(python3 --version 2>&1 || echo missing)." >&2; \
    echo "  Install one (for example python3.12, or a Python from python.org, pyenv or uv), then run make again;" >&2; \
    echo "  or name one: make PYTHON=/path/to/python3.12 install" >&2; \
    exit 1; \
  fi
# A venv is ours and finished only with its stamp. One left half-made by a failed or stopped
# install (marked .installing from its first step) is removed and made again; a folder of that
# name that no install made is left alone, with a word.
define FRESH_VENV
@if [ -f $(1)/.installing ]; then \
  echo "make: removing $(1), which an earlier install did not finish"; rm -rf $(1); \
elif [ -e $(1) ] && [ ! -f $(1)/.installed ]; then \
  echo "make: $(1) exists but no finished 'make install' made it; move it away (or remove it), then run make again" >&2; \
  exit 1; \
fi; \
mkdir -p $(1) && rm -f $(1)/.installed && touch $(1)/.installing
endef

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The locker (uv) lives in a venv of its own: only `make lock` needs it, never a test or a build.
TOOLS_VENV := .venv-tools
TOOLS_STAMP := $(TOOLS_VENV)/.installed
TOOLS := uv==0.13.9
ZENSICAL_STAMP := $(VENV)/.zensical-installed
# On GitHub Actions, lint problems become annotations on their lines.
RUFF_FORMAT := $(if $(GITHUB_ACTIONS),--output-format=github,)
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve test test-fast check schema build build-zensical screenshot preview lighthouse bench mutation lint lock clean

# Every file pip installs is checked against the lock's hashes; the package itself is installed
# without build isolation so that its build backend (setuptools) comes hash-checked from the lock too.
$(STAMP): pyproject.toml requirements.lock
	$(REQUIRE_PYTHON)
	$(call FRESH_VENV,$(VENV))
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	mv $(VENV)/.installing $(STAMP)

# The Nu Html Checker (vnu.jar) ships only on npm: installed from package-lock.json, every file checked
# against its integrity hash; its install script only looks for Java, which the tests check themselves.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(TOOLS_STAMP): requirements-tools.lock
	$(REQUIRE_PYTHON)
	$(call FRESH_VENV,$(TOOLS_VENV))
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements-tools.lock
	mv $(TOOLS_VENV)/.installing $(TOOLS_STAMP)

install: $(STAMP)  ## create .venv and install the pinned dependencies

serve: $(STAMP)  ## build and serve the site on http://127.0.0.1:8000, rebuilding when data/ changes
	mkdir -p .cache/site-src  # mkdocs.yml's docs_dir: the hook fills it at every build
	$(BIN)/mkdocs serve --dirty

test: $(STAMP) $(NODE_STAMP) $(ZENSICAL_STAMP)  ## the full test suite (lint, data check, unit and end-to-end tests, both engines)
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

# Zensical (Material's successor) builds the same generated sources into site-zensical/; its hashed
# lock is installed into .venv beside MkDocs, pinned to the versions requirements.lock already has.
$(ZENSICAL_STAMP): $(STAMP) requirements-zensical.lock
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-zensical.lock
	touch $(ZENSICAL_STAMP)

build-zensical: $(ZENSICAL_STAMP)  ## build the site with Zensical into site-zensical/
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null || echo 0)} $(BIN)/lipsteeth build --engine zensical

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
	echo "zensical==0.0.73" | $(LOCK) - -c requirements.lock -o requirements-zensical.lock  # 0.1 needs zensical-ui, not in our registries
	printf '%s\n' $(TOOLS) | $(LOCK) - -o requirements-tools.lock

# site/ goes only if a build made it: empty, or stamped by `lipsteeth build` and holding only the
# files that stamp lists (the build's own rule; anything else in it is someone's work).
SITE_STAMP := site/.lipsteeth-site
clean:  ## remove the built site, the caches and the venvs
	@if [ -d site ] && [ -n "$$(ls -A site)" ]; then \
	  if [ ! -f $(SITE_STAMP) ]; then \
	    echo "make clean: site/ holds files no build wrote (no $(SITE_STAMP)); left as it is" >&2; \
	  elif [ -n "$$(find site -type f ! -path $(SITE_STAMP) | sed 's|^site/||' | awk 'NR == FNR { built[$$0]; next } !($$0 in built)' $(SITE_STAMP) - | head -n 1)" ]; then \
	    echo "make clean: site/ holds files the build did not write; left as it is" >&2; \
	  else rm -rf site; fi; \
	else rm -rf site; fi
	rm -rf site-zensical .cache $(VENV) $(TOOLS_VENV) node_modules
