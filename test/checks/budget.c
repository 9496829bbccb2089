// A function over the analysis budget (connleak.MaxSteps,
// connleak.MaxStateEntries) is skipped: it has no findings, the driver names
// it in a note and counts it in the summary, and the other functions are
// analysed as usual. The budget here is far below the default so that a
// small function exceeds it.

// RUN: rm -rf %t && mkdir -p %t && cp %s %t/budget.c
// RUN: printf 'CheckOptions:\n  connleak.MaxSteps: 40\n' > %t/.clang-tidy
// RUN: not %connleak %t/budget.c -- %libpq 2>&1 | FileCheck %s -DDIR=%t --implicit-check-not=warning:
// CHECK: connleak: note: [[DIR]]/budget.c:[[@LINE+11]]: 'branchy' is not analysed: over the analysis budget (connleak.MaxSteps, connleak.MaxStateEntries)
// CHECK: budget.c:[[@LINE+7]]:44: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
// CHECK: connleak: 1 finding in 1 translation unit; 1 function over the analysis budget

// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet --config="{CheckOptions: {connleak.MaxSteps: 40}}" %s -- %libpq 2>&1 | FileCheck --check-prefix=PLUGIN %s --implicit-check-not=warning:
// PLUGIN: budget.c:[[@LINE+3]]:44: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]
#include <libpq-fe.h>

void small(const char *info) { PGconn *c = PQconnectdb(info); }

// Each test doubles the paths the walk follows.
int branchy(const char *info, const int *b) {
  int n = 0;
  PGconn *c = PQconnectdb(info);
  if (b[0]) n += 1;
  if (b[1]) n += 2;
  if (b[2]) n += 3;
  if (b[3]) n += 4;
  if (b[4]) n += 5;
  if (b[5]) n += 6;
  if (b[6]) n += 7;
  if (b[7]) n += 8;
  return n;
}
