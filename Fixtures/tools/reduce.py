#!/usr/bin/env python3
"""Reduce a captured IMAP stream to a fixture of a few hundred KB, keeping its structure.

Splits the stream into frames (a line ending in LF; a line ending in a literal header
{n}, {n+}, ~{n} is followed by n bytes and continues) and keeps every frame except that,
of each kind ("* <n> FETCH", "<tag> APPEND", "<tag> OK"...) only the first KEEP are kept.
Usage: reduce.py IN OUT [KEEP]
"""
import re
import sys

HEADER = re.compile(rb"~?\{(\d+)\+?\}\r?$")


def frames(data):
    i = 0
    start = 0
    while i < len(data):
        lf = data.find(b"\n", i)
        if lf < 0:
            break
        line_end = lf
        m = HEADER.search(data[max(i, lf - 30):lf])
        if m:
            i = lf + 1 + int(m.group(1))
            continue
        i = lf + 1
        yield data[start:i]
        start = i
    if start < len(data):
        yield data[start:]


def kind(frame):
    words = frame.split(b" ", 3)
    if len(words) >= 3 and words[0] == b"*" and words[1].isdigit():
        return b"* n " + words[2].strip().upper()
    if len(words) >= 2 and words[0] not in (b"*", b"+"):
        return b"t " + words[1].strip().upper()
    return None


def main():
    src, dst = sys.argv[1], sys.argv[2]
    keep = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    data = open(src, "rb").read()
    out = []
    seen = {}
    for frame in frames(data):
        k = kind(frame)
        seen[k] = seen.get(k, 0) + 1
        if k is None or seen[k] <= keep:
            out.append(frame)
    open(dst, "wb").write(b"".join(out))


main()
