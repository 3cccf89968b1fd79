#!/usr/bin/env bash
# Builds one libFuzzer target (cached while its sources are unchanged) and runs it.
#
#   Tests/Fuzz/run.sh TARGET SECONDS [LIBFUZZER-OPTION...]
#
# TARGET: responses | commands | roundtrip-responses | roundtrip-commands | values
# (Tests/Fuzz/Targets/TARGET.swift; the checks are in Tests/Fuzz/Harness.swift, and for
# `values` in Tests/Fuzz/HostileValues.swift, which every target compiles).
#
# Everything goes under .build-fuzz/ (git-ignored):
#   lib/         the library, built once for all targets with -sanitize=fuzzer,address
#   bin/TARGET   the fuzzer
#   corpus/TARGET  the corpus, seeded from Fixtures/{dovecot,quirks,hostile} (.s2c for the
#                response targets, .c2s for the command targets; `values` starts from two
#                one-byte seeds, one per direction) and kept between runs
#   crashes/TARGET/  crash-*, timeout-*, leak-*, oom-* inputs
#   logs/TARGET.log  the fuzzer's output
# Exits non-zero when the fuzzer finds something (or the build fails).
#
# Environment: SWIFTC (default: swiftc on PATH, else /opt/swift/usr/bin/swiftc),
# FUZZ_OPT (default -O), FUZZ_MAX_LEN (default 16384).
set -euo pipefail

usage() { echo "usage: $0 responses|commands|roundtrip-responses|roundtrip-commands|values SECONDS [LIBFUZZER-OPTION...]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
target=$1
seconds=$2
shift 2
case $target in
    responses | roundtrip-responses) direction=s2c ;;
    commands | roundtrip-commands) direction=c2s ;;
    values) direction=none ;;
    *) usage ;;
esac
[[ $seconds =~ ^[0-9]+$ ]] || usage

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=.build-fuzz
fuzz=Tests/Fuzz
max_len=${FUZZ_MAX_LEN:-16384}
opt=${FUZZ_OPT:--O}

swiftc=${SWIFTC:-}
if [[ -z $swiftc ]]; then
    if command -v swiftc >/dev/null 2>&1; then swiftc=$(command -v swiftc)
    elif [[ -x /opt/swift/usr/bin/swiftc ]]; then swiftc=/opt/swift/usr/bin/swiftc
    else echo "run.sh: swiftc not found (set SWIFTC)" >&2; exit 1
    fi
fi
# lld when the toolchain has it (gold prints a warning per ASan symbol).
linker=()
if [[ -x "$(dirname "$swiftc")/ld.lld" ]] || command -v ld.lld >/dev/null 2>&1; then linker=(-use-ld=lld); fi
flags=(-parse-as-library "$opt" -sanitize=fuzzer,address -swift-version 6 -enable-upcoming-feature ExistentialAny)

mkdir -p "$out/lib" "$out/bin" "$out/corpus/$target" "$out/crashes/$target" "$out/logs"

# True when $1 is missing or older than any of the other files.
stale() {
    local product=$1
    shift
    [[ -e $product ]] || return 0
    [[ -n $(find "$@" -newer "$product" -print -quit) ]]
}

# The library: one build shared by the four targets (about a minute on 2 cores).
mapfile -t sources < <(find Sources/IMAPCodec -name '*.swift' | LC_ALL=C sort)
lib=$out/lib/libIMAPCodec.a
# Rebuilt when a source changes, or the compiler or the flags do.
stamp="$("$swiftc" --version 2>&1 | head -1) ${flags[*]}"
if stale "$lib" "${sources[@]}" || [[ $(cat "$out/lib/stamp" 2>/dev/null) != "$stamp" ]]; then
    echo "run.sh: building IMAPCodec with -sanitize=fuzzer,address $opt" >&2
    start=$SECONDS
    tmp=$(mktemp -d "$out/lib.XXXXXX")
    "$swiftc" "${flags[@]}" -module-name IMAPCodec -wmo \
        -emit-module -emit-module-path "$tmp/IMAPCodec.swiftmodule" \
        -emit-library -static -o "$tmp/libIMAPCodec.a" "${sources[@]}"
    mv -f "$tmp/IMAPCodec.swiftmodule" "$out/lib/IMAPCodec.swiftmodule"
    mv -f "$tmp/libIMAPCodec.a" "$lib"
    echo "$stamp" >"$out/lib/stamp"
    rm -rf "$tmp"
    echo "run.sh: built the library in $((SECONDS - start)) s" >&2
fi

bin=$out/bin/$target
if stale "$bin" "$lib" "$fuzz/Harness.swift" "$fuzz/HostileValues.swift" "$fuzz/Targets/$target.swift"; then
    echo "run.sh: building $bin" >&2
    start=$SECONDS
    "$swiftc" "${flags[@]}" "${linker[@]}" -module-name "Fuzz_${target//-/_}" -I "$out/lib" \
        "$fuzz/Harness.swift" "$fuzz/HostileValues.swift" "$fuzz/Targets/$target.swift" "$lib" -o "$bin.tmp"
    mv -f "$bin.tmp" "$bin"
    echo "run.sh: built $target in $((SECONDS - start)) s" >&2
fi

# Seeds: every fixture of the direction, cut to max_len, with two input headers (byte 0:
# flags, byte 1: chunking; see Harness.swift): lenient in one piece, and strict with
# streaming threshold 3 in pieces of up to 7 bytes.
corpus=$out/corpus/$target
seeded=0
for file in Fixtures/dovecot/*."$direction" Fixtures/quirks/*."$direction" Fixtures/hostile/*."$direction"; do
    [[ -f $file ]] || continue
    name=$(basename "$(dirname "$file")")-$(basename "$file")
    for header in '\x00\x00' '\x31\x07'; do
        seed=$corpus/seed-${header//\\x/}-$name
        if [[ ! -e $seed || $file -nt $seed ]]; then
            { printf "$header"; head -c $((max_len - 2)) "$file"; } >"$seed"
        fi
        seeded=$((seeded + 1))
    done
done
# `values`: byte 0 picks the direction (bit 0: commands); the generator reads the rest.
if [[ $target == values ]]; then
    printf '\x00' >"$corpus/seed-responses"
    printf '\x01' >"$corpus/seed-commands"
    seeded=2
fi
echo "run.sh: $target: $seeded seeds, $(find "$corpus" -type f | wc -l) corpus files; running for $seconds s" >&2

log=$out/logs/$target.log
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
# Let libFuzzer and ASan report a trap; the Swift runtime's backtracer trips over ASan.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
# Same hash seeds in every process: one source of run-to-run variation fewer (with -seed=N a
# run still drifts after a few hundred steps; see Docs/Fuzzing.md, "CI").
export SWIFT_DETERMINISTIC_HASHING=${SWIFT_DETERMINISTIC_HASHING:-1}
status=0
"$bin" "$corpus" \
    -dict="$fuzz/imap.dict" \
    -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -timeout=20 \
    -artifact_prefix="$out/crashes/$target/" -print_final_stats=1 \
    "$@" </dev/null >"$log" 2>&1 || status=$?

# The figures: executions, coverage, corpus.
grep -E '^#[0-9]+.*(DONE|INITED)' "$log" | tail -2 >&2 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" >&2 || true
if [[ $status -ne 0 ]]; then
    echo "run.sh: $target found something (exit $status); log: $log" >&2
    grep -E -A40 'ERROR: libFuzzer|ERROR: AddressSanitizer|Fatal error|SUMMARY' "$log" | head -80 >&2 || true
    ls -1 "$out/crashes/$target/" >&2
    exit "$status"
fi
echo "run.sh: $target: no findings in $seconds s" >&2
