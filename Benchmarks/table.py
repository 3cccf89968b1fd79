#!/usr/bin/env python3
"""Turns the text output of `swift package benchmark` (this package) into the Markdown
table of Docs/Performance.md: the p50 of each metric, per benchmark.

    swift package benchmark --no-progress | tee run.log
    python3 table.py run.log
"""
import re
import sys

SCALE = {"": 1, "#": 1, "K": 1e3, "M": 1e6, "G": 1e9, "ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1, "s": 1e3}


def parse(lines):
    results, name = {}, None
    for line in lines:
        line = line.rstrip("\n")
        if re.match(r"^W\d-\S+$", line):
            name = line
            results[name] = {}
            continue
        if line and line[0] not in "│╒╞├╘":
            name = None  # some other output
            continue
        if name is None or not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if len(cells) < 4 or cells[0] == "Metric":
            continue
        label, p50 = cells[0], cells[3]
        m = re.match(r"^(.*?)(?: \(([^)]*)\))?(?: \*)?$", label)
        metric, unit = m.group(1), m.group(2) or ""
        if metric == "Time (wall clock)":
            metric = "time"
        results[name][metric] = float(p50.replace(",", "")) * SCALE.get(unit, 1)
    return results


def fmt(value, digits=0):
    return "—" if value is None else f"{value:,.{digits}f}"


def main():
    results = parse(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    print("| benchmark | frames | errors | time p50 (ms) | MB/s | frames/s | mallocs/frame |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in sorted(results):
        r = results[name]
        per_k = r.get("mallocs/1000 frames")
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            name, fmt(r.get("frames")), fmt(r.get("errors")), fmt(r.get("time"), 1),
            fmt(r["bytes/s"] / 1e6, 1) if "bytes/s" in r else "—",
            fmt(r.get("frames/s")), fmt(per_k / 1000, 2) if per_k is not None else "—"))


if __name__ == "__main__":
    main()
