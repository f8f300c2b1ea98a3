# Tóm Tắt: build, run, test, measure.
#
#   make run     install what is missing, build, summarize a sample text
#   make test    the whole suite (format, lint, unit, integration, docs)
#   make eval    quality on the DEV sets beside the anchors
#   make df      rebuild the shipped document-frequency table
#   make bench   batch output unchanged, batch and segmentation speed, memory
#   make train   rebuild the segmenter's prebuilt data from src/data/
#
# Everything it needs it installs from Debian's packages and crates.io.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
SHARED ?= ../shared
CARGO ?= cargo
BIN := target/release/tomtat
OUT := tests/out

# Debian packages the build and the tests need.
APT_PACKAGES := python3 pkg-config gcc time

.PHONY: all run test deps build eval df bench train clean check-cargo

all: build

check-cargo:
	@command -v $(CARGO) >/dev/null || { \
	  echo "error: cargo (Rust 1.80 or newer) is needed: install it with rustup (https://rustup.rs)" >&2; \
	  exit 1; }

deps: check-cargo
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(CARGO) build --release --locked

run: build
	$(BIN) tests/data/sample.txt

test: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets -- -D warnings
	$(CARGO) test --locked
	$(CARGO) test --locked --lib --no-default-features
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --quiet

eval: build
	python3 tests/eval/eval.py --bin $(BIN) --shared $(SHARED) --out $(OUT)/eval

df: build
	$(BIN) df-table $(SHARED)/data/vietnews/dev.jsonl $(SHARED)/data/vims/dev.jsonl \
	  $(SHARED)/data/vnmds/dev.jsonl > src/data/df.tsv.new
	mv src/data/df.tsv.new src/data/df.tsv
	@echo "src/data/df.tsv: $$(wc -l < src/data/df.tsv) lines; rebuild with make build"

# BIG_MB: size of the streamed corpus of the memory figure (0 skips it).
# Issue 8 asks for 1 GB: `make bench BIG_MB=1024` (minutes, not seconds).
BIG_MB ?= 64

bench: build
	BIG_MB=$(BIG_MB) tests/benches/batch.sh $(BIN) $(abspath $(SHARED))
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) bench --locked --bench segment

train: deps
	$(CARGO) run --release --locked --example segment-data

clean:
	$(CARGO) clean
	rm -rf $(OUT)
