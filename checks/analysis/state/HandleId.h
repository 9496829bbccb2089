//===--- HandleId.h - Which handle a path follows ---------------*- C++ -*-===//
//
// A handle is named by where it came from: the acquire site that made it
// (two generations per site, so a loop that acquires again while the
// previous handle is still referenced keeps both apart), or the pointer
// parameter or capture whose value it is at the function's entry. The
// numbering is private to this type.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_STATE_HANDLEID_H
#define CONNLEAK_ANALYSIS_STATE_HANDLEID_H

#include "llvm/ADT/DenseMapInfo.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>

namespace connleak {

class HandleId {
public:
  HandleId() = default;
  /// The handle the \p Site-th acquire site of a function made last.
  static HandleId acquiredAt(unsigned Site) { return HandleId(2 * Site); }
  /// The value pointer parameter (or, past the parameters, capture)
  /// \p Param had at the function's entry.
  static HandleId borrowed(unsigned Param) {
    return HandleId(FirstBorrowed + Param);
  }

  /// Whether it is a parameter's or a capture's value at the entry.
  bool isBorrowed() const { return Raw >= FirstBorrowed; }
  /// The slot an acquired handle moves to when its site acquires again.
  HandleId olderGeneration() const { return HandleId(Raw + 1); }

  bool operator==(HandleId O) const { return Raw == O.Raw; }
  bool operator!=(HandleId O) const { return Raw != O.Raw; }
  bool operator<(HandleId O) const { return Raw < O.Raw; }
  uint64_t hash() const { return Raw; }

  /// `h4` for an acquired handle, `p1` for the second parameter's, in dumps.
  friend llvm::raw_ostream &operator<<(llvm::raw_ostream &OS, HandleId H) {
    if (H.isBorrowed())
      return OS << "p" << H.Raw - FirstBorrowed;
    return OS << "h" << H.Raw;
  }

private:
  static constexpr unsigned FirstBorrowed = 1u << 30;
  explicit HandleId(unsigned Raw) : Raw(Raw) {}
  unsigned Raw = 0;

  friend struct llvm::DenseMapInfo<HandleId>;
};

} // namespace connleak

template <> struct llvm::DenseMapInfo<connleak::HandleId> {
  static connleak::HandleId getEmptyKey() {
    return connleak::HandleId(DenseMapInfo<unsigned>::getEmptyKey());
  }
  static connleak::HandleId getTombstoneKey() {
    return connleak::HandleId(DenseMapInfo<unsigned>::getTombstoneKey());
  }
  static unsigned getHashValue(connleak::HandleId H) {
    return DenseMapInfo<unsigned>::getHashValue(H.Raw);
  }
  static bool isEqual(connleak::HandleId A, connleak::HandleId B) {
    return A == B;
  }
};

#endif // CONNLEAK_ANALYSIS_STATE_HANDLEID_H
