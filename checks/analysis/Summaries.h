//===--- Summaries.h - What same-TU helpers do to handles -------*- C++ -*-===//
//
// Private to checks/analysis. A helper whose body is in the translation unit
// is analysed in the context of each call: its integer parameters take the
// values the caller knows, its pointer parameters start Borrowed. Its exits
// then say, per parameter, whether the helper released it on every path,
// left it alone on every path, or did something else (released it on some
// paths only, stored it, passed it on to a function nobody knows), and
// whether it returns a fresh handle of one family (an acquire wrapper).
// Depth is bounded and a helper already being summarised is not entered
// again, so recursion terminates.
//
// A function of another translation unit has a summary of the same kind,
// read from a summary file (`connleak summarize`, docs/cross-tu.md): an
// ExternalSummary names families by name and the function by its USR, so
// that it outlives the unit it was made in; TUContext turns it into a
// FunctionSummary for the unit that calls the function.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_SUMMARIES_H
#define CONNLEAK_ANALYSIS_SUMMARIES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace connleak {

struct Family;

/// How deep helpers are entered from the function being checked.
constexpr unsigned MaxSummaryDepth = 3;

struct ParamEffect {
  enum class Kind : uint8_t {
    Untouched, ///< Used at most, on every path: the caller still owns it.
    Released,  ///< Released by Fam on every path.
    Other,     ///< Anything else: the caller treats it as escaped.
  };
  Kind EffectKind = Kind::Untouched;
  const Family *Fam = nullptr;
  /// The family's function that released it, for use-after-release.
  const clang::FunctionDecl *Api = nullptr;
};

struct FunctionSummary {
  /// One per parameter, then, for a lambda, one per capture.
  std::vector<ParamEffect> Params;
  /// Whether some exit said something about the parameter.
  std::vector<bool> ParamSeen;
  /// Per parameter, whether the helper only uses it on every path that an
  /// exception leaves it by (it cannot have released it before it threw).
  std::vector<bool> UsedOnlyWhenThrowing;
  /// Set when every return yields a fresh handle of this family or NULL.
  const Family *Returns = nullptr;
  /// The acquire call that produced the returned handle, innermost first.
  const clang::Expr *ReturnOrigin = nullptr;
  bool ReturnsOther = false;
  /// The bounds of the integers every return yields, unless one yields
  /// an integer the engine does not know (ReturnsAnyInt).
  std::optional<std::pair<int64_t, int64_t>> ReturnsInts;
  bool ReturnsAnyInt = false;
  bool SawExit = false;
  /// Functions of other units its walk gave a handle to: where the helper
  /// is given one of the caller's own, the caller consulted them too
  /// (TUContext::Consulted).
  llvm::SmallSetVector<const clang::FunctionDecl *, 4> Consulted;
};

/// A helper and the integer arguments known at the call.
using SummaryKey =
    std::pair<const clang::FunctionDecl *, std::vector<std::optional<int64_t>>>;

/// The key of \p D, a function or a variable, in a summary file: Clang's
/// USR of its canonical declaration (stable across units; a C++ function's
/// includes the signature); empty when Clang makes none.
std::string usrOf(const clang::Decl &D);

/// What a function does to one parameter, as a summary file says it.
struct ExternalEffect {
  enum class Kind : uint8_t {
    Use,     ///< Used at most, on every path: the caller still owns it.
    Release, ///< Released, as Family, on every path.
    Escape,  ///< Anything else: kept, released on some paths, passed on.
  };
  Kind EffectKind = Kind::Escape;
  std::string Family; ///< Set for Kind::Release.

  bool operator==(const ExternalEffect &O) const {
    return EffectKind == O.EffectKind && Family == O.Family;
  }
};

/// What one function defined in some translation unit does to handles.
struct ExternalSummary {
  std::string Usr;  ///< The key: Clang's USR of the function.
  std::string Name; ///< Its qualified name, for people reading the file.
  /// One per parameter, in order.
  std::vector<ExternalEffect> Params;
  /// The family of the fresh handle (or NULL) every return yields; empty
  /// when it returns no handle.
  std::string Returns;
  /// The integer every call returns, when its body is `return <constant>;`.
  std::optional<int64_t> ReturnsValue;
  bool NeverReturns = false;

  bool operator==(const ExternalSummary &O) const {
    return Usr == O.Usr && Params == O.Params && Returns == O.Returns &&
           ReturnsValue == O.ReturnsValue && NeverReturns == O.NeverReturns;
  }
};

/// What the units of a run say of one integer variable with external
/// linkage: the value its definition gives it, and whether some unit
/// writes it or takes its address. One that nothing writes keeps its value
/// on every path of the program (`int globalTrue = 1;` defined in one file
/// and tested in others).
struct ExternalVariable {
  std::string Usr;  ///< The key: Clang's USR of the variable.
  std::string Name; ///< Its qualified name, for people reading the file.
  /// What its definition gives it; unset when no unit defines it with a
  /// constant, or two definitions disagree.
  std::optional<int64_t> Value;
  bool Written = false;

  bool operator==(const ExternalVariable &O) const {
    return Usr == O.Usr && Value == O.Value && Written == O.Written;
  }

  /// Its value on every path of the program, when that is known.
  std::optional<int64_t> constant() const {
    return Written ? std::nullopt : Value;
  }
};

/// The summaries of a run, by USR.
class SummaryTable {
public:
  /// Adds \p S; a function summarised twice (a header's inline function,
  /// shards that overlap) keeps what both summaries agree on.
  void add(ExternalSummary S);
  /// Adds what one unit says of a variable: a write in any unit makes it
  /// written; definitions that disagree leave no value.
  void add(ExternalVariable V);
  void merge(const SummaryTable &Other);
  /// Replaces this table's summary of each function \p Newer has. The
  /// units behind a variable's entry are not known, so a variable is
  /// merged: a write another unit made stays, a new value replaces the old.
  void overrideWith(const SummaryTable &Newer);
  /// The entries of this table that \p Old lacks or says otherwise.
  SummaryTable changedSince(const SummaryTable &Old) const;
  const ExternalSummary *find(llvm::StringRef Usr) const;
  const ExternalVariable *findVariable(llvm::StringRef Usr) const;
  bool empty() const { return ByUsr.empty() && Variables.empty(); }
  /// The number of functions summarised.
  size_t size() const { return ByUsr.size(); }

  /// The summaries sorted by USR, so that the file is stable.
  std::vector<const ExternalSummary *> sorted() const;
  std::vector<const ExternalVariable *> sortedVariables() const;

private:
  llvm::StringMap<ExternalSummary> ByUsr;
  llvm::StringMap<ExternalVariable> Variables;
};

/// The version a summary file is written with; a file of another version
/// is an error.
constexpr unsigned SummaryFileVersion = 1;

/// Reads the summary file \p Path; a ConfigError (file, line, column) when
/// it cannot be read or is not a summary file of this version.
llvm::Expected<SummaryTable> loadSummaryFile(llvm::StringRef Path);

/// Writes \p Table as a summary file.
void writeSummaryFile(const SummaryTable &Table, llvm::raw_ostream &OS);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_SUMMARIES_H
