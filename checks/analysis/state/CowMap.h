//===--- CowMap.h - A std::map whose copies share it until written -*- C++ -*-//
//
// Path states are copied at every block and at both arms of every branch,
// and most copies change little or nothing. A CowMap has std::map's
// interface, but a copy only shares the other's map; the first access
// through a non-const member gives it a map of its own. Reads through a
// const reference never copy, and two maps that share compare equal at
// once. The count is not atomic: a state belongs to one function's walk.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_STATE_COWMAP_H
#define CONNLEAK_ANALYSIS_STATE_COWMAP_H

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include <map>

namespace connleak {

template <typename K, typename V> class CowMap {
  using Map = std::map<K, V>;
  struct Shared : llvm::RefCountedBase<Shared> {
    Map Entries;
  };

public:
  using key_type = K;
  using mapped_type = V;
  using value_type = typename Map::value_type;
  using iterator = typename Map::iterator;
  using const_iterator = typename Map::const_iterator;

  const_iterator begin() const { return read().begin(); }
  const_iterator end() const { return read().end(); }
  iterator begin() { return write().begin(); }
  iterator end() { return write().end(); }

  size_t size() const { return Data ? Data->Entries.size() : 0; }
  bool empty() const { return size() == 0; }
  size_t count(const K &Key) const { return read().count(Key); }
  const_iterator find(const K &Key) const { return read().find(Key); }
  iterator find(const K &Key) { return write().find(Key); }
  const_iterator lower_bound(const K &Key) const {
    return read().lower_bound(Key);
  }
  iterator lower_bound(const K &Key) { return write().lower_bound(Key); }
  const V &at(const K &Key) const { return read().at(Key); }
  V &at(const K &Key) { return write().at(Key); }

  V &operator[](const K &Key) { return write()[Key]; }
  template <typename... Args> auto emplace(Args &&...A) {
    return write().emplace(std::forward<Args>(A)...);
  }
  size_t erase(const K &Key) { return count(Key) ? write().erase(Key) : 0; }
  iterator erase(iterator It) { return write().erase(It); }
  void clear() { Data = nullptr; }

  bool operator==(const CowMap &O) const {
    return shares(O) || read() == O.read();
  }
  bool operator!=(const CowMap &O) const { return !(*this == O); }
  /// Whether the two share one map, so hold the same entries.
  bool shares(const CowMap &O) const { return Data == O.Data; }

private:
  const Map &read() const {
    static const Map Empty;
    return Data ? Data->Entries : Empty;
  }
  Map &write() {
    if (!Data)
      Data = new Shared();
    else if (Data->UseCount() > 1)
      Data = new Shared(*Data);
    return Data->Entries;
  }

  llvm::IntrusiveRefCntPtr<Shared> Data;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_STATE_COWMAP_H
