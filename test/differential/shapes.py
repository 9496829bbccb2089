"""The hard shapes of the differential test (gen.py --shapes=FAMILY): each
top-level function f<N> is one instance of a shape that fooled connleak,
with random bits, polarities and fillers, and, about one time in three, a
seeded bug (a leak, a double release or a use after release that really
happens on some input), so both precision and recall are measured.

Families:
  feasibility  a path that cannot run must not be reported (issue 13):
               the same bit tested twice, a switch on bits nested in a test
               of one of them, flags set from a nullness test or a status,
               a stored result tested later, file-scope constants, a loop
               that runs once, releases under exclusive conditions.
  fields       handles kept where connleak does not follow them (issue 15):
               fields of local structs, of heap structs freed here, of a
               parameter struct on a reported failure, overwrites of live
               fields, overwrites of live variables in a retry loop.
  crosstu      helpers in a second translation unit (an acquire wrapper, a
               releasing helper, a helper that only uses the handle).
  twovars      conditions over two variables (issue 13's solver): an acquire
               under `x < y` released under the same relation written
               another way (swapped, negated, as a difference), releases
               under a relation and its negation.

With --family sqlite (feasibility and twovars), the same program, seed for seed,
is written over the real SQLite library (to_sqlite): sqlite3_open for the
connect, sqlite3_close for PQfinish, sqlite3_exec for the uses and
sqlite3_errcode for the status.

Every f<N>(const int *bits) packs its input bits into `in` and passes it by
value to f<N>_run(int in), whose address is never taken: nothing but an
assignment can change it. Helpers of f<N> are named f<N>_<what>, so a
finding in one is counted for f<N>.
"""

import re

PQ_HEADER = """#include <libpq-fe.h>
#include <stddef.h>
#include <stdlib.h>

PGconn *Slots[16];
struct holder {
  PGconn *conn;
  int uses;
};
"""

CONSTANTS = """static int staticFive = 5;
static int staticZero;
const int GLOBAL_CONST_TRUE = 1;
const int GLOBAL_CONST_FALSE = 0;
static int returnsTrue(void) { return 1; }
static int returnsFalse(void) { return 0; }
"""

CROSS_DECLS = """/* Defined in the second translation unit. */
PGconn *acquire_wrapped(const char *site);
void release_helper(PGconn *c);
void log_helper(PGconn *c);
"""

SECOND_TU = """/* The second translation unit of a crosstu program: the helpers. */
#include <libpq-fe.h>
#include <stddef.h>

PGconn *acquire_wrapped(const char *site) { return PQconnectdb(site); }

void release_helper(PGconn *c) {
  if (c)
    PQfinish(c);
}

void log_helper(PGconn *c) { PQstatus(c); }
"""


SQLITE = [
    (r'#include <libpq-fe.h>', '#include <sqlite3.h>'),
    (r'PGconn \*(\w+) = PQconnectdb\("s(\d+)"\);',
     r'sqlite3 *\1;\n  sqlite3_open("s\2", &\1);'),
    (r'(\w+) = PQconnectdb\("s(\d+)"\);', r'sqlite3_open("s\2", &\1);'),
    (r'PQstatus\((\w+)\) == CONNECTION_OK', r'sqlite3_errcode(\1) == SQLITE_OK'),
    (r'PQstatus\((\w+)\)', r'sqlite3_exec(\1, "SELECT 1", 0, 0, 0)'),
    (r'PQserverVersion\((\w+)\)', r'sqlite3_exec(\1, "SELECT 2", 0, 0, 0)'),
    (r'PQfinish\(', 'sqlite3_close('),
    (r'PGconn', 'sqlite3'),
]


def to_sqlite(program):
    """A feasibility program over libpq, rewritten over SQLite. A connect
    that declares its variable becomes a declaration and an open on the
    next line; the site stays on the open's line."""
    for pattern, replacement in SQLITE:
        program = re.sub(pattern, replacement, program)
    return program


class Shapes:
    def __init__(self, rng, family):
        self.r = rng
        self.family = family
        self.site = 0
        self.out = []
        self.n = 0

    def next_site(self):
        self.site += 1
        return self.site

    def emit(self, text):
        self.out.append(text)

    def bit(self, b, positive=True):
        test = "(in >> %d) & 1" % b
        return test if positive else "!(%s)" % test

    def bug(self):
        return self.r.random() < 0.35

    def filler(self, handle, guard=None):
        """Statements that cannot write `in`: uses, queries, arithmetic."""
        lines = []
        for _ in range(self.r.randint(0, 2)):
            k = self.r.choice(["use", "query", "arith"])
            if k == "use":
                g = guard or handle
                lines.append("  if (%s)" % g)
                lines.append("    PQstatus(%s);" % handle)
            elif k == "query":
                g = guard or handle
                lines.append("  if (%s)" % g)
                lines.append("    PQserverVersion(%s);" % handle)
            else:
                lines.append("  uses += in & 3;")
        return lines

    def begin(self, params="int in"):
        self.emit("static int f%d_run(%s) {" % (self.n, params))
        self.emit("  int uses = 0;")

    def end(self, ret="uses"):
        self.emit("  return %s;" % ret)
        self.emit("}")
        self.emit("")

    # --- feasibility -----------------------------------------------------

    def retest(self):
        b = self.r.randrange(4)
        pos = self.r.random() < 0.5
        b2 = (b + 1) % 4 if self.bug() else b
        self.begin()
        self.emit("  PGconn *c = NULL;")
        self.emit("  if (%s)" % self.bit(b, pos))
        self.emit('    c = PQconnectdb("s%d");' % self.next_site())
        self.out += self.filler("c", self.bit(b, pos))
        self.out += self.filler("c")
        self.emit("  if (%s)" % self.bit(b2, pos))
        self.emit("    PQfinish(c);")
        self.end()

    def switch_nested(self):
        b = self.r.randrange(3)
        bug = self.bug()
        # Inside the test of bit b, (in >> b) & 3 is 1 or 3.
        dead = [0, 2] if not bug else [self.r.choice([1, 3])]
        self.begin()
        self.emit('  PGconn *c = PQconnectdb("s%d");' % self.next_site())
        self.emit("  if ((in >> %d) & 1) {" % b)
        self.emit("    switch ((in >> %d) & 3) {" % b)
        for v in dead:
            self.emit("    case %d:" % v)
        self.emit("      return -1;")
        self.emit("    default:")
        self.emit("      PQstatus(c);")
        self.emit("      break;")
        self.emit("    }")
        self.emit("  }")
        self.emit("  PQfinish(c);")
        self.end()

    def null_flag(self):
        b = self.r.randrange(4)
        name, test, pos = self.r.choice([
            ("have", "c != NULL", True), ("opened", "c != NULL", True),
            ("have", "!!c", True), ("missing", "c == NULL", False)])
        self.begin()
        self.emit("  PGconn *c = NULL;")
        self.emit("  if (%s)" % self.bit(b))
        self.emit('    c = PQconnectdb("s%d");' % self.next_site())
        self.emit("  int %s = %s;" % (name, test))
        self.out += self.filler("c", name if pos else "!" + name)
        cond = name if pos else "!" + name
        if self.bug():
            cond += " && ((in >> %d) & 1)" % ((b + 1) % 4)
        self.emit("  if (%s)" % cond)
        self.emit("    PQfinish(c);")
        self.end()

    def status_flag(self):
        self.begin()
        self.emit('  PGconn *c = PQconnectdb("s%d");' % self.next_site())
        self.emit("  int ok = PQstatus(c) == CONNECTION_OK;")
        self.emit("  if (!ok) {")
        self.emit("    PQfinish(c);")
        self.emit("    return -1;")
        self.emit("  }")
        self.out += self.filler("c", "ok")
        if self.bug():
            self.emit("  if (ok && ((in >> %d) & 1))" % self.r.randrange(4))
        else:
            self.emit("  if (ok)")
        self.emit("    PQfinish(c);")
        self.end()

    def stored_result(self):
        b = self.r.randrange(4)
        helper = self.r.random() < 0.5
        if helper:
            self.emit("static int f%d_query(PGconn *c, int in) {" % self.n)
            self.emit("  PQstatus(c);")
            self.emit("  return ((in >> %d) & 1) ? -1 : 0;" % b)
            self.emit("}")
            self.emit("")
        self.begin()
        self.emit('  PGconn *c = PQconnectdb("s%d");' % self.next_site())
        if helper:
            self.emit("  int r = f%d_query(c, in);" % self.n)
        else:
            # Clean or not whatever the library returns: the truth must
            # not hang on a value of the stand-in runtime.
            self.emit("  int r = ((in >> %d) & 1) ? -1"
                      " : (PQstatus(c) == CONNECTION_OK ? 0 : -2);" % b)
        self.out += self.filler("c")
        fail, good = self.r.choice([("r < 0", "r >= 0"),
                                    ("r == -1", "r != -1")])
        if self.r.random() < 0.5:
            self.emit("  if (%s) {" % fail)
            self.emit("    PQfinish(c);")
            self.emit("    return -1;")
            self.emit("  }")
            self.out += self.filler("c")
        bug = self.bug()
        self.emit("  if (%s)" % (good if not bug else "r > 0"))
        self.emit("    PQfinish(c);")
        self.emit("  else if (%s)" % fail)
        self.emit("    PQfinish(c);")
        self.end()

    def constant(self):
        true = self.r.choice(["staticFive == 5", "GLOBAL_CONST_TRUE",
                              "returnsTrue()", "!staticZero"])
        false = self.r.choice(["staticFive != 5", "GLOBAL_CONST_FALSE",
                               "returnsFalse()", "staticZero"])
        bug = self.bug()
        self.begin()
        self.emit('  PGconn *c = PQconnectdb("s%d");' % self.next_site())
        k = self.r.choice(["early", "release", "loop"])
        if k == "early":
            self.emit("  if (%s)" % (true if bug else false))
            self.emit("    return -1;")
            self.emit("  PQfinish(c);")
        elif k == "release":
            self.emit("  if (%s)" % (false if bug else true))
            self.emit("    PQfinish(c);")
        else:
            self.emit("  for (int i = 0; i < %d; i++)" % (0 if bug else 1))
            self.emit("    PQfinish(c);")
        self.end()

    def exclusive_release(self):
        b = self.r.randrange(4)
        b2 = (b + 1) % 4 if self.bug() else b
        flag = self.r.random() < 0.5
        second = self.r.choice(["PQfinish(c);", "PQstatus(c);"])
        self.begin()
        self.emit('  PGconn *c = PQconnectdb("s%d");' % self.next_site())
        if flag:
            self.emit("  int closed = %s;" % self.bit(b))
            self.emit("  if (closed)")
        else:
            self.emit("  if (%s)" % self.bit(b))
        self.emit("    PQfinish(c);")
        self.out += self.filler("c", "!closed" if flag and b2 == b
                                else self.bit(b, False))
        self.emit("  if (%s) {" % ("!closed" if flag and b2 == b
                                   else self.bit(b2, False)))
        self.emit("    " + second)
        if second.startswith("PQstatus"):
            self.emit("    PQfinish(c);")
        self.emit("  }")
        self.end()

    # --- twovars ---------------------------------------------------------

    SWAPPED = {"<": ">", "<=": ">=", "==": "==", "!=": "!=", ">": "<",
               ">=": "<="}
    NEGATED = {"<": ">=", "<=": ">", "==": "!=", "!=": "==", ">": "<=",
               ">=": "<"}

    def relation(self, op):
        """`x op y`, written one of four ways."""
        return self.r.choice([
            "x %s y" % op, "y %s x" % self.SWAPPED[op],
            "!(x %s y)" % self.NEGATED[op], "x - y %s 0" % op])

    def other_relation(self, op):
        return self.r.choice([o for o in self.SWAPPED if o != op])

    def two_vars_begin(self):
        self.begin()
        offset = self.r.choice(["", " - 1", " + 1"])
        self.emit("  int x = (in & 3)%s;" % offset)
        self.emit("  int y = (in >> 2) & 3;")

    def two_vars(self):
        op = self.r.choice(sorted(self.SWAPPED))
        later = self.other_relation(op) if self.bug() else op
        self.two_vars_begin()
        self.emit("  PGconn *c = NULL;")
        self.emit("  if (%s)" % self.relation(op))
        self.emit('    c = PQconnectdb("s%d");' % self.next_site())
        self.out += self.filler("c", self.relation(op))
        self.emit("  if (%s)" % self.relation(later))
        self.emit("    PQfinish(c);")
        self.end()

    def two_var_release(self):
        op = self.r.choice(sorted(self.SWAPPED))
        later = (self.other_relation(self.NEGATED[op]) if self.bug()
                 else self.NEGATED[op])
        self.two_vars_begin()
        self.emit('  PGconn *c = PQconnectdb("s%d");' % self.next_site())
        self.emit("  if (%s)" % self.relation(op))
        self.emit("    PQfinish(c);")
        self.out += self.filler("c", self.relation(self.NEGATED[op]))
        self.emit("  if (%s)" % self.relation(later))
        self.emit("    PQfinish(c);")
        self.end()

    # --- fields ----------------------------------------------------------

    def local_struct(self):
        b = self.r.randrange(4)
        self.begin()
        self.emit("  struct holder h = {0};")
        self.emit('  h.conn = PQconnectdb("s%d");' % self.next_site())
        self.emit("  if (%s) {" % self.bit(b))
        if not self.bug():
            self.emit("    PQfinish(h.conn);")
        self.emit("    return -1;")
        self.emit("  }")
        self.emit("  PQstatus(h.conn);")
        self.emit("  PQfinish(h.conn);")
        self.end()

    def heap_struct(self):
        b = self.r.randrange(4)
        self.begin()
        self.emit("  struct holder *st = malloc(sizeof *st);")
        self.emit("  if (!st)")
        self.emit("    return -1;")
        self.emit('  st->conn = PQconnectdb("s%d");' % self.next_site())
        self.emit("  if (%s) {" % self.bit(b))
        if not self.bug():
            self.emit("    PQfinish(st->conn);")
        self.emit("    free(st);")
        self.emit("    return -1;")
        self.emit("  }")
        self.emit("  PQfinish(st->conn);")
        self.emit("  free(st);")
        self.end()

    def param_struct(self):
        b = self.r.randrange(4)
        self.emit("static int f%d_init(struct holder *p, int in) {" % self.n)
        self.emit('  p->conn = PQconnectdb("s%d");' % self.next_site())
        self.emit("  if (%s) {" % self.bit(b))
        if not self.bug():
            self.emit("    PQfinish(p->conn);")
            self.emit("    p->conn = NULL;")
        self.emit("    return -1;")
        self.emit("  }")
        self.emit("  return 0;")
        self.emit("}")
        self.emit("")
        self.begin()
        self.emit("  struct holder h = {0};")
        self.emit("  if (f%d_init(&h, in) < 0)" % self.n)
        self.emit("    return -1;")
        self.emit("  PQfinish(h.conn);")
        self.end()

    def field_overwrite(self):
        b = self.r.randrange(4)
        heap = self.r.random() < 0.5
        s = "st->" if heap else "h."
        self.begin()
        if heap:
            self.emit("  struct holder *st = malloc(sizeof *st);")
            self.emit("  if (!st)")
            self.emit("    return -1;")
        else:
            self.emit("  struct holder h = {0};")
        self.emit('  %sconn = PQconnectdb("s%d");' % (s, self.next_site()))
        self.emit("  if (%s) {" % self.bit(b))
        if not self.bug():
            self.emit("    PQfinish(%sconn);" % s)
        self.emit('    %sconn = PQconnectdb("s%d");' % (s, self.next_site()))
        self.emit("  }")
        self.emit("  PQfinish(%sconn);" % s)
        if heap:
            self.emit("  free(st);")
        self.end()

    def retry_loop(self):
        b = self.r.randrange(3)
        self.begin()
        self.emit("  PGconn *c = NULL;")
        self.emit("  for (int attempt = 0; attempt < 4; ++attempt) {")
        self.emit('    c = PQconnectdb("s%d");' % self.next_site())
        self.emit("    if (attempt >= ((in >> %d) & 3))" % b)
        self.emit("      break;")
        if not self.bug():
            self.emit("    PQfinish(c);")
            self.emit("    c = NULL;")
        self.emit("  }")
        self.emit("  if (c)")
        self.emit("    PQfinish(c);")
        self.end()

    # --- crosstu ---------------------------------------------------------

    def cross_wrapped(self):
        self.cross(self.r.choice(["wrapped", "wrappedlog"]))

    def cross_log(self):
        self.cross("log")

    def cross_release(self):
        self.cross("release")

    def cross(self, k):
        b = self.r.randrange(4)
        bug = self.bug()
        self.begin()
        if k in ("wrapped", "wrappedlog"):
            self.emit('  PGconn *c = acquire_wrapped("s%d");'
                      % self.next_site())
        else:
            self.emit('  PGconn *c = PQconnectdb("s%d");' % self.next_site())
        if k == "release":
            # No test repeated: what is measured is the helper, not the
            # feasibility of a second test of the bit.
            if bug:
                self.emit("  if (%s)" % self.bit(b))
                self.emit("    release_helper(c);")
                if self.r.random() < 0.5:
                    self.emit("  PQstatus(c);")
                self.emit("  PQfinish(c);")
            else:
                self.emit("  if (%s) {" % self.bit(b))
                self.emit("    release_helper(c);")
                self.emit("  } else {")
                self.emit("    PQstatus(c);")
                self.emit("    PQfinish(c);")
                self.emit("  }")
        else:
            if k in ("log", "wrappedlog"):
                self.emit("  log_helper(c);")
            self.emit("  if (%s) {" % self.bit(b))
            if not bug:
                self.emit("    " + self.r.choice(["PQfinish(c);",
                                                  "release_helper(c);"]))
            self.emit("    return -1;")
            self.emit("  }")
            self.emit("  " + self.r.choice(["PQfinish(c);",
                                            "release_helper(c);"]))
        self.end()

    FAMILIES = {
        "feasibility": ["retest", "switch_nested", "null_flag", "status_flag",
                        "stored_result", "constant", "exclusive_release"],
        "fields": ["local_struct", "heap_struct", "param_struct",
                   "field_overwrite", "retry_loop"],
        "crosstu": ["cross_wrapped", "cross_log", "cross_release"],
        "twovars": ["two_vars", "two_var_release"],
    }

    def function(self):
        shape = self.r.choice(self.FAMILIES[self.family])
        self.emit("/* shape: %s */" % shape)
        getattr(self, shape)()
        self.emit("int f%d(const int *bits) {" % self.n)
        self.emit("  return f%d_run(bits[0] | bits[1] << 1 | bits[2] << 2 |"
                  " bits[3] << 3);" % self.n)
        self.emit("}")
        self.emit("")
        self.n += 1

    def program(self, functions):
        self.emit(PQ_HEADER)
        if self.family == "feasibility":
            self.emit(CONSTANTS)
        if self.family == "crosstu":
            self.emit(CROSS_DECLS)
        for _ in range(functions):
            self.function()
        self.emit("int NumFunctions = %d;" % functions)
        self.emit("int NumBits = 4;")
        self.emit("int (*Functions[])(const int *) = {%s};" %
                  ", ".join("f%d" % n for n in range(functions)))
        return "\n".join(self.out) + "\n"
