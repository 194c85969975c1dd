#!/usr/bin/env bash
# `make dev`: the widget against the bundled mock LMS, served by trunk (live reload) with the API proxied
# under /lms-api on the same origin.
set -euo pipefail
cd "$(dirname "$0")/.."

MOCK_PORT=8081   # Trunk.toml proxies /lms-api/ here
DEMO_PORT=${DEMO_PORT:-8080}

cargo build --quiet --offline -p mock-lms
"${CARGO_TARGET_DIR:-target}/debug/mock-lms" --port "$MOCK_PORT" &
mock=$!
trap 'kill $mock 2>/dev/null || true' EXIT
sleep 0.5
kill -0 $mock 2>/dev/null || { echo "mock-lms could not start on port $MOCK_PORT (is another one running?)" >&2; exit 1; }

echo
echo "  enrollment-cards demo: http://127.0.0.1:$DEMO_PORT/   (Ctrl-C stops it)"
echo
trunk serve --port "$DEMO_PORT"
