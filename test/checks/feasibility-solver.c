// RUN: %check_both %s -- %libpq
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/solver-off.c
// RUN: printf 'CheckOptions:\n  connleak.Solver: false\n' > %t/.clang-tidy
// RUN: not %connleak %t/solver-off.c -- %libpq 2>&1 | FileCheck --check-prefix=OFF %s

// Conditions over two variables (issue 13): a branch that repeats one in
// another form, or one the earlier branches imply, takes only the arm that
// can run (transfer/Constraints.h, with Z3); one the deciders do not
// encode (unsigned arithmetic) is decided when it is tested again as
// written, or negated. Each clean function has a
// nearest twin whose path does run, and is reported. With connleak.Solver
// false, the clean ones are reported too (OFF lines).

#include <libpq-fe.h>
#include <stddef.h>

// Clean: y > x is x < y.
void lessThenGreater(int x, int y) {
  PGconn *c = NULL;
  if (x < y)
    c = PQconnectdb("");
  // OFF: solver-off.c:[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (y > x)
    PQfinish(c);
}

// Clean: !(x != y) is x == y.
void equalThenNotUnequal(int x, int y) {
  PGconn *c = NULL;
  if (x == y)
    c = PQconnectdb("");
  // OFF: solver-off.c:[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (!(x != y))
    PQfinish(c);
}

// Clean: the same sum tested twice.
void sameSumTwice(int x, int y) {
  PGconn *c = NULL;
  if (x + y > 10)
    c = PQconnectdb("");
  // OFF: solver-off.c:[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (x + y > 10)
    PQfinish(c);
}

// Clean: x < y and y < 5 imply x < 5.
void impliedBound(int x, int y) {
  PGconn *c = NULL;
  if (x < y && y < 5)
    c = PQconnectdb("");
  // OFF: solver-off.c:[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (x < 5)
    PQfinish(c);
}

// Clean: the two releases exclude each other.
void exclusiveReleases(int x, int y, PGconn *c) {
  if (x < y)
    PQfinish(c);
  PQping("");
  if (y <= x)
    PQfinish(c);
  // OFF: solver-off.c:[[@LINE-1]]:5: warning: PostgreSQL connection 'c' is released twice
}

// Reports: a sum of 11 is over 10 and not over 11.
void differentSums(int x, int y) {
  PGconn *c = NULL;
  if (x + y > 10)
    c = PQconnectdb("");
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // OFF: solver-off.c:[[@LINE-2]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (x + y > 11)
    PQfinish(c);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(c)'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
// CHECK-NOTES: :[[@LINE-5]]:7: note: taking the false branch

// Reports: x is written between the tests.
void writtenBetween(int x, int y) {
  PGconn *c = NULL;
  if (x < y)
    c = PQconnectdb("");
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // OFF: solver-off.c:[[@LINE-2]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  x = y + 1;
  if (x < y)
    PQfinish(c);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(c)'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
// CHECK-NOTES: :[[@LINE-5]]:7: note: taking the false branch

// Reports: x == y takes both releases.
void overlappingReleases(int x, int y, PGconn *c) {
  if (x <= y)
    PQfinish(c);
  PQping("");
  if (y <= x)
    PQfinish(c);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: PostgreSQL connection 'c' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-5]]:5: note: first released here
  // OFF: solver-off.c:[[@LINE-3]]:5: warning: PostgreSQL connection 'c' is released twice
}

// Clean: a signed char is at most 127, so y == x is never over 200 (and
// never 300).
void narrowVariables(signed char x, short y) {
  PGconn *c = NULL;
  if (x == y)
    c = PQconnectdb("");
  // OFF: solver-off.c:[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (x == y && y != 300)
    PQfinish(c);
  if (y > 200 && x == y)
    PQfinish(c);
  // OFF: solver-off.c:[[@LINE-1]]:5: warning: PostgreSQL connection 'c' is released twice
}

// Reports: an int can be 250.
void wideVariables(int x, short y) {
  PGconn *c = NULL;
  if (x == y)
    c = PQconnectdb("");
  PQping("");
  if (x == y && y != 300)
    PQfinish(c);
  if (y > 200 && x == y)
    PQfinish(c);
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: PostgreSQL connection 'c' is released twice [connleak-double-release]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: first released here
  // OFF: solver-off.c:[[@LINE-3]]:5: warning: PostgreSQL connection 'c' is released twice
}

// Clean: an unsigned sum, which the deciders do not encode, tested again
// as it was written; nothing wrote x or y in between.
void unsignedSumTwice(unsigned x, unsigned y) {
  PGconn *c = NULL;
  if (x + y > 10)
    c = PQconnectdb("");
  // OFF: solver-off.c:[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (x + y > 10)
    PQfinish(c);
}

// Clean: the same size comparison, negated.
void sizeRetestedNegated(size_t n, size_t max) {
  PGconn *c = NULL;
  if (n <= max)
    c = PQconnectdb("");
  // OFF: solver-off.c:[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (!(n <= max))
    return;
  PQfinish(c);
}

// Reports: an unsigned sum of 11 is over 10 and not over 11.
void unsignedSumsDiffer(unsigned x, unsigned y) {
  PGconn *c = NULL;
  if (x + y > 10)
    c = PQconnectdb("");
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
  // OFF: solver-off.c:[[@LINE-2]]:9: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path
  PQping("");
  if (x + y > 11)
    PQfinish(c);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks here: returning without 'PQfinish(c)'
// CHECK-NOTES: :[[@LINE-2]]:1: note: no automatic fix: not every path here has the handle in 'c'; release it on the leaking path before the paths join
// CHECK-NOTES: :[[@LINE-5]]:7: note: taking the false branch
