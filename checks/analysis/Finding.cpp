//===--- Finding.cpp - What the engine reports ----------------------------===//

#include "analysis/Finding.h"
#include "llvm/Support/ErrorHandling.h"

namespace connleak {

llvm::StringRef checkName(CheckKind Kind) {
  switch (Kind) {
  case CheckKind::Unreleased:
    return "connleak-unreleased";
  case CheckKind::UnreleasedOnException:
    return "connleak-unreleased-on-exception";
  case CheckKind::DoubleRelease:
    return "connleak-double-release";
  case CheckKind::UseAfterRelease:
    return "connleak-use-after-release";
  case CheckKind::MismatchedRelease:
    return "connleak-mismatched-release";
  }
  llvm_unreachable("unknown check kind");
}

} // namespace connleak
