# Tóm Tắt: build, run, test, measure.
#
#   make run     install what is missing, build the desktop app, start it
#   make cli-run build the CLI, summarize a sample text
#   make test    the whole suite (format, lint, unit, integration, docs,
#                then the desktop app's checks and end-to-end tests, then
#                the packages built, the .deb installed and started)
#   make test-app  only the desktop app: checks, then e2e in its webview
#   make package   the .deb and .rpm (Tauri's bundler), the Windows
#                installer (NSIS) and a portable zip, in target/package/
#   make test-package  builds them, installs the .deb on this machine, runs
#                the installed app in its webview, removes it
#   make eval    quality on the DEV sets beside the anchors (and the
#                segmenter's and the tagger's 5-fold cross-validation)
#   make eval-ocr  OCR on synthetic scans drawn from DEV text (CER, syllable
#                error rate, same summary), seconds per page of a real scan
#   make eval-real  real documents ($(SHARED)/realdocs) against their
#                rubric, and each pdf's reading beside poppler's
#   make df      rebuild the shipped document-frequency table
#   make bench   batch output unchanged, batch and segmentation speed, memory,
#                the app's launch and a 100-page pdf
#   make summary-fit  fit the summarizer's pair models on vietnews TRAIN,
#                measure other pair models on DEV, and show DEV with each
#                weight moved ±20% and the 5-fold cross-validation over
#                the vims + vnmds clusters
#   make fuzz-seeds  write the test files of every format as seeds for the
#                fuzz targets (tests/fuzz), in FUZZ_SEEDS (default
#                target/fuzz/seeds)
#   make fuzz    every fuzz target (tests/fuzz) for FUZZ_SECONDS each, one
#                after the other, from seeds generated here; findings in
#                tests/fuzz/artifacts/TARGET/
#   make train   rebuild the segmenter's dictionary and model from
#                src/data/lexicon and $(SHARED)/data/vtb_ws/dev.txt, the
#                tagger's word clusters from $(SHARED)/data/vietnews/train.jsonl
#                and its model from $(SHARED)/data/vtb_pos/dev.conllu,
#                then the segmenter's counts of two-syllable words
#                (make segment-pairs), the OCR syllable model (make
#                ocr-pairs) and the summarizer's pair prior (make
#                summary-prior) from the same articles
#
# Everything it needs it installs from Debian's packages and crates.io.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
SHARED ?= ../shared
CARGO ?= cargo
BIN := target/release/tomtat
OUT := tests/out

# Debian packages the build and the tests need. OCR of scans and photos
# runs the `tesseract` program with its Vietnamese model; poppler-utils
# gives `pdftotext`/`pdfimages` to compare with. The tests write their
# files with glibc's iconv (libc-bin; CP1258, VISCII and TCVN5712-1 are
# libc6's gconv modules) and DejaVu Sans (fonts-dejavu-core), and fail
# without them. valgrind counts the instructions of tests/linearity.rs;
# `time` measures peak memory in tests/regression.rs.
APT_PACKAGES := python3 pkg-config gcc fonts-dejavu-core time \
  tesseract-ocr tesseract-ocr-vie poppler-utils libc-bin libc6 valgrind

# The desktop app (src-tauri/, ui/): what it builds with, what its e2e
# tests run with.
APP_APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev \
  librsvg2-dev libxdo-dev libssl-dev pkg-config fonts-dejavu-core \
  tesseract-ocr tesseract-ocr-vie
# python3-pil: tests/e2e/scan.py draws the scans and photos the OCR test drops.
APP_TEST_APT_PACKAGES := xvfb webkit2gtk-driver xdotool xclip python3-gi gir1.2-gtk-3.0 dbus-daemon \
  python3-pil fonts-dejavu-core
# The Windows build (cross-compiled, never run here) and its installer.
WIN_TARGET := x86_64-pc-windows-gnu
WIN_APT_PACKAGES := gcc-mingw-w64-x86-64 nsis
# `make package`: Tauri's bundler is the Tauri CLI from npm (@tauri-apps/cli,
# a devDependency of ui/: a prebuilt binary that `npm ci` brings), and the
# tools to look inside its output.
TAURI := $(abspath ui/node_modules/.bin/tauri)
PACKAGE_APT_PACKAGES := rpm desktop-file-utils file
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' src-tauri/Cargo.toml | head -n 1)
PKG := target/package
WIN_BIN := target/$(WIN_TARGET)/dist
# `make eval-ocr` only: Pillow draws the synthetic scans, in three fonts.
OCR_EVAL_APT_PACKAGES := python3-pil fonts-dejavu-core fonts-liberation2 poppler-utils \
  tesseract-ocr tesseract-ocr-vie
# The 26-page scan whose seconds per page `make eval-ocr` reports.
OCR_TIME_PDF := $(SHARED)/realdocs/files/thongtu_58_2021_bqp_scan.pdf
# `make bench` only: instruction counts.
BENCH_APT_PACKAGES := valgrind
# `make summary-fit` only: numpy fits the pair models (the prior's levels
# multiply the cells) and the other pair models (150,000 cells).
SUMMARY_FIT_APT_PACKAGES := python3-numpy
APP_BIN := target/debug/tomtat-app
XVFB := xvfb-run -a -s "-screen 0 1600x1000x24"
GUI_ENV := GSETTINGS_BACKEND=memory WEBKIT_DISABLE_DMABUF_RENDERER=1 WEBKIT_DISABLE_COMPOSITING_MODE=1

.PHONY: all run cli-run test deps build eval eval-real df lexicon tag-table segment-pairs ocr-pairs summary-prior bench summary-fit train fuzz-seeds fuzz clean \
  check-cargo \
  app-deps app-test-deps ui-build app-build app-check test-app bench-app \
  win-deps check-windows package-deps package test-package

all: build

check-cargo:
	@command -v $(CARGO) >/dev/null || { \
	  echo "error: cargo (Rust 1.89 or newer) is needed: install it with rustup (https://rustup.rs)" >&2; \
	  exit 1; }

# $(call apt-install,packages): installs the ones dpkg does not know.
define apt-install
	@missing=""; for p in $(1); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

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

cli-run: build
	$(BIN) tests/data/sample.txt

# The desktop app: debug build with the UI embedded (the `custom-protocol`
# feature is on by default), so no dev server is needed.
run: app-build
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "no DISPLAY: starting the app under Xvfb (nothing to see; Ctrl+C stops it)"; \
	  $(GUI_ENV) $(XVFB) $(APP_BIN); \
	else GSETTINGS_BACKEND=memory $(APP_BIN); fi

test: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --locked --all-targets --features train -- -D warnings
	$(CARGO) test --locked --features train
	$(CARGO) test --locked --lib --no-default-features
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --locked --no-deps --quiet
	$(MAKE) test-app
	$(MAKE) test-package

app-deps: check-cargo
	$(call apt-install,$(APP_APT_PACKAGES))
	@command -v npm >/dev/null || { echo "error: Node.js and npm are needed for the UI" >&2; exit 1; }
	@[ ui/node_modules/.package-lock.json -nt ui/package-lock.json ] || (cd ui && npm ci --no-audit --no-fund)

app-test-deps: app-deps
	$(call apt-install,$(APP_TEST_APT_PACKAGES))
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked

ui-build: app-deps
	cd ui && npm run --silent build

app-build: ui-build
	$(CARGO) build --locked -p tomtat-app

# Lint and unit tests of src-tauri and ui (the core's are in `test`).
app-check: app-deps
	cd ui && npx --no-install tsc --noEmit
	$(CARGO) clippy --locked -p tomtat-app --all-targets -- -D warnings
	$(CARGO) test --locked -p tomtat-app

# Every e2e file but the installed package's, one after the other, on a
# D-Bus session bus of their own: the app is single-instance on it (a
# second launch hands its files to the first), and the tests use that.
E2E_TESTS := $(filter-out tests/e2e/package.test.mjs,$(sort $(wildcard tests/e2e/*.test.mjs)))
# The e2e files take about a minute; a run that hangs is stopped after
# E2E_MINUTES (.ci/run ends whatever it left behind). Each tauri-driver and
# the app it starts write to $(E2E_LOGS)/, shown when the run fails.
E2E_MINUTES ?= 15
E2E_LOGS := $(OUT)/e2e-logs
E2E_RUN = $(GUI_ENV) timeout --foreground --kill-after=30 $(E2E_MINUTES)m $(XVFB) dbus-run-session -- \
  node --test --test-concurrency=1 --test-reporter=spec
# After a run that set $$rc: a failed one shows the logs and fails.
E2E_REPORT = if [ $$rc != 0 ]; then \
	  [ $$rc != 124 ] || echo "e2e: no end after $(E2E_MINUTES) min, stopped" >&2; \
	  for f in $(E2E_LOGS)/*.log; do [ ! -f "$$f" ] || { echo "== $$f (last 40 lines)"; tail -n 40 "$$f"; }; done; \
	  exit $$rc; fi
define e2e
	rm -rf $(E2E_LOGS)
	@rc=0; $(E2E_RUN) $(1) || rc=$$?; $(E2E_REPORT)
endef

# terms.test.mjs compares the app's keywords with the CLI's (target/debug/tomtat,
# built as `make test`'s `cargo test --features train` builds it).
test-app: app-test-deps app-build app-check
	$(CARGO) build --locked --features train --bin tomtat
	$(call e2e,$(E2E_TESTS))

# The Windows build compiles (core, CLI and app); it is not run here.
# `make test` builds it whole (test-package: the installer and the zip),
# which checks what `check-windows` does, and more; this is the quick look.
win-deps: check-cargo
	$(call apt-install,$(WIN_APT_PACKAGES))
	@rustup target list --installed | grep -qx $(WIN_TARGET) || rustup target add $(WIN_TARGET)

check-windows: win-deps ui-build
	$(CARGO) check --locked --target $(WIN_TARGET) -p tomtat -p tomtat-app

package-deps: app-deps win-deps
	$(call apt-install,$(PACKAGE_APT_PACKAGES))

# The .deb and .rpm come from Tauri's bundler (src-tauri/tauri.conf.json:
# the app, the CLI beside it, desktop entry, icons, "Open with" types; no
# AppImage: its bundler downloads tools while it builds). The Windows
# installer is the project's own NSIS script; the zip holds the same files.
# The CLI and the app are one cargo invocation per target (the bundler's
# for Linux: it passes the arguments after `--` on), so the core and the
# dependencies they share compile once, with one set of features.
package: package-deps ui-build
	cd src-tauri && $(TAURI) build --ci --bundles deb,rpm -- --locked --profile dist -p tomtat-app -p tomtat
	$(CARGO) build --profile dist --locked --target $(WIN_TARGET) --bins -p tomtat -p tomtat-app
	rm -rf $(PKG) && mkdir -p $(PKG)/windows
	cp target/dist/bundle/deb/tomtat_$(VERSION)_amd64.deb target/dist/bundle/rpm/tomtat-$(VERSION)-1.x86_64.rpm $(PKG)/
	cp $(WIN_BIN)/tomtat-app.exe $(WIN_BIN)/tomtat.exe README.md $(PKG)/windows/
	@# A windows-gnu build loads WebView2 through Microsoft's loader DLL
	@# (redistributable, shipped in the webview2-com-sys crate), beside the exe.
	cp "$$(find $(WIN_BIN)/build -path '*/webview2-com-sys-*/out/x64/WebView2Loader.dll' | head -n 1)" $(PKG)/windows/
	makensis -V2 -DVERSION=$(VERSION) -DBIN=$(abspath $(PKG)/windows) \
	  -DOUT=$(abspath $(PKG))/tomtat-$(VERSION)-windows-x64-setup.exe src-tauri/windows/installer.nsi
	cd $(PKG)/windows && python3 -m zipfile -c ../tomtat-$(VERSION)-windows-x64-portable.zip \
	  tomtat-app.exe WebView2Loader.dll tomtat.exe README.md
	rm -rf $(PKG)/windows
	@ls -l $(PKG)

# Installs the .deb on this machine (dpkg -i, as root or through sudo),
# starts the installed /usr/bin/tomtat-app in its webview and opens files
# in it, then removes the package again.
# The package is removed however the run ends (a failed install or test,
# E2E_MINUTES passed, Ctrl+C); the e2e file runs like the others (timeout,
# driver logs shown when it fails).
test-package: package app-test-deps
	rm -rf $(E2E_LOGS)
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	trap '$$SUDO dpkg -r tomtat' EXIT; trap 'exit 130' INT; trap 'exit 143' TERM; \
	$$SUDO dpkg -i $(PKG)/tomtat_$(VERSION)_amd64.deb; \
	rc=0; TOMTAT_PKG=$(PKG) TOMTAT_VERSION=$(VERSION) $(E2E_RUN) tests/e2e/package.test.mjs || rc=$$?; \
	$(E2E_REPORT)

eval: build
	CARGO=$(CARGO) python3 tests/eval/eval.py --bin $(BIN) --shared $(SHARED) --out $(OUT)/eval

# Real documents nobody here wrote: the rubric's checks (the text checks
# read `tomtat text`), then each pdf's reading beside poppler's.
eval-real: build
	python3 $(SHARED)/eval/real_eval.py --bin $(BIN) --docs $(SHARED)/realdocs/files \
	  --rubric $(SHARED)/realdocs/rubric.jsonl -v
	python3 tests/eval/pdf_agree.py --bin $(BIN) --shared $(SHARED)

# Pillow is Debian's (python3-pil), so the system's python runs the script.
eval-ocr: build
	$(call apt-install,$(OCR_EVAL_APT_PACKAGES))
	/usr/bin/python3 tests/eval/ocr_eval.py --bin $(BIN) \
	  --data $(SHARED)/data/vietnews/dev.jsonl --out $(OUT)/eval-ocr \
	  $$( [ -f $(OCR_TIME_PDF) ] && echo --time-pdf $(OCR_TIME_PDF) )

df: build
	$(BIN) df-table $(SHARED)/data/vietnews/dev.jsonl $(SHARED)/data/vims/dev.jsonl \
	  $(SHARED)/data/vnmds/dev.jsonl > src/data/df.tsv.new
	mv src/data/df.tsv.new src/data/df.tsv
	@echo "src/data/df.tsv: $$(wc -l < src/data/df.tsv) lines; rebuild with make build"
	$(MAKE) lexicon

# The prebuilt lexicon (stop words, generic and number words, the df table),
# after a change to any of them or to how a key is folded or checked.
lexicon: deps
	$(CARGO) run --release --locked --example lexicon-data

# The tagger's prebuilt table of clusters and profiles, after a change to
# src/data/tag-clusters.tsv, src/data/tag-profile.tsv or how the tagger
# reads them (`make train` runs it).
tag-table: deps
	$(CARGO) run --release --locked --example tag-table

# The syllable model that puts back the marks OCR misreads (src/read/marks.rs).
ocr-pairs: deps
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) run --release --locked --features train --example ocr-pairs

# The summarizer's prior on each syllable pair (src/data/summary-prior.bin,
# src/summarize/prior.rs): how often TRAIN abstracts keep it. Read through
# the whole pipeline, so `make train` builds it last; after a change to the
# segmenter or the analysis' keys its staleness test asks for it again.
summary-prior: deps
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) run --release --locked --features train --example summary-prior

# BIG_MB: size of the streamed corpus of the memory figure (0 skips it).
# Issue 8 asks for 1 GB: `make bench BIG_MB=1024` (minutes, not seconds).
BIG_MB ?= 64

bench: build
	$(call apt-install,$(BENCH_APT_PACKAGES))
	BIG_MB=$(BIG_MB) tests/benches/batch.sh $(BIN) $(abspath $(SHARED))
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) bench --locked --bench segment
	$(MAKE) bench-app

# The desktop app's figures (release build): window ready after launch, and
# a 100-page pdf (written from DEV articles by the bench) summarized after
# the drop; the CLI on the same pdf for comparison.
bench-app: app-test-deps ui-build
	$(CARGO) build --release --locked -p tomtat-app
	mkdir -p $(OUT)/bench
	$(CARGO) run --release --locked --example bench-pdf -- \
	  $(SHARED)/data/vietnews/dev.jsonl $(OUT)/bench/100-pages.pdf 100
	@/usr/bin/time -f "| \`tomtat 100-pages.pdf\` (CLI, whole run) | %e s wall, %M KB peak RSS | |" \
	  $(BIN) $(OUT)/bench/100-pages.pdf > /dev/null
	$(GUI_ENV) $(XVFB) dbus-run-session -- node tests/benches/app.mjs $(OUT)/bench/100-pages.pdf

# The summarizer's pair models (src/summarize.rs ONE and SET): fitted on
# TRAIN from the features the example dumps; the printed weights are what
# src/summarize.rs ships.
SUMMARY_FIT := $(OUT)/summary-fit
summary-fit: build
	$(call apt-install,$(SUMMARY_FIT_APT_PACKAGES))
	mkdir -p $(SUMMARY_FIT)
	$(CARGO) build --release --locked --example summary-features
	target/release/examples/summary-features < $(SHARED)/data/vietnews/train.jsonl \
	  > $(SUMMARY_FIT)/vietnews.train.jsonl
	for s in vietnews vims vnmds; do target/release/examples/summary-features \
	  < $(SHARED)/data/$$s/dev.jsonl > $(SUMMARY_FIT)/$$s.dev.jsonl; done
	/usr/bin/python3 tests/eval/summary_fit.py --dumps $(SUMMARY_FIT) --eval $(SHARED)/eval/vi_eval.py

FUZZ_SEEDS ?= target/fuzz/seeds

fuzz-seeds: deps
	$(CARGO) run --release --locked --example fuzz-seeds -- $(FUZZ_SEEDS)

# `make fuzz`: cargo-fuzz builds the targets with libFuzzer on the stable
# toolchain (RUSTC_BOOTSTRAP=1 lets it take the nightly flags; `-s none`:
# no sanitizer, which stable cannot link). Seeds: the test files of every
# format (tests/formats.rs) and the hostile shapes of issue 19
# (tests/fuzz/hostile_seeds.py), fresh each run beside what the fuzzer
# kept from earlier runs (target/fuzz/corpus). A run stops at its first
# crash, timeout (FUZZ_TIMEOUT s on one input) or FUZZ_RSS_MB; libFuzzer
# writes the input to tests/fuzz/artifacts/TARGET/ and `make fuzz` fails.
FUZZ_SECONDS ?= 600
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB ?= 2048
FUZZ_MAX_LEN ?= 32768
CARGO_FUZZ_VERSION := 0.13.2
FUZZ_TARGETS ?= read_text read_md read_html read_docx read_odt read_rtf read_doc read_pdf \
  sentences segment boilerplate markdown summary pipeline
FUZZ := RUSTC_BOOTSTRAP=1 cargo fuzz

fuzz: deps
	@[ "$$(cargo-fuzz --version 2>/dev/null | cut -d' ' -f2)" = "$(CARGO_FUZZ_VERSION)" ] || \
	  $(CARGO) install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked
	rm -rf $(FUZZ_SEEDS) && mkdir -p $(FUZZ_SEEDS)
	$(CARGO) run --release --locked --example fuzz-seeds -- $(FUZZ_SEEDS)
	python3 tests/fuzz/hostile_seeds.py $(FUZZ_SEEDS)
	$(FUZZ) build --fuzz-dir tests/fuzz -s none -O -a
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p target/fuzz/corpus/$$t $(FUZZ_SEEDS)/$$t tests/fuzz/artifacts/$$t; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  $(FUZZ) run --fuzz-dir tests/fuzz -s none -O -a $$t target/fuzz/corpus/$$t $(FUZZ_SEEDS)/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS_MB) \
	    -max_len=$(FUZZ_MAX_LEN) -print_final_stats=1 -artifact_prefix=tests/fuzz/artifacts/$$t/ \
	    2>&1 | tee target/fuzz/$$t.log | grep -E '^(#[0-9]+ +DONE|stat::|==[0-9]+== ERROR|SUMMARY)' || true; \
	  grep -q '^Done [0-9]* runs' target/fuzz/$$t.log || { echo "fuzz: $$t found something, see target/fuzz/$$t.log" >&2; exit 1; }; \
	done

train: deps
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) run --release --locked --features train --example tag-clusters
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) run --release --locked --features train --example tag-profile
	$(MAKE) tag-table
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) run --release --locked --features train --example segment-data
	$(MAKE) segment-pairs
	$(MAKE) ocr-pairs
	$(MAKE) summary-prior

# The segmenter's counts of two-syllable words (src/data/segment-pairs.bin),
# after a change to the dictionary or to how the counts are taken (`make
# train` runs it).
segment-pairs: deps
	TOMTAT_SHARED=$(abspath $(SHARED)) $(CARGO) run --release --locked --features train --example segment-pairs

clean:
	$(CARGO) clean
	rm -rf $(OUT)
