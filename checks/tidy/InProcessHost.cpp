//===--- InProcessHost.cpp - What an in-process caller provides -----------===//

#include "tidy/InProcessHost.h"

namespace connleak::tidy {

static thread_local InProcessHost *Current = nullptr;

ScopedInProcessHost::ScopedInProcessHost(InProcessHost &Host)
    : Previous(Current) {
  Current = &Host;
}

ScopedInProcessHost::~ScopedInProcessHost() { Current = Previous; }

InProcessHost *currentInProcessHost() { return Current; }

} // namespace connleak::tidy
