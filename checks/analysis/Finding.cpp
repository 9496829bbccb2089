//===--- Finding.cpp - What the engine reports ----------------------------===//

#include "analysis/Finding.h"
#include "llvm/Support/ErrorHandling.h"

namespace connleak {

llvm::StringRef checkName(CheckKind Kind) {
  switch (Kind) {
#define CONNLEAK_CHECK(Kind, Name, Description)                                \
  case CheckKind::Kind:                                                        \
    return Name;
#include "Checks.def"
  }
  llvm_unreachable("unknown check kind");
}

} // namespace connleak
