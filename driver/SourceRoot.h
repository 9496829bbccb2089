//===--- SourceRoot.h - Where report paths are relative to ------*- C++ -*-===//
//
// SARIF, Code Quality and the baseline's fingerprints name files relative to
// one source root, so that a report does not depend on the machine or the
// working directory it was made in; SARIF also names the git commit.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_SOURCEROOT_H
#define CONNLEAK_DRIVER_SOURCEROOT_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace connleak::driver {

/// The absolute source root: --source-root; else the top of the git
/// checkout around the working directory; else the root an earlier report
/// given as --baseline recorded; else the working directory.
const std::string &sourceRoot();

/// \p Path relative to sourceRoot(), or as it is when it is not below it.
std::string relativeToSourceRoot(llvm::StringRef Path);

/// The git checkout the source root is in.
struct GitCheckout {
  std::string RepositoryUri; ///< The `origin` remote, or the root's file URI.
  std::string RevisionId;    ///< The commit checked out.
  std::string Branch;        ///< Empty when HEAD is detached.
};

/// The checkout, when the source root is in one and git can say which.
std::optional<GitCheckout> gitCheckout();

/// `file:///a/b%20c.c`: \p Path percent-encoded as a URI; a relative path
/// gives a relative reference.
std::string fileUri(llvm::StringRef Path);

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_SOURCEROOT_H
