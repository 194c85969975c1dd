#!/usr/bin/env bash
# `scripts/optimize-wasm.sh DIR NAME`: optimizes DIR/NAME_bg.wasm (wasm-bindgen's output) in
# place, with its glue: `make dist` runs it on the shipped module, and `scripts/bench.sh` on the
# benchmark build, so that the warm and enrichment figures time the code a host gets.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
name=$2
wasm="$dir/${name}_bg.wasm"

# binaryen's wasm-opt (npm binaryen 132, installed with the end-to-end tests' packages): -O2 with
# shrink level 2 (-Oz's passes), repeated until nothing changes (--converge), with its inlining
# limited to what shrinks: bodies of at most 2 bytes everywhere, and functions of at most 8
# bytes into their only caller. Unlimited, -O2 and above inline every function with one caller
# and make the module about 25 KB larger; limited, -O2's passes beyond -O1's (code folding,
# local CSE, ...) make it 4 KB smaller than -O1 (README, Size, for the limits tried).
# --merge-similar-functions (1.3 KB smaller) is left out: it would fold back the query pass's
# copies specialized for speed; --gufa made it larger. Without binaryen the module is about
# 11 KB larger (and keeps the stream adapters below).
# After it, twice: the control flow rebuilt by binaryen's relooper (--flatten --rereloop, then
# -O2 again to clean up), 1.4 KB smaller gzipped (the first time 1.1 KB, the second 0.3); the
# parser, the keystrokes and the cold first card measured the same (README, Size).
WASM_OPT=e2e/node_modules/.bin/wasm-opt
if [ -x "$WASM_OPT" ]; then
    # First the stream adapters leptos links for server functions this widget has none of
    # (their wasm exports, classes and declarations; the script says more).
    node scripts/drop-stream-adapters.mjs "$dir" "$name"
    features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
        --enable-mutable-globals --enable-reference-types --enable-multivalue)
    optimize=(-O2 -s 2 --always-inline-max-function-size=2 --one-caller-inline-max-function-size=8
        --inlining-optimizing)
    "$WASM_OPT" "${optimize[@]}" --converge "${features[@]}" "$wasm" -o "$wasm"
    for _ in 1 2; do
        "$WASM_OPT" --flatten --rereloop "${optimize[@]}" "${features[@]}" "$wasm" -o "$wasm"
        "$WASM_OPT" "${optimize[@]}" --converge "${features[@]}" "$wasm" -o "$wasm"
    done
else
    echo "optimize-wasm: $WASM_OPT not installed (scripts/ensure-tools.sh test): the module is not optimized by wasm-opt" >&2
fi
# Then the imports get short names, in the wasm and the glue (about 3.5 KB gzipped: wasm-bindgen's
# names carry hashes, which do not compress; the script says more).
if command -v node > /dev/null; then
    node scripts/minify-imports.mjs "$dir" "$name"
else
    echo "optimize-wasm: node not installed: the imports keep wasm-bindgen's names" >&2
fi
