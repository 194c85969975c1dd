#!/usr/bin/env bash
# `make size` (part of `make test`): fails when the release module, gzipped as browsers fetch it
# (gzip -9), has grown past the budget recorded in .ci/wasm-size-budget. Builds pkg/ first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/dist.sh >/dev/null
budget=$(head -n 1 .ci/wasm-size-budget)
size=$(gzip -9 -c pkg/enrollment_cards_bg.wasm | wc -c)
if [ "$size" -gt "$budget" ]; then
    echo "size: pkg/enrollment_cards_bg.wasm is $size bytes gzipped, over the budget of $budget" \
        "(.ci/wasm-size-budget) by $((size - budget)). Find what grew with twiggy (README, Size)." >&2
    exit 1
fi
echo "size: pkg/enrollment_cards_bg.wasm is $size bytes gzipped, within the budget of $budget"
