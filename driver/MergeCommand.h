//===--- MergeCommand.h - connleak merge: one report from shards -*- C++
//-*-===//
//
//   connleak merge [-o <file>] <report>...
//
// Joins the JSON reports of shards (--shard=K/N) into the report a single
// run would have written: the shards in order, a header's finding once, the
// summary added up; or joins SARIF logs (in the order given) into one run
// with one list of rules and artifacts.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_MERGECOMMAND_H
#define CONNLEAK_DRIVER_MERGECOMMAND_H

#include "llvm/ADT/ArrayRef.h"

namespace connleak::driver {

/// Runs `connleak merge` with the arguments after `merge`; returns the exit
/// code a run with the merged findings would have.
int mergeCommand(llvm::ArrayRef<const char *> Args);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_MERGECOMMAND_H
