# Maillage: the two set-up commands are `make run` and `make test` (see README.md).
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bootstrap bootstrap-test setup-data lint bench bench-ocr worker clean

## make run: install what is missing, load reference and demo data, serve on http://127.0.0.1:8000
run: bootstrap setup-data
	@scripts/serve.sh $(HOST) $(PORT)

## make test: ruff, migrations check and the whole suite on SQLite then on a throwaway PostgreSQL
test: bootstrap-test
	@scripts/test.sh

bootstrap:
	@scripts/bootstrap.sh run

bootstrap-test:
	@scripts/bootstrap.sh test

setup-data:
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_territory
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_scans
	$(PY) manage.py ensure_staff

lint: bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

## make bench: every benchmark, results in var/bench/ and printed as a table
bench: bootstrap-test
	$(PY) -m bench --postgres

## make bench-ocr: OCR repair evaluation (degraded scans, CER/WER before and after, harm rate)
bench-ocr: bootstrap-test
	$(PY) -m textkit.evaluation

worker: bootstrap
	$(PY) manage.py db_worker

clean:
	rm -rf var/ .venv/
