#!/usr/bin/env python3
"""Applies the first fix of a SARIF file's first result, as a SARIF consumer
does: charOffset and charLength count UTF-16 code units.

  sarif_apply_fix.py FILE.sarif SOURCE   (prints the fixed SOURCE)
"""
import json
import sys

with open(sys.argv[1]) as f:
    result = json.load(f)["runs"][0]["results"][0]
with open(sys.argv[2], encoding="utf-8") as f:
    units = f.read().encode("utf-16-le")
changes = result["fixes"][0]["artifactChanges"]
assert len(changes) == 1, "one file changed"
replacements = sorted(changes[0]["replacements"],
                      key=lambda r: r["deletedRegion"]["charOffset"],
                      reverse=True)
for r in replacements:
    start = 2 * r["deletedRegion"]["charOffset"]
    end = start + 2 * r["deletedRegion"]["charLength"]
    units = units[:start] + r["insertedContent"]["text"].encode(
        "utf-16-le") + units[end:]
sys.stdout.write(units.decode("utf-16-le"))
