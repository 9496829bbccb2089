//===--- FindingSink.cpp - Findings for in-process clang-tidy users -------===//

#include "tidy/FindingSink.h"

namespace connleak::tidy {

static thread_local FindingSink *Current = nullptr;

ScopedFindingSink::ScopedFindingSink(FindingSink &Sink) : Previous(Current) {
  Current = &Sink;
}

ScopedFindingSink::~ScopedFindingSink() { Current = Previous; }

FindingSink *currentFindingSink() { return Current; }

} // namespace connleak::tidy
