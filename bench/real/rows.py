"""Reads fixes.tsv (one real leak fix a row) and projects.tsv (how a
project's files are compiled on their own)."""
import csv
import os
from collections import namedtuple

Row = namedtuple("Row", "repo commit path function acquire leak_class "
                 "after_clean note")
Project = namedtuple("Project", "repo lang includes defines pkgs")


def read_rows(path):
    with open(path, newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == list(Row._fields), header
        return [Row(*r) for r in reader if r and not r[0].startswith("#")]


def read_projects(path):
    projects = {}
    with open(path, newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header == list(Project._fields), header
        for r in reader:
            if r and not r[0].startswith("#"):
                projects[r[0]] = Project(*r)
    return projects


def side_dir(outdir, row, side):
    return os.path.join(outdir, row.repo.replace("/", "+"), row.commit[:12],
                        side)
