# The two commands a newcomer needs: `make demo` and `make test`. Both install what is missing.
# `make dev` is the demo with trunk's live reload, for changing the code.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CHROMEDRIVER ?= /usr/bin/chromedriver
GECKODRIVER ?= $(HOME)/.cargo/bin/geckodriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner

# The browser tests' mock account (tests/web.rs relies on these numbers).
MOCK_TEST_ARGS := --seed 1 --enrollments 300 --today 2026-11-26

.PHONY: demo dev test dist lint test-native test-browser test-e2e size bench bench-smoke bench-native tools fuzz screenshots

## Build the library and serve it with the mock LMS from one origin, print the URL (no trunk:
## only the Rust tools `make dist` needs).
demo:
	@scripts/ensure-tools.sh demo
	@scripts/demo.sh

## The demo through `trunk serve` (live reload when the code changes; builds trunk once, about
## 15 minutes).
dev:
	@scripts/ensure-tools.sh dev
	@scripts/dev.sh

## Format check, clippy (native and wasm), native tests, browser tests, end-to-end tests, the
## module's size budget, and a smoke run of the benchmark (so it cannot rot).
test: tools lint test-native test-browser test-e2e size bench-smoke

## The ES module for host pages, with TypeScript declarations, in pkg/.
dist:
	@scripts/ensure-tools.sh demo
	scripts/dist.sh

tools:
	@scripts/ensure-tools.sh test

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --quiet -- -D warnings
	cargo clippy --lib --test web --test view --test reliability --test enrichment --target wasm32-unknown-unknown --quiet -- -D warnings
	cargo clippy -p enrollment-bench --target wasm32-unknown-unknown --quiet -- -D warnings

test-native:
	cargo test --workspace

# The wasm-bindgen tests in headless Chromium, then in headless Firefox, through wasm-pack (the
# design's convention; it uses the wasm-bindgen and the drivers on PATH, downloads nothing). The
# native-only test files are skipped on wasm32.
test-browser:
	scripts/with-mock.sh $(MOCK_TEST_ARGS) -- env -u GECKODRIVER CHROMEDRIVER=$(CHROMEDRIVER) wasm-pack test --headless --chrome
	scripts/with-mock.sh $(MOCK_TEST_ARGS) -- env -u CHROMEDRIVER GECKODRIVER=$(GECKODRIVER) wasm-pack test --headless --firefox

# The built library in Chromium, then Firefox (puppeteer-core; E2E_BROWSER=chromium or firefox
# runs one), pages and API served by the mock.
test-e2e:
	scripts/dist.sh
	scripts/with-mock.sh $(MOCK_TEST_ARGS) --static . -- node --test e2e/

## The release module, gzipped, within the budget recorded in .ci/wasm-size-budget.
size:
	scripts/size-budget.sh

## The benchmark: native Criterion, then the widget against the JS DOMParser baseline in headless
## Chromium at 1k/10k/100k enrollments; writes bench/RESULTS.md (several minutes).
bench:
	@scripts/ensure-tools.sh test
	scripts/bench.sh

# One 1k run of the benchmark page, no targets (part of `make test`).
bench-smoke:
	scripts/bench.sh --smoke

## Criterion benchmark of the parser and the store (native).
bench-native:
	cargo bench --bench parse

## Fuzz the core with cargo-fuzz (nightly and cargo-fuzz installed when missing): each of the 3
## targets for FUZZ_SECONDS (default 300, so about 16 minutes with the build). Not part of `make test`.
FUZZ_SECONDS ?= 300
fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

## The README's pictures: docs/screenshot-{default,dark,compact,russian,error}.png, taken by
## docs/screenshot.mjs in headless Chromium at 1280×900 against the mock LMS.
screenshots:
	@scripts/ensure-tools.sh test
	scripts/dist.sh
	scripts/with-mock.sh --seed 1 --enrollments 300 --today 2026-11-26 --static . -- node docs/screenshot.mjs
