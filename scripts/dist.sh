#!/usr/bin/env bash
# `make dist`: the ES module a host page imports, with its TypeScript declarations, in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir pkg --out-name enrollment_cards --remove-name-section --remove-producers-section \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/enrollment_cards.wasm"
# binaryen's wasm-opt (npm binaryen 132, installed with the end-to-end tests' packages): -O2 with
# shrink level 2 (-Oz's passes), repeated until nothing changes (--converge), with its inlining
# limited to what shrinks: bodies of at most 2 bytes everywhere, and functions of at most 8
# bytes into their only caller. Unlimited, -O2 and above inline every function with one caller
# and make the module about 25 KB larger; limited, -O2's passes beyond -O1's (code folding,
# local CSE, ...) make it 4 KB smaller than -O1 (README, Size, for the limits tried).
# --merge-similar-functions and --gufa made it about 2 KB larger. Without binaryen the module
# is about 11 KB larger (and keeps the stream adapters below).
WASM_OPT=e2e/node_modules/.bin/wasm-opt
if [ -x "$WASM_OPT" ]; then
    # First the stream adapters leptos links for server functions this widget has none of
    # (their wasm exports, classes and declarations; the script says more).
    node scripts/drop-stream-adapters.mjs pkg enrollment_cards
    "$WASM_OPT" -O2 -s 2 --always-inline-max-function-size=2 --one-caller-inline-max-function-size=8 \
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
