#!/usr/bin/env bash
# `make dist`: the ES module a host page imports, with its TypeScript declarations, in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name enrollment_cards --remove-name-section --remove-producers-section \
    target/wasm32-unknown-unknown/release/enrollment_cards.wasm
# wasm-opt is used when a working one (binaryen >= 116, e.g. npm's `binaryen`) is on PATH;
# Debian's binaryen 108 breaks the module and is not used.
if command -v wasm-opt >/dev/null && [ "$(wasm-opt --version | grep -o '[0-9]\+' | head -1)" -ge 116 ]; then
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
        -o pkg/enrollment_cards_bg.wasm pkg/enrollment_cards_bg.wasm
fi
raw=$(stat -c %s pkg/enrollment_cards_bg.wasm)
gz=$(gzip -9 -c pkg/enrollment_cards_bg.wasm | wc -c)
echo "pkg/enrollment_cards_bg.wasm: $((raw / 1024)) KB, $((gz / 1024)) KB gzipped"
