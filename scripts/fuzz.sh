#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer; needs nightly, installed here when missing along
# with cargo-fuzz, built from crates.io). Not part of `make test`.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   # default: 300 s for each of the 3 targets
#
# Targets (fuzz/fuzz_targets/): parse_enrollments, batch_reader, filter_state.
# Seeds are read from fuzz/corpus/<target>/ (committed, kept small); what the run finds goes to
# fuzz/target/corpus/<target>/ (ignored, kept between runs). Crashes land in
# fuzz/artifacts/<target>/; replay one with `cd fuzz && cargo +nightly fuzz run <target> <file>`.
#
# Environment: FUZZ_ARGS    extra libFuzzer flags (e.g. "-runs=10000000" to stop at a count)
#              FUZZ_MERGE=1 afterwards, fold the finds into fuzz/corpus/<target>/ and minimize it
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse_enrollments batch_reader filter_state)
CARGO_FUZZ_VERSION=0.13.2
say() { echo "fuzz: $*" >&2; }

if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain (minimal profile; stable stays the default)"
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    say "building cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes, once)"
    cargo install --quiet cargo-fuzz --version "$CARGO_FUZZ_VERSION"
fi

cd fuzz
say "building the targets"
cargo +nightly fuzz build

declare -A max_len=([parse_enrollments]=65536 [batch_reader]=65537 [filter_state]=65536)
declare -A dict=([parse_enrollments]=xml [batch_reader]=xml [filter_state]=json)
failed=()
summary=()
for target in "${targets[@]}"; do
    work=target/corpus/$target
    mkdir -p "$work" "corpus/$target"
    log=target/fuzz-$target.log
    say "$target: ${seconds}s, -max_len=${max_len[$target]} (log: fuzz/$log)"
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
    if cargo +nightly fuzz run "$target" "$work" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len="${max_len[$target]}" -dict="dict/${dict[$target]}.dict" \
        -timeout=10 -print_final_stats=1 ${FUZZ_ARGS:-} 2>&1 | tee "$log" | grep -E '^#[0-9]+.*(INITED|DONE|pulse)|panicked|ERROR|SUMMARY'; then
        :
    fi
    if grep -qE '^==[0-9]+== ERROR|panicked at|deadly signal|^SUMMARY' "$log"; then
        failed+=("$target")
    fi
    runs=$(awk '/stat::number_of_executed_units/ { print $NF }' "$log")
    speed=$(awk '/stat::average_exec_per_sec/ { print $NF }' "$log")
    summary+=("$(printf '%-18s %12s executions  %8s exec/s' "$target" "${runs:-?}" "${speed:-?}")")
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
        # Smallest set of inputs that still reaches every edge (not every hit count): keeps the
        # committed corpus to a few hundred small files.
        say "$target: merging into fuzz/corpus/$target (cargo fuzz cmin)"
        cp -r "$work/." "corpus/$target/"
        cargo +nightly fuzz cmin "$target" "corpus/$target" -- -max_len="${max_len[$target]}" \
            -set_cover_merge=1 -use_counters=0 >"target/cmin-$target.log" 2>&1
        say "$target: $(find "corpus/$target" -type f | wc -l) inputs"
    fi
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    say "FAILED: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
