#!/usr/bin/env bash
# Installs what `make test`, `make demo` / `make dist` or `make dev` needs, skipping whatever
# is present.
# Nothing here downloads a binary at run time: tools are built by cargo from crates.io and the
# browser comes from Debian's packages.
#
#   scripts/ensure-tools.sh demo   # wasm32 target and wasm-bindgen-cli (= Cargo.lock): the Rust
#                                  # tools `make demo` and `make dist` need, nothing else
#   scripts/ensure-tools.sh test   # those, chromium + driver, firefox-esr + geckodriver, wasm-pack,
#                                  # puppeteer-core, playwright-core and binaryen (npm, for the
#                                  # end-to-end tests, the benchmark and wasm-opt)
#   scripts/ensure-tools.sh dev    # the demo's tools and trunk (`make dev`, live reload)
set -euo pipefail
cd "$(dirname "$0")/.."

purpose=${1:-test}
TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
WASM_PACK_VERSION=0.15.1
say() { echo "tools: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
    say "building wasm-bindgen-cli $want (about 5 minutes, once)"
    # Not --locked: its lock file pins a webpki-roots the registry no longer has.
    cargo install --quiet wasm-bindgen-cli --version "$want"
fi

if [ "$purpose" = test ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
    || ! command -v firefox-esr >/dev/null; }; then
    say "installing Debian's chromium, chromium-driver and firefox-esr"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr >/dev/null
fi

# geckodriver drives Firefox for the browser tests (Debian does not package it).
if [ "$purpose" = test ] && [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }' || true)" != "$GECKODRIVER_VERSION" ]; then
    say "building geckodriver $GECKODRIVER_VERSION (about 2 minutes, once)"
    cargo install --quiet --locked geckodriver --version "$GECKODRIVER_VERSION"
fi

# wasm-pack: `make test` runs the browser tests through `wasm-pack test` once, as the design's
# own convention (it finds the matching wasm-bindgen and the drivers on PATH: no download).
if [ "$purpose" = test ] && [ "$(wasm-pack --version 2>/dev/null | awk '{ print $2 }' || true)" != "$WASM_PACK_VERSION" ]; then
    say "building wasm-pack $WASM_PACK_VERSION (about 3 minutes, once)"
    cargo install --quiet --locked wasm-pack --version "$WASM_PACK_VERSION"
fi

# e2e/package.json: puppeteer-core for the end-to-end tests (drives /usr/bin/chromium and
# /usr/bin/firefox-esr), axe-core for their accessibility checks, playwright-core for
# bench/run.mjs and docs/screenshot.mjs (none downloads a browser), and binaryen's wasm-opt
# (compiled to JavaScript and WebAssembly: no binary download) for `make dist`.
if [ "$purpose" = test ] && { [ ! -d e2e/node_modules/puppeteer-core ] || [ ! -d e2e/node_modules/playwright-core ] \
    || [ ! -d e2e/node_modules/axe-core ] || [ ! -x e2e/node_modules/.bin/wasm-opt ]; }; then
    say "installing puppeteer-core, playwright-core, axe-core and binaryen (npm)"
    (cd e2e && npm ci --no-audit --no-fund --silent)
fi

if [ "$purpose" = dev ]; then
    if [ "$(trunk --version 2>/dev/null | awk '{ print $2 }' || true)" != "$TRUNK_VERSION" ]; then
        say "building trunk $TRUNK_VERSION (about 15 minutes, once)"
        cargo install --quiet --locked trunk --version "$TRUNK_VERSION"
    fi
    # trunk runs cargo offline (Trunk.toml): fetch the crates first.
    cargo fetch --quiet
fi
