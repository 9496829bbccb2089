//===--- Inputs.h - Which translation units a run analyses ------*- C++ -*-===//
//
// The files named on the command line and in --files-from, or every file of
// the compilation database, narrowed by the --include and --exclude globs.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_INPUTS_H
#define CONNLEAK_DRIVER_INPUTS_H

#include "clang/Tooling/CompilationDatabase.h"
#include <optional>
#include <string>
#include <vector>

namespace connleak::driver {

/// --shard=K/N: the K-th of N parts of the files, K from 1.
struct Shard {
  unsigned Index;
  unsigned Count;
};
std::optional<Shard> requestedShard();

/// The files named as arguments and in --files-from, as given.
const std::vector<std::string> &namedFiles();

/// The files to analyse, absolute, in the order given (the database's in
/// path order when none is named); with --shard=K/N, the K-th of N blocks
/// of them, of sizes that differ by one at most, so that the shards in
/// order analyse the files of the whole run in its order.
std::vector<std::string>
selectInputs(const clang::tooling::CompilationDatabase &DB);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_INPUTS_H
