# Two commands on a fresh machine: `make run` and `make test`. Both create .venv and install
# the pinned requirements first (only again when requirements.txt changes).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PORT ?= 8501

.PHONY: run test install validate bench bench-install bench-store bench-import bench-report data mutate mutate-sample clean

# serve.py warms the caches (imports, the package, the pages' figures), then starts Streamlit.
run: install
	$(PY) serve.py --server.port $(PORT)

test: bench-install  # every test, the national bench's folium baseline too (bench/requirements.txt)
	$(PY) -m pytest

install: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

validate: install
	$(PY) -m nla_data validate

bench: bench-install
	$(PY) bench/bench.py
	$(PY) bench/browser_bench.py
	$(PY) bench/national_browser_bench.py
	$(PY) bench/wijk_page_bench.py

# The benchmark-only dependencies (streamlit-folium, a baseline of the national map), not the app's.
bench-install: install
	$(PY) -m pip install --quiet -r bench/requirements.txt

bench-store: install
	$(PY) bench/store_bench.py

bench-report: install
	$(PY) bench/report_bench.py

bench-import: install
	$(PY) bench/import_bench.py

# Rebuild the embedded package's data files (tables, CBS boundaries) from ../shared/data, then validate.
data: install
	$(PY) scripts/build_package.py
	$(PY) -m nla_data validate

# Mutation testing of domain/ and nla_data/ with mutmut (config: pyproject.toml [tool.mutmut]); not part
# of `make test`. One child by default (a shared machine): `make mutate MUTATE_CHILDREN=4` where there is room.
# Then the killed share per package and module (scripts/mutation_report.py); `mutmut browse` shows survivors.
MUTATE_CHILDREN ?= 1
mutate: install
	$(PY) scripts/mutation_sample.py --sync-only
	$(VENV)/bin/mutmut run --max-children $(MUTATE_CHILDREN)
	$(PY) scripts/mutation_report.py

# The killed share of domain/ and nla_data/store.py estimated from a seeded random sample of mutants (with
# its 95 % interval): minutes instead of hours. `make mutate-sample MUTATE_SAMPLE=500` for a narrower one,
# `MUTATE_SEED=2026` for another draw (after tests were written for one seed's survivors, that seed leans high);
# `MUTATE_FLAGS=--postgres` tests the store on a PostgreSQL cluster of the run's own too, `--fresh-stats` maps
# every test again (scripts/mutation_sample.py).
MUTATE_SAMPLE ?= 300
MUTATE_SEED ?= 2013
MUTATE_FLAGS ?=
mutate-sample: install
	$(PY) scripts/mutation_sample.py --per-scope $(MUTATE_SAMPLE) --children $(MUTATE_CHILDREN) --seed $(MUTATE_SEED) $(MUTATE_FLAGS)

clean:
	rm -rf $(VENV) .pytest_cache mutants
