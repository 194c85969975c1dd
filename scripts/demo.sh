#!/usr/bin/env bash
# `make demo`: the widget against the bundled mock LMS, without trunk: the library as `make
# dist` builds it (pkg/) and examples/demo.html, served with the API (under /lms-api) from one
# origin by the mock. DEMO_PORT (default 8080) picks the port; a taken one is said and another
# is used.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/dist.sh
cargo build --quiet -p mock-lms

port=${DEMO_PORT:-8080}
log=$(mktemp)
start() {
    "${CARGO_TARGET_DIR:-target}/debug/mock-lms" --port "$1" --static . >"$log" 2>&1 &
    mock=$!
    for _ in $(seq 50); do
        url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" || true)
        [ -n "$url" ] && return 0
        kill -0 $mock 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
trap 'kill ${mock:-} 2>/dev/null || true; rm -f "$log"' EXIT
if ! start "$port"; then
    echo "demo: port $port is taken (set DEMO_PORT to choose another); using a free one" >&2
    start 0 || { cat "$log" >&2; exit 1; }
fi

echo
echo "  enrollment-cards demo: $url/examples/demo.html   (Ctrl-C stops it)"
echo
wait $mock
