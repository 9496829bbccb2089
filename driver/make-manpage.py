#!/usr/bin/env python3
"""Writes connleak(1) from `connleak --help`, so the man page lists exactly
the options the installed driver has.

    make-manpage.py <connleak> <version> > connleak.1
"""
import re
import subprocess
import sys


def roff(text):
    return text.replace("\\", "\\e").replace("-", "\\-")


def option_items(lines):
    """(flag, description) pairs of the `connleak options:` section; value
    lines (`=text - ...`) are folded into the option above them."""
    items = []
    for line in lines:
        m = re.match(r"^\s{2,4}(-\S.*?)\s+- (.*)$", line)
        value = re.match(r"^\s{4,}(=\S+)\s+-\s+(.*)$", line)
        if value and items:
            items[-1][2].append((value.group(1), value.group(2)))
        elif m:
            items.append((m.group(1), m.group(2), []))
    return items


def main():
    connleak, version = sys.argv[1], sys.argv[2]
    help_text = subprocess.run([connleak, "--help"], capture_output=True,
                               text=True, check=True).stdout
    own = help_text.split("connleak options:", 1)[1]
    options, _, exit_codes = own.partition("EXIT CODES:")
    out = [
        '.TH CONNLEAK 1 "" "connleak %s" "User Commands"' % version,
        ".SH NAME",
        "connleak \\- finds database handles that are not released",
        ".SH SYNOPSIS",
        ".B connleak",
        "[\\fIoptions\\fR] [\\fIfile\\fR ...] [\\fB\\-\\-\\fR "
        "\\fIcompiler args\\fR]",
        ".br",
        ".B connleak",
        "\\fB\\-p\\fR \\fIbuild-dir\\fR [\\fIoptions\\fR] [\\fIfile\\fR ...]",
        ".SH DESCRIPTION",
        "Analyses C and C++ translation units for database connections, "
        "results, statements and pooled clients that are not released on "
        "some path, released twice, used after release, or released with "
        "the wrong function. The same checks run inside clang\\-tidy\\-19 "
        "as a plugin; see \\fB\\-\\-print\\-plugin\\-path\\fR.",
        ".SH OPTIONS",
    ]
    for flag, description, values in option_items(options.splitlines()):
        out += [".TP", "\\fB%s\\fR" % roff(flag), roff(description)]
        for value, meaning in values:
            out += [".RS", ".TP", "\\fB%s\\fR" % roff(value), roff(meaning),
                    ".RE"]
    out += [".SH EXIT STATUS"]
    for line in exit_codes.strip().splitlines():
        code, _, meaning = line.strip().partition(" ")
        out += [".TP", "\\fB%s\\fR" % code, roff(meaning.strip())]
    out += [".SH SEE ALSO", "clang\\-tidy\\-19(1); the pages under "
            "/usr/share/doc/connleak/docs"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
