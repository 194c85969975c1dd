#!/usr/bin/env bash
# Runs a command with the mock LMS serving on a free port of 127.0.0.1.
# The mock's base URL is exported as MOCK_LMS_URL; the mock is stopped afterwards.
#
#   scripts/with-mock.sh [mock-lms options --] command [args...]
set -euo pipefail
cd "$(dirname "$0")/.."

mock_args=()
if [[ " $* " == *" -- "* ]]; then
    while [ "$1" != "--" ]; do mock_args+=("$1"); shift; done
    shift
fi

cargo build --quiet -p mock-lms
log=$(mktemp)
# The command's temporary files go to a directory removed afterwards: chromedriver leaves each
# browser profile it creates (about 120 MB with the code cache) in $TMPDIR.
scratch=$(mktemp -d)
"${CARGO_TARGET_DIR:-target}/debug/mock-lms" --port 0 "${mock_args[@]}" >"$log" 2>&1 &
mock=$!
trap 'kill $mock 2>/dev/null || true; rm -rf "$log" "$scratch"' EXIT

for _ in $(seq 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" || true)
    [ -n "$url" ] && break
    kill -0 $mock 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "mock-lms did not start" >&2; cat "$log" >&2; exit 1; }
echo "mock-lms: $url" >&2
MOCK_LMS_URL=$url TMPDIR=$scratch "$@"
