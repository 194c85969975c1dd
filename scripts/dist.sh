#!/usr/bin/env bash
# `make dist`: the ES module a host page imports, with its TypeScript declarations, in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name enrollment_cards --remove-name-section --remove-producers-section \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/enrollment_cards.wasm"
raw=$(stat -c %s pkg/enrollment_cards_bg.wasm)
gz=$(gzip -9 -c pkg/enrollment_cards_bg.wasm | wc -c)
echo "pkg/enrollment_cards_bg.wasm: $((raw / 1024)) KB, $((gz / 1024)) KB gzipped"
