#!/usr/bin/env bash
# Benchmark job: builds the benchmark package, runs every benchmark in short mode and fails
# when one regresses past the static thresholds in Benchmarks/Thresholds/ (package-benchmark's
# `thresholds check`; tolerances: codecThresholds() in Benchmarks/Benchmarks/IMAPCodecBenchmarks/IMAPCodecBenchmarks.swift).
#
#   Benchmarks/ci.sh            check against Thresholds/ (CI)
#   Benchmarks/ci.sh --update   rewrite Thresholds/ from a run on this machine; commit the result
#
# Workloads are generated (deterministically) into $IMAP_BENCH_WORKLOADS, by default
# Benchmarks/.build/workloads; they are never committed.
set -euo pipefail
cd "$(dirname "$0")"

mode=check
case "${1:-}" in
    "") ;;
    --update) mode=update ;;
    *) echo "usage: $0 [--update]" >&2; exit 64 ;;
esac

export IMAP_BENCH_SHORT=1
export IMAP_BENCH_WORKLOADS="${IMAP_BENCH_WORKLOADS:-$PWD/.build/workloads}"
start=$SECONDS

# 1. Workloads, in the background while the package builds (python uses one core).
gen_pid=
if [ ! -f "$IMAP_BENCH_WORKLOADS/.complete" ]; then
    mkdir -p "$IMAP_BENCH_WORKLOADS"
    ( python3 Workloads/gen_workloads.py "$IMAP_BENCH_WORKLOADS" > "$IMAP_BENCH_WORKLOADS/gen.log" \
        && echo ok > "$IMAP_BENCH_WORKLOADS/.complete" ) &
    gen_pid=$!
fi

# 2. Build (release, as the benchmark plugin runs it).
swift build -c release --product IMAPCodecBenchmarks
echo "ci.sh: built in $((SECONDS - start)) s"

if [ -n "$gen_pid" ]; then
    if ! wait "$gen_pid"; then
        cat "$IMAP_BENCH_WORKLOADS/gen.log" >&2 || true
        echo "ci.sh: workload generation failed" >&2
        exit 1
    fi
    cat "$IMAP_BENCH_WORKLOADS/gen.log"
fi
echo "ci.sh: workloads ready in $((SECONDS - start)) s"

# 3. Run and check (or update).
if [ "$mode" = update ]; then
    swift package --allow-writing-to-package-directory benchmark thresholds update --no-progress
    echo "ci.sh: thresholds written to Benchmarks/Thresholds/ in $((SECONDS - start)) s; review and commit them"
    exit 0
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Runs `thresholds check` (extra arguments: a --filter), output in $log; returns 0 when within
# thresholds or only better, 1 when worse (or when the run failed).
check() {
    local status=0
    swift package benchmark thresholds check --no-progress "$@" 2>&1 | tee "$log" || status=$?
    if [ "$status" -eq 0 ]; then
        return 0
    fi
    if grep -q "is BETTER than the defined thresholds" "$log" && ! grep -q "is WORSE than" "$log"; then
        # package-benchmark exits non-zero on improvements too: pass, but say so.
        echo "ci.sh: improved past the thresholds (not a failure); 'Benchmarks/ci.sh --update' locks the gain in"
        return 0
    fi
    return 1
}

# The benchmarks whose only deviations past the thresholds are times (as a regex for
# --filter), or nothing when a count (mallocs, frames, errors) is worse or the run failed.
time_only_regressions() {
    python3 - "$log" <<'PY'
import re, sys
worse, names, counts = False, [], False
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"^Deviations (worse|better) than threshold for [^:]*:(.*)$", line.strip())
    if m:
        worse = m.group(1) == "worse"
        if worse:
            names.append(m.group(2))
        continue
    if worse and "p90 threshold" in line:
        label = line.strip("│ \n").split("│")[0].strip()
        if not re.match(r"^(Time \(wall clock\)|bytes/s|frames/s) ", label):
            counts = True
if names and not counts:
    print("^(" + "|".join(names) + ")$")
PY
}

if check; then
    echo "ci.sh: all benchmarks within thresholds (total $((SECONDS - start)) s)"
    exit 0
fi
filter="$(time_only_regressions)"
if [ -n "$filter" ]; then
    # Times are noisy on a shared machine: a time-only regression must show again.
    echo "ci.sh: only times are worse; running $filter again"
    if check --filter "$filter"; then
        echo "ci.sh: the re-run is within thresholds: noise, not a regression (total $((SECONDS - start)) s)"
        exit 0
    fi
fi
echo "ci.sh: benchmark regression (or benchmark failure), see above (total $((SECONDS - start)) s)" >&2
echo "ci.sh: if the change is intended (e.g. new grammar decoding more frames), run 'Benchmarks/ci.sh --update' and commit Benchmarks/Thresholds/" >&2
exit 1
