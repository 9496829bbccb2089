"""Writes and checks the inputs of long-lines.test: many leaking functions
on one long line with characters of every UTF-8 width, as generated or
minified code has them."""
import json
import sys

HEADER = "#include <libpq-fe.h>\n"


def function(i):
    return ("int f%d(const char *i) { /* \u00e9\u20ac\U0001F600 */ "
            "PGconn *c = PQconnectdb(i); if (PQstatus(c) != CONNECTION_OK) "
            "return -1; PQfinish(c); return 0; } " % i)


def write(path, count, last_name):
    line = "".join(function(i) for i in range(count - 1))
    line += function(count - 1).replace("f%d(" % (count - 1), last_name + "(")
    open(path, "w", encoding="utf-8").write(HEADER + line + "\n")


def utf16(text):
    return len(text.encode("utf-16-le")) // 2


def check(path, sarif, count, snippet_limit):
    text = open(path, "rb").read()
    starts = [0] + [k + 1 for k, b in enumerate(text) if b == 10]
    results = json.load(open(sarif))["runs"][0]["results"]
    assert len(results) == count, len(results)
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        line = text[starts[region["startLine"] - 1]:].split(b"\n")[0]
        line = line.decode("utf-8")
        snippet = region["snippet"]["text"]
        # The column, in UTF-16 code units, is where the snippet starts.
        k, units = 0, 0
        while units < region["startColumn"] - 1:
            units += utf16(line[k])
            k += 1
        assert units == region["startColumn"] - 1, "column inside a character"
        rest = line[k:]
        assert rest.startswith(snippet), (rest[:40], snippet)
        size = len(snippet.encode("utf-8"))
        assert size <= snippet_limit, size
        assert snippet == rest or size > snippet_limit - 4, "cut too short"
        assert region["endColumn"] - region["startColumn"] == utf16(snippet)
    print("ok", len(results))


def apply_fixes(path, sarif):
    """The text of the file at path with every result's first fix applied, counting
    offsets in UTF-16 code units as a SARIF consumer does."""
    units = open(path, encoding="utf-8").read().encode("utf-16-le")
    replacements = []
    for r in json.load(open(sarif))["runs"][0]["results"]:
        for change in r.get("fixes", [{}])[0].get("artifactChanges", []):
            replacements += change["replacements"]
    replacements.sort(key=lambda r: r["deletedRegion"]["charOffset"],
                      reverse=True)
    for r in replacements:
        start = 2 * r["deletedRegion"]["charOffset"]
        end = start + 2 * r["deletedRegion"]["charLength"]
        units = (units[:start] + r["insertedContent"]["text"].encode(
            "utf-16-le") + units[end:])
    return units.decode("utf-16-le")


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "check":
        check(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "apply":
        sys.stdout.write(apply_fixes(sys.argv[2], sys.argv[3]))
    elif sys.argv[1] == "first-fingerprint":
        results = json.load(open(sys.argv[2]))["runs"][0]["results"]
        print(results[0]["partialFingerprints"]["connleakFingerprint/v1"])
