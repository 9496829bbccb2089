//===--- HandleState.cpp - A handle's typestate ---------------------------===//

#include "analysis/state/HandleState.h"
#include "llvm/Support/raw_ostream.h"

namespace connleak {

static const char *kindName(HandleState::Kind K) {
  switch (K) {
  case Typestate::MaybeNull:
    return "maybe-null";
  case Typestate::Owned:
    return "owned";
  case Typestate::Released:
    return "released";
  case Typestate::Escaped:
    return "escaped";
  case Typestate::Null:
    return "null";
  case Typestate::Borrowed:
    return "borrowed";
  case Typestate::Unknown:
    return "unknown";
  }
  return "?";
}

static const char *connectionName(Connection C) {
  switch (C) {
  case Connection::Closed:
    return "closed";
  case Connection::MaybeOpen:
    return "maybe-open";
  case Connection::Open:
    return "open";
  case Connection::Unknown:
    return "unknown-connection";
  }
  return "?";
}

void HandleState::dump(llvm::raw_ostream &OS) const {
  OS << kindName(K);
  if (Connected != Connection::Closed)
    OS << "/" << connectionName(Connected);
  if (Thrown)
    OS << "/thrown";
  if (JoinedEscape)
    OS << "/escaped-on-a-joined-path";
}

} // namespace connleak
