# The two commands: `make run` (install, index the demo corpus, serve it) and `make test`.
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= var/index
HOST ?= 127.0.0.1
PORT ?= 8000
# whoosh (embedded) or opensearch (the cluster of `make cluster`).
BACKEND ?= $(or $(CHRONIQUE_BACKEND),whoosh)

.PHONY: run test install install-serve index bench clean cluster cluster-build

# Serving needs only the package and its dependencies: no test tools, no Playwright.
$(BIN)/chronique: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

# The tests add their own tools on top.
$(VENV)/.test-tools: $(BIN)/chronique pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install-serve: $(BIN)/chronique

install: $(VENV)/.test-tools

# Incremental: only what changed in demo/ is reindexed, so this is instant when nothing did.
index: install-serve
	CHRONIQUE_BACKEND=$(BACKEND) $(BIN)/chronique reindex --index $(INDEX) demo

run: index
	CHRONIQUE_BACKEND=$(BACKEND) $(BIN)/chronique serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest -q

# The OpenSearch launcher, built from Maven Central (needs Java 17 and Maven).
cluster-build:
	cd cluster && mvn -B -q package

# Three OpenSearch nodes on 127.0.0.1:9200-9202, data under var/cluster, until Ctrl-C.
cluster: cluster-build
	python3 -m cluster --data var/cluster

clean:
	rm -rf $(VENV) var cluster/target
