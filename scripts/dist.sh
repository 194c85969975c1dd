#!/usr/bin/env bash
# `make dist`: the ES module a host page imports, with its TypeScript declarations, in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name enrollment_cards --remove-name-section --remove-producers-section \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/enrollment_cards.wasm"
# binaryen's wasm-opt (npm binaryen 132, installed with the end-to-end tests' packages): -O1 with
# shrink level 2, repeated until nothing changes (--converge), makes the gzipped module about
# 7 KB smaller; -O2 and above, -Os and -Oz inline and make it about 25 KB larger, and
# --merge-similar-functions and --gufa about 2 KB larger (README, Size). The inlining it adds
# is limited to what shrinks: bodies of at most 4 bytes everywhere, and functions of at most 15
# bytes into their only caller (1.7 KB smaller, 12% fewer functions for the browser to compile
# on first call). Without wasm-opt the module is only that much larger.
WASM_OPT=e2e/node_modules/.bin/wasm-opt
if [ -x "$WASM_OPT" ]; then
    # First the stream adapters leptos links for server functions this widget has none of
    # (their wasm exports, classes and declarations; the script says more).
    node scripts/drop-stream-adapters.mjs pkg enrollment_cards
    "$WASM_OPT" -O1 -s 2 --always-inline-max-function-size=4 --one-caller-inline-max-function-size=15 \
        --inlining-optimizing --converge --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
        --enable-mutable-globals --enable-reference-types --enable-multivalue \
        pkg/enrollment_cards_bg.wasm -o pkg/enrollment_cards_bg.wasm
else
    echo "dist: $WASM_OPT not installed (scripts/ensure-tools.sh test): the module is not optimized by wasm-opt" >&2
fi
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
