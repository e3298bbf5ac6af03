# The two commands: `make run` (install, index the demo corpus, serve it) and `make test`.
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= var/index
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install index bench clean

$(BIN)/chronique: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/chronique

# Incremental: only what changed in demo/ is reindexed, so this is instant when nothing did.
index: install
	$(BIN)/chronique reindex --index $(INDEX) demo

run: index
	$(BIN)/chronique serve --index $(INDEX) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) var
