// The options every connleak check shares: --dump-config shows each with its
// value, a value given takes effect, and a bad value is one configuration
// error naming the option and the value, with nothing analysed. Through
// clang-tidy with the plugin (--config) and through the driver (which reads
// .clang-tidy like clang-tidy does).

// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-*' --dump-config | FileCheck --check-prefix=DEFAULTS %s
// DEFAULTS:      CheckOptions:
// DEFAULTS-DAG:  {{^}}  connleak.ConfigFile: ''{{$}}
// DEFAULTS-DAG:  {{^}}  connleak.IgnoreAllocationFailure: 'true'{{$}}
// DEFAULTS-DAG:  {{^}}  connleak.MaxStateEntries: '20000000'{{$}}
// DEFAULTS-DAG:  {{^}}  connleak.MaxSteps: '5000000'{{$}}
// DEFAULTS-DAG:  {{^}}  connleak.Solver: 'true'{{$}}
// DEFAULTS-DAG:  {{^}}  connleak.StatesPerBlock: '16'{{$}}
// DEFAULTS-DAG:  {{^}}  connleak.Summaries: ''{{$}}
// DEFAULTS-DAG:  {{^}}  connleak.UnknownCallees: escape{{$}}

// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-double-release' --config="{CheckOptions: {connleak.UnknownCallees: use, connleak.StatesPerBlock: 4, connleak.ConfigFile: '%S/Inputs/acme.connleak.yaml'}}" --dump-config | FileCheck --check-prefix=GIVEN -DINPUTS=%S/Inputs %s
// GIVEN-DAG: {{^}}  connleak.ConfigFile: '[[INPUTS]]/acme.connleak.yaml'{{$}}
// GIVEN-DAG: {{^}}  connleak.StatesPerBlock: '4'{{$}}
// GIVEN-DAG: {{^}}  connleak.UnknownCallees: use{{$}}
// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-*' --config="{CheckOptions: {connleak.IgnoreAllocationFailure: false}}" --dump-config | FileCheck --check-prefix=GIVENBOOL %s
// GIVENBOOL: {{^}}  connleak.IgnoreAllocationFailure: 'false'{{$}}
// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-*' --config="{CheckOptions: {connleak.Solver: false}}" --dump-config | FileCheck --check-prefix=GIVENSOLVER %s
// GIVENSOLVER: {{^}}  connleak.Solver: 'false'{{$}}

// The dump shows a bad value as it was given.
// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-*' --config="{CheckOptions: {connleak.UnknownCallees: usee}}" --dump-config | FileCheck --check-prefix=DUMPBAD %s
// DUMPBAD: {{^}}  connleak.UnknownCallees: usee{{$}}

// UnknownCallees: the default lets the unknown callee keep the handle; with
// `use` it is still the caller's, and leaks.
// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet %s -- %libpq 2>&1 | count 0
// RUN: %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet --config="{CheckOptions: {connleak.UnknownCallees: use}}" %s -- %libpq 2>&1 | FileCheck --check-prefix=USE %s
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/options.c
// RUN: printf 'CheckOptions:\n  connleak.UnknownCallees: use\n' > %t/.clang-tidy
// RUN: not %connleak %t/options.c -- %libpq 2>&1 | FileCheck --check-prefix=USE %s
// USE: options.c:[[@LINE+8]]:18: warning: PostgreSQL connection acquired by 'PQconnectdb' is not released on every path [connleak-unreleased]

#include <libpq-fe.h>

/* Defined elsewhere, with no role in the model. */
void keepSomewhere(PGconn *conn);

void passedToUnknown(const char *info) {
  PGconn *conn = PQconnectdb(info);
  keepSomewhere(conn);
}

// Bad values: one error each, once for all checks and files, and no
// finding (the leak above is not reported with a wrong value).
// RUN: not %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet --config="{CheckOptions: {connleak.UnknownCallees: usee, connleak.StatesPerBlock: 0}}" %s %s -- %libpq 2>&1 | FileCheck --check-prefix=BAD %s --implicit-check-not=warning: --implicit-check-not=error:
// BAD-DAG: {{^}}error: invalid configuration value 'usee' for option 'connleak.UnknownCallees'; expected 'escape' or 'use' [clang-tidy-config]{{$}}
// BAD-DAG: {{^}}error: invalid configuration value '0' for option 'connleak.StatesPerBlock'; expected an integer of at least 1 [clang-tidy-config]{{$}}

// RUN: not %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet --config="{CheckOptions: {connleak.UnknownCallees: use, connleak.IgnoreAllocationFailure: no}}" %s -- %libpq 2>&1 | FileCheck --check-prefix=BADBOOL %s --implicit-check-not=warning: --implicit-check-not=error:
// BADBOOL: {{^}}error: invalid configuration value 'no' for option 'connleak.IgnoreAllocationFailure'; expected 'true' or 'false' [clang-tidy-config]{{$}}
// RUN: not %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet --config="{CheckOptions: {connleak.UnknownCallees: use, connleak.Solver: maybe}}" %s -- %libpq 2>&1 | FileCheck --check-prefix=BADSOLVER %s --implicit-check-not=warning: --implicit-check-not=error:
// BADSOLVER: {{^}}error: invalid configuration value 'maybe' for option 'connleak.Solver'; expected 'true' or 'false' [clang-tidy-config]{{$}}

// RUN: not %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet --config="{CheckOptions: {connleak.UnknownCallees: use, connleak.StatesPerBlock: -3}}" %s -- %libpq 2>&1 | FileCheck --check-prefix=NEGATIVE %s --implicit-check-not=warning: --implicit-check-not=error:
// NEGATIVE: {{^}}error: invalid configuration value '-3' for option 'connleak.StatesPerBlock'; expected an integer of at least 1 [clang-tidy-config]{{$}}

// An option named connleak.* that connleak does not have (misspelt) is an
// error too, not ignored.
// RUN: not %clang_tidy --load=%plugin --checks='-*,connleak-*' --quiet --config="{CheckOptions: {connleak.UnknownCallees: use, connleak.StatesPerBlok: 4}}" %s -- %libpq 2>&1 | FileCheck --check-prefix=UNKNOWN %s --implicit-check-not=warning: --implicit-check-not=error:
// UNKNOWN: {{^}}error: unknown option 'connleak.StatesPerBlok'; connleak's options are connleak.ConfigFile, connleak.IgnoreAllocationFailure, connleak.MaxStateEntries, connleak.MaxSteps, connleak.Solver, connleak.StatesPerBlock, connleak.Summaries and connleak.UnknownCallees [clang-tidy-config]{{$}}

// The driver reads every file's options before any analysis: each bad
// value is a configuration error (exit 2) naming the option, the value and
// the .clang-tidy file that gave it, once, and nothing is analysed.
// RUN: printf 'CheckOptions:\n  connleak.UnknownCallees: use\n  connleak.StatesPerBlock: abc\n' > %t/.clang-tidy
// RUN: %connleak %t/options.c %t/options.c -- %libpq > %t/abc.out 2>&1 || echo "exit=$?" >> %t/abc.out
// RUN: FileCheck --check-prefix=DRIVER -DDIR=%t %s --implicit-check-not=warning: --implicit-check-not=error: < %t/abc.out
// DRIVER: {{^}}connleak: error: [[DIR]]/.clang-tidy: invalid configuration value 'abc' for option 'connleak.StatesPerBlock'; expected an integer of at least 1{{$}}
// DRIVER-NEXT: {{^}}exit=2{{$}}

// RUN: printf 'CheckOptions:\n  connleak.UnknownCallees: Use\n  connleak.StatesPerBlock: 0\n  connleak.StatesPerBlok: 4\n' > %t/.clang-tidy
// RUN: %connleak %t/options.c -- %libpq > %t/many.out 2>&1 || echo "exit=$?" >> %t/many.out
// RUN: FileCheck --check-prefix=DRIVER-MANY -DDIR=%t %s --implicit-check-not=warning: --implicit-check-not=error: < %t/many.out
// DRIVER-MANY-DAG: {{^}}connleak: error: [[DIR]]/.clang-tidy: invalid configuration value '0' for option 'connleak.StatesPerBlock'; expected an integer of at least 1{{$}}
// DRIVER-MANY-DAG: {{^}}connleak: error: [[DIR]]/.clang-tidy: invalid configuration value 'Use' for option 'connleak.UnknownCallees'; expected 'escape' or 'use'{{$}}
// DRIVER-MANY-DAG: {{^}}connleak: error: [[DIR]]/.clang-tidy: unknown option 'connleak.StatesPerBlok'; connleak's options are connleak.ConfigFile, connleak.IgnoreAllocationFailure, connleak.MaxStateEntries, connleak.MaxSteps, connleak.Solver, connleak.StatesPerBlock, connleak.Summaries and connleak.UnknownCallees{{$}}
// DRIVER-MANY: {{^}}exit=2{{$}}

// A value too large for the budget is as wrong as a negative one.
// RUN: printf 'CheckOptions:\n  connleak.StatesPerBlock: -3\n' > %t/.clang-tidy
// RUN: not %connleak %t/options.c -- %libpq 2>&1 | FileCheck --check-prefix=DRIVER-NEGATIVE %s
// DRIVER-NEGATIVE: invalid configuration value '-3' for option 'connleak.StatesPerBlock'
// RUN: printf 'CheckOptions:\n  connleak.StatesPerBlock: 4294967296\n' > %t/.clang-tidy
// RUN: not %connleak %t/options.c -- %libpq 2>&1 | FileCheck --check-prefix=DRIVER-HUGE %s
// DRIVER-HUGE: invalid configuration value '4294967296' for option 'connleak.StatesPerBlock'
