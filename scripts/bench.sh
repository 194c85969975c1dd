#!/usr/bin/env bash
# `make bench` (full: native Criterion + 1k/10k/100k in Chromium → bench/RESULTS.md) and
# `make bench-smoke` (`scripts/bench.sh --smoke`: 1k, one run, inside `make test`).
# Builds what bench/run.mjs drives: the shipped module (pkg/, for the cold first card), the
# benchmark build (bench/out/pkg/, for the warm and enrichment runs; optimized like the shipped
# module) and the mock LMS.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/dist.sh
cargo build --quiet --release --target wasm32-unknown-unknown -p enrollment-bench
wasm-bindgen --target web --out-dir bench/out/pkg --remove-name-section \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/enrollment_bench.wasm"
scripts/optimize-wasm.sh bench/out/pkg enrollment_bench
cargo build --quiet -p mock-lms
if [ "${1:-}" != "--smoke" ]; then
    cargo bench --bench parse -- 'parse/'
fi
node bench/run.mjs "$@"
