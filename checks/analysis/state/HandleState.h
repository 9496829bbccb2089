//===--- HandleState.h - A handle's typestate -------------------*- C++ -*-===//
//
// The part of what a path knows of a handle that keeps paths apart (the ESP
// property): its typestate, whether its connection is open, and whether an
// exception passed it while it was live.
//
//   acquire --> MaybeNull --(checked non-null)--> Owned --release--> Released
//                  |                                |
//                  +--(checked null)--> Null        +--returned, stored
//                                                   |  outside, transferred
//                                                   +--> Escaped
//
//   parameter --> Borrowed --release--> Released --release, use--> reported
//
// A handle that is MaybeNull or Owned when its last reference is lost, or at
// a function exit, leaks. A Borrowed handle (a pointer parameter, which the
// caller may own) never leaks, but releasing it twice is reported like any
// other double release. Unknown is what a forced merge of two different
// typestates gives; it is never reported.
//
// A handle of a family with connects (ODBC) also has a connection state:
// Closed --connect--> MaybeOpen --(its result tested)--> Open or Closed,
// and a disconnect closes it. Releasing it while MaybeOpen or Open fails,
// which is a leak at that release.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_STATE_HANDLESTATE_H
#define CONNLEAK_ANALYSIS_STATE_HANDLESTATE_H

#include <cstdint>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace connleak {

/// Whether a handle's connection is open (ODBC's SQLConnect); a handle whose
/// connection may be open cannot be released until it is disconnected.
enum class Connection : uint8_t {
  Closed,
  MaybeOpen, ///< A connect ran, and its result is not known.
  Open,
  Unknown ///< A forced merge of different states; never reported.
};

class HandleState {
public:
  enum class Kind : uint8_t {
    MaybeNull,
    Owned,
    Released,
    Escaped,
    Null,
    Borrowed,
    Unknown
  };

  /// Just acquired: maybe NULL, connection closed.
  HandleState() = default;
  static HandleState acquired() { return HandleState(); }
  /// A pointer parameter's or capture's value at the function's entry.
  static HandleState borrowed() { return HandleState(Kind::Borrowed); }

  Kind kind() const { return K; }
  /// MaybeNull or Owned: losing its last reference leaks it.
  bool isLive() const { return K == Kind::MaybeNull || K == Kind::Owned; }
  /// Live or released: it may still be reported. A borrowed one that
  /// nothing has released keeps no paths apart (a release makes it
  /// Released); escaped, Null and Unknown ones are never reported.
  bool mayMatter() const { return isLive() || K == Kind::Released; }
  void set(Kind New) { K = New; }

  Connection connection() const { return Connected; }
  void setConnection(Connection C) { Connected = C; }

  /// Whether an exception was thrown and caught while the handle was live:
  /// its leaks are then on the exception's path.
  bool passedByException() const { return Thrown; }
  void markPassedByException() { Thrown = true; }

  /// Whether a borrowed pointer escaped on one of the paths joined into
  /// this one: it stays Borrowed, so that its double releases are still
  /// reported, but a summary cannot say the helper left it untouched.
  bool escapedOnAJoinedPath() const { return JoinedEscape; }
  void markEscapedOnAJoinedPath() { JoinedEscape = true; }

  bool operator==(const HandleState &O) const {
    return K == O.K && Connected == O.Connected && Thrown == O.Thrown &&
           JoinedEscape == O.JoinedEscape;
  }
  bool operator!=(const HandleState &O) const { return !(*this == O); }

  /// `owned`, `maybe-null/open`, `unknown/thrown`.
  void dump(llvm::raw_ostream &OS) const;

private:
  explicit HandleState(Kind K) : K(K) {}
  Kind K = Kind::MaybeNull;
  Connection Connected = Connection::Closed;
  bool Thrown = false;
  bool JoinedEscape = false;
};

/// The typestates, by their usual name.
using Typestate = HandleState::Kind;

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_STATE_HANDLESTATE_H
