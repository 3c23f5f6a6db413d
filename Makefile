# Two commands on a fresh machine: `make run` and `make test`. Everything else is what they need.
PORT ?= 8501
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := data/ordos.duckdb
BUILD_INPUTS := $(wildcard data/raw/*.txt data/curated/* data/curated/en/*.yaml data/observations/* data/photos/* pipeline/*.py)

.PHONY: run test data deck site bench lint format chromium serve clean

$(VENV)/.app: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.app requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(DB): $(VENV)/.app $(BUILD_INPUTS)
	$(PY) -m pipeline

## data: rebuild the database from data/raw/ and data/curated/ (the old one stays if the build fails)
data: $(VENV)/.app
	$(PY) -m pipeline

## run: set up, build the database, serve on http://localhost:$(PORT)
run: $(DB)
	ORDOS_CHART_CACHE="$${ORDOS_CHART_CACHE:-$(CURDIR)/data/charts}" $(PY) -m streamlit run app.py --server.port $(PORT)

## chromium: what the browser and fail-over tests drive: Chromium, CJK and Mongolian fonts, nginx (Debian packages)
chromium:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ! PATH="$$PATH:/usr/sbin" command -v nginx >/dev/null \
		|| ! command -v shellcheck >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans Mongolian"; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-noto-core nginx shellcheck >/dev/null; \
		else echo "The browser and fail-over tests need: sudo apt-get install chromium fonts-noto-cjk fonts-noto-core nginx shellcheck" >&2; exit 1; fi; \
	fi

## test: set up what the tests need (Chromium included) and run them all, a file per worker (WORKERS=auto: one per core)
WORKERS ?= auto
test: $(VENV)/.dev $(DB) chromium
	$(PY) -m pytest -n $(WORKERS) --dist loadfile

## bench: measure build, server time, browser, load and memory (about 25 min); writes bench/out/report.md and .json (QUICK=1: a smoke run of a few minutes)
bench: $(VENV)/.dev $(DB) chromium
	@if ! command -v wrk >/dev/null || [ ! -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk libnginx-mod-http-brotli-static >/dev/null; \
		else echo "The bench needs: sudo apt-get install wrk libnginx-mod-http-brotli-static" >&2; exit 1; fi; \
	fi
	QUICK=$(QUICK) $(PY) -m bench.run

## deck: write the briefing decks ordos-briefing-zh.pptx and ordos-briefing-en.pptx (and their charts) to OUT (default: out)
OUT ?= out
deck: $(DB)
	$(PY) scripts/make_deck.py --out "$(OUT)"

## site: write the phone edition, a static site of every page (default OUT: site); ORDOS_SITE_URL is its public address
# Drawn charts are kept in artifacts/edition-charts (by the hash of their spec), so a second build takes a fraction of the first.
SITE_OUT = $(if $(filter command line environment,$(origin OUT)),$(OUT),site)
site: $(DB)
	$(PY) -m edition --out "$(SITE_OUT)" --chart-cache artifacts/edition-charts

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) $(DB) artifacts .pytest_cache
