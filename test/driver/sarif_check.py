#!/usr/bin/env python3
"""Checks a SARIF file for what GitHub code scanning requires of it.

  sarif_check.py FILE

Structural checks, in the test that writes the file (the SARIF multitool's
GitHub rules run over every SARIF file after lit, test/validate_sarif.py):
rules with a name other than their id, short and full
descriptions, help text and markdown and a helpUri; results whose ruleIndex
names their rule, with a message, a location relative to a uriBaseId that
originalUriBaseIds defines, a region from line 1 with a snippet, and
partialFingerprints; code flows whose steps all have a location; an
invocation that says whether it succeeded; an absolute repositoryUri.
Prints "ok" or each problem.
"""
import json
import re
import sys


def check_location(where, location, bases, problems):
    physical = location.get("physicalLocation", {})
    artifact = physical.get("artifactLocation", {})
    uri = artifact.get("uri", "")
    if not uri:
        problems.append(where + ": no artifactLocation.uri")
    elif "uriBaseId" in artifact:
        if artifact["uriBaseId"] not in bases:
            problems.append(where + ": undefined uriBaseId")
        if uri.startswith("/") or uri.startswith("file:"):
            problems.append(where + ": uri with a uriBaseId is not relative")
    elif not uri.startswith("file:///"):
        problems.append(where + ": uri is neither relative nor absolute")
    region = physical.get("region")
    if region is None:
        return
    if region.get("startLine", 0) < 1:
        problems.append(where + ": region without a startLine")
    if region.get("startColumn", 1) < 1 or (
            region.get("endColumn", 1) < region.get("startColumn", 1)):
        problems.append(where + ": bad columns")
    if "text" not in region.get("snippet", {}):
        problems.append(where + ": region without a snippet")


def check_rules(rules, problems):
    for i, rule in enumerate(rules):
        where = "rule %d (%s)" % (i, rule.get("id"))
        if not rule.get("id") or not rule.get("name"):
            problems.append(where + ": no id or name")
        if rule.get("name") == rule.get("id"):
            problems.append(where + ": name equals id")
        for field in ("shortDescription", "fullDescription"):
            if not rule.get(field, {}).get("text"):
                problems.append(where + ": no " + field)
        help_ = rule.get("help", {})
        if not help_.get("text") or not help_.get("markdown"):
            problems.append(where + ": no help text and markdown")


def check_results(run, bases, problems):
    rules = run["tool"]["driver"].get("rules", [])
    for i, result in enumerate(run.get("results", [])):
        where = "result %d" % i
        index = result.get("ruleIndex", -1)
        if not 0 <= index < len(rules) or rules[index]["id"] != result.get(
                "ruleId"):
            problems.append(where + ": ruleIndex does not name its rule")
        if not result.get("message", {}).get("text"):
            problems.append(where + ": no message")
        if not result.get("partialFingerprints"):
            problems.append(where + ": no partialFingerprints")
        locations = result.get("locations", [])
        if len(locations) != 1:
            problems.append(where + ": not one location")
        for location in locations:
            check_location(where, location, bases, problems)
        for flow in result.get("codeFlows", []):
            for thread in flow.get("threadFlows", []):
                for step in thread.get("locations", []):
                    check_location(where + " flow", step.get("location", {}),
                                   bases, problems)


def main():
    with open(sys.argv[1]) as f:
        log = json.load(f)
    problems = []
    if log.get("version") != "2.1.0" or "$schema" not in log:
        problems.append("not SARIF 2.1.0 with a $schema")
    for run in log.get("runs", []):
        driver = run["tool"]["driver"]
        if not driver.get("name") or not driver.get("informationUri"):
            problems.append("tool.driver without name or informationUri")
        check_rules(driver.get("rules", []), problems)
        bases = run.get("originalUriBaseIds", {})
        for name, base in bases.items():
            if not base.get("uri", "").startswith("file:///") or not base[
                    "uri"].endswith("/"):
                problems.append(name + ": not an absolute directory URI")
        check_results(run, bases, problems)
        for provenance in run.get("versionControlProvenance", []):
            if not re.match(r"[a-z][a-z0-9+.-]*://",
                            provenance.get("repositoryUri", "")):
                problems.append("repositoryUri is not an absolute URI")
        for invocation in run.get("invocations", []):
            if not isinstance(invocation.get("executionSuccessful"), bool):
                problems.append("invocation without executionSuccessful")
    print("\n".join(problems) if problems else "ok")


if __name__ == "__main__":
    main()
