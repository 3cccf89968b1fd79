#!/usr/bin/env python3
"""The public API of IMAPCodec as text, one declaration a line, from its symbol graph.

    python3 .ci/api.py SYMBOL_GRAPH_DIR > Docs/API.txt

The symbol graph comes from `swift build --target IMAPCodec -Xswiftc -emit-symbol-graph
-Xswiftc -emit-symbol-graph-dir -Xswiftc DIR` (.ci/api does both). Each line is the
symbol's path and its declaration; conformances are listed as `Type: Protocol`. Members
synthesized from protocol extensions (`!=`, ...) are left out. Sorted, so that a change of
the surface is a small diff of Docs/API.txt, reviewed like code.
"""
import json
import os
import sys


# Conformances every type gets from the compiler, which toolchains list differently (Swift 6.2
# added SendableMetatype): left out, so that the file changes only with the package's surface.
IMPLIED = {"Swift.SendableMetatype", "Swift.Copyable", "Swift.Escapable", "Swift.BitwiseCopyable"}


def fragments(parts):
    return "".join(p["spelling"] for p in parts).replace("\n", " ")


def main(directory):
    lines = set()
    names = {}
    graphs = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".symbols.json"):
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                graphs.append(json.load(f))
    for graph in graphs:
        for symbol in graph["symbols"]:
            names[symbol["identifier"]["precise"]] = ".".join(symbol["pathComponents"])
    for graph in graphs:
        for symbol in graph["symbols"]:
            precise = symbol["identifier"]["precise"]
            if "::SYNTHESIZED::" in precise:
                continue
            path = ".".join(symbol["pathComponents"])
            lines.add(f"{path}: {fragments(symbol.get('declarationFragments', []))}")
        for relation in graph.get("relationships", []):
            if relation["kind"] != "conformsTo" or "::SYNTHESIZED::" in relation["source"]:
                continue
            source = names.get(relation["source"])
            if source is None:
                continue
            target = names.get(relation["target"]) or relation.get("targetFallback") or relation["target"]
            if target in IMPLIED:
                continue
            lines.add(f"{source}: conforms to {target}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: api.py SYMBOL_GRAPH_DIR")
    main(sys.argv[1])
