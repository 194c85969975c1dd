#!/usr/bin/env bash
# `make dist`: the ES module a host page imports, with its TypeScript declarations, in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name enrollment_cards --remove-name-section --remove-producers-section \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/enrollment_cards.wasm"
scripts/optimize-wasm.sh pkg enrollment_cards
# Chrome compiles a script's JavaScript functions lazily too, on first call, on the main
# thread: the glue's and the snippets' (about 200, 20-25 ms of a traced cold first card) are
# nearly all called by a first load. Their magic comment has Chrome compile them with the
# script instead (explicit compile hints; other browsers read a comment).
for js in pkg/enrollment_cards.js pkg/snippets/*/src/embed/*.js; do
    sed -i '1i //# allFunctionsCalledOnLoad' "$js"
done
# Last, the functions sorted by body so that gzip finds alike copies of a generic function side
# by side (wasm-order/: about 7 KB smaller gzipped; nothing else changes).
cargo run --quiet -p wasm-order -- pkg/enrollment_cards_bg.wasm
raw=$(stat -c %s pkg/enrollment_cards_bg.wasm)
gz=$(gzip -9 -c pkg/enrollment_cards_bg.wasm | wc -c)
echo "pkg/enrollment_cards_bg.wasm: $((raw / 1024)) KB, $((gz / 1024)) KB gzipped"
