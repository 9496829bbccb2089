// RUN: %check_both %s -- %libpq

// Paths that cannot run are not reported: a condition tested again on a
// variable nothing wrote in between, its negation, a switch on a wider mask
// of the same bits, values the translation unit fixes (a static no code
// writes, a function that returns a constant), flags that keep a test of a
// handle, stored results compared later, and loops bounded by a small
// constant. Each clean function has a nearest twin where the path does
// run, and is reported. test/checks/feasibility-sqlite.c has SQLite's.

#include <libpq-fe.h>
#include <stddef.h>

static int staticFive = 5;
static int staticChanged = 5;
static int staticZero;
static int staticZeroWritten;
const int GLOBAL_CONST_FALSE = 0;
extern const int externConstFalse;
static int returnsTrue(void) { return 1; }
static int returnsFlag(int flag) { return flag; }
static int minusOneOrZero(PGconn *c, unsigned in) {
  PQstatus(c);
  return (in & 1) ? -1 : 0;
}
static int minusTwoOrZero(PGconn *c, unsigned in) {
  PQstatus(c);
  return (in & 1) ? -2 : 0;
}

void changeStatic(void) { staticChanged = 0; }
void writeStaticZero(void) { staticZeroWritten = 1; }

// Clean: the second test of the same bit takes the arm the first one took,
// although a query runs in between.
void sameBitTwice(unsigned in, const char *dsn) {
  PGconn *c = NULL;
  if ((in >> 2) & 1)
    c = PQconnectdb(dsn);
  PQping(dsn);
  if ((in >> 2) & 1)
    PQfinish(c);
}

// Leaks: `in` is written between the tests.
void sameBitAfterWrite(unsigned in, const char *dsn) {
  PGconn *c = NULL;
  if ((in >> 2) & 1)
    c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+6]]:1: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+5]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+2]]:7: note: taking the false branch
  in = in >> 1;
  if ((in >> 2) & 1)
    PQfinish(c);
}

// Clean: the two releases are under conditions that exclude each other.
void exclusiveReleases(unsigned in, PGconn *c) {
  if (in & 1)
    PQfinish(c);
  if (!(in & 1))
    PQfinish(c);
}

// Double release: the second condition does not exclude the first.
void overlappingReleases(unsigned in, PGconn *c) {
  if (in & 1)
    PQfinish(c);
  if (in & 3)
    PQfinish(c);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: PostgreSQL connection 'c' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: first released here
}

// Clean: inside `(in >> 3) & 1`, the switch on `(in >> 3) & 3` can only be
// 1 or 3.
void switchInsideBit(unsigned in, const char *dsn) {
  if ((in >> 3) & 1) {
    PGconn *c = PQconnectdb(dsn);
    switch ((in >> 3) & 3) {
    case 1:
    case 3:
      PQfinish(c);
      break;
    default:
      break;
    }
  }
}

// Leaks: inside `(in >> 3) & 2` the switch can be 2, which does not release.
void switchInsideOtherBit(unsigned in, const char *dsn) {
  if ((in >> 3) & 2) {
    PGconn *c = PQconnectdb(dsn);
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
    // CHECK-NOTES: :[[@LINE+10]]:3: note: leaks here: 'c' goes out of scope without 'PQfinish(c)'
    // CHECK-NOTES: :[[@LINE+9]]:3: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
    switch ((in >> 3) & 3) {
    case 1:
    case 3:
      PQfinish(c);
      break;
    default:
      break;
    }
  }
}

// Clean: no code of this file writes staticFive.
void staticConstant(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  if (staticFive == 5)
    PQfinish(c);
}

// Leaks: changeStatic() writes staticChanged.
void staticWritten(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+5]]:1: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the false branch
  if (staticChanged == 5)
    PQfinish(c);
}

// Clean: returnsTrue() always returns 1.
void constantFunction(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  if (returnsTrue())
    PQfinish(c);
}

// Leaks: returnsFlag() returns what it is given.
void variableFunction(const char *dsn, int flag) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+5]]:1: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the false branch
  if (returnsFlag(flag))
    PQfinish(c);
}

// Clean: `have` keeps whether the connect ran; nothing wrote `c` since.
void nullFlag(unsigned in, const char *dsn) {
  PGconn *c = NULL;
  if (in & 1)
    c = PQconnectdb(dsn);
  int have = c != NULL;
  PQping(dsn);
  if (have)
    PQfinish(c);
}

// Leaks: the flag is tested with another bit as well.
void nullFlagAndBit(unsigned in, const char *dsn) {
  PGconn *c = NULL;
  if (in & 1)
    c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+7]]:1: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+6]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+3]]:7: note: taking the true branch
  // CHECK-NOTES: :[[@LINE+2]]:16: note: taking the false branch
  int have = c != NULL;
  if (have && (in & 2))
    PQfinish(c);
}

// Clean: the negated flag, `missing`, tested negated.
void missingFlag(unsigned in, const char *dsn) {
  PGconn *c = NULL;
  if (in & 1)
    c = PQconnectdb(dsn);
  int missing = c == NULL;
  if (!missing)
    PQfinish(c);
}

// Leaks: `c` is written after the flag was set; the flag is about the old
// value.
void missingFlagStale(unsigned in, const char *dsn) {
  PGconn *c = NULL;
  int missing = c == NULL;
  if (in & 1)
    c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+5]]:1: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+4]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the false branch
  if (!missing)
    PQfinish(c);
}

// Clean: minusOneOrZero() returns -1 or 0, and both are handled.
void storedResult(unsigned in, const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  int r = minusOneOrZero(c, in);
  if (r == 0)
    PQfinish(c);
  else if (r == -1)
    PQfinish(c);
}

// Leaks: minusTwoOrZero() may return -2, which neither test takes.
void storedResultMissed(unsigned in, const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+9]]:1: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+8]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
  // CHECK-NOTES: :[[@LINE+3]]:7: note: taking the false branch
  // CHECK-NOTES: :[[@LINE+4]]:12: note: taking the false branch
  int r = minusTwoOrZero(c, in);
  if (r == 0)
    PQfinish(c);
  else if (r == -1)
    PQfinish(c);
}

// Clean: r is below 0 exactly when bit 0 is set, and 0 otherwise.
void conditionalResult(unsigned in, const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  int r = (in & 1) ? -1 : 0;
  if (r < 0) {
    PQfinish(c);
    return;
  }
  if (r == 0)
    PQfinish(c);
}

// Leaks: r is 2 when bit 0 is clear.
void conditionalResultOther(unsigned in, const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+8]]:1: note: leaks here: returning without 'PQfinish(c)'
  int r = (in & 1) ? -1 : 2;
  if (r < 0) {
    PQfinish(c);
    return;
  }
  if (r == 0)
    PQfinish(c);
}
// CHECK-FIXES: {{^}}  int r = (in & 1) ? -1 : 2;{{$}}
// CHECK-FIXES: {{^}}  PQfinish(c);{{$}}
// CHECK-FIXES-NEXT: {{^}}}{{$}}

// Clean: the loop runs once.
void loopOnce(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  for (int i = 0; i < 1; i++)
    PQfinish(c);
}

// Double release: the loop runs twice.
void loopTwice(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  for (int i = 0; i < 2; i++)
    PQfinish(c);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: PostgreSQL connection 'c' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-2]]:5: note: first released here
}

// Clean: the use runs only where the release did not, through a flag that
// keeps the bit.
void useWhereNotReleased(unsigned in, PGconn *c) {
  int closed = in & 1;
  if (closed)
    PQfinish(c);
  if (!closed)
    PQstatus(c);
}

// Use after release: bit 1 does not exclude bit 0.
void useUnderOtherBit(unsigned in, PGconn *c) {
  if (in & 1)
    PQfinish(c);
  if (!(in & 2))
    PQstatus(c);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: PostgreSQL connection 'c' is used by 'PQstatus' after it was released [connleak-use-after-release]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: released here
}

// Clean: staticZero has no initialiser and no code writes it: it is zero.
void tentativeStatic(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  if (staticZero)
    return;
  PQfinish(c);
}

// Leaks: writeStaticZero() writes staticZeroWritten.
void tentativeStaticWritten(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (staticZeroWritten)
    return;
  // CHECK-FIXES: {{^}}  if (staticZeroWritten) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES: {{^}}  PQfinish(c);{{$}}
  PQfinish(c);
}

// Clean: GLOBAL_CONST_FALSE is defined here; no file may write a const.
void constGlobal(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  if (GLOBAL_CONST_FALSE)
    return;
  PQfinish(c);
}

// Leaks: externConstFalse is defined in another file, its value unknown.
void externConstant(const char *dsn) {
  PGconn *c = PQconnectdb(dsn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: leaks here: returning without 'PQfinish(c)'
  // CHECK-NOTES: :[[@LINE+1]]:7: note: taking the true branch
  if (externConstFalse)
    return;
  // CHECK-FIXES: {{^}}  if (externConstFalse) {{[{]}}{{$}}
  // CHECK-FIXES-NEXT: {{^}}    PQfinish(c);{{$}}
  // CHECK-FIXES-NEXT: {{^}}    return;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  }{{$}}
  // CHECK-FIXES: {{^}}  PQfinish(c);{{$}}
  PQfinish(c);
}
