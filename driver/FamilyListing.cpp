//===--- FamilyListing.cpp - The families the model knows, for people -----===//

#include "FamilyListing.h"

namespace connleak::driver {

/// The acquire as a call: `PQconnectdb` for a return value,
/// `SQLAllocHandle(SQL_HANDLE_ENV, ..., &h)` for an out-parameter.
static std::string acquireCall(const AcquireRule &A) {
  if (A.Output == HandleOutput::ReturnValue && !A.Requires)
    return A.Function;
  unsigned Last = A.Output == HandleOutput::OutParameter ? A.Param : 0;
  if (A.Requires)
    Last = std::max(Last, A.Requires->Param);
  std::string Call = A.Function + "(";
  bool Elided = false; // The previous argument was shown as `...`.
  for (unsigned I = 0; I <= Last; ++I) {
    std::string Arg = "...";
    if (A.Output == HandleOutput::OutParameter && I == A.Param)
      Arg = "&h";
    else if (A.Requires && I == A.Requires->Param)
      Arg = A.Requires->Spelling;
    if (Arg == "..." && Elided)
      continue;
    Elided = Arg == "...";
    Call += (I ? ", " : "") + Arg;
  }
  return Call + ")";
}

/// For a family whose open connections must be closed before the release:
/// `SQLDisconnect(h) first, once connected by SQLConnect, ...`, with each
/// name between \p Quote.
static std::string disconnectNote(const Family &F, const std::string &Quote) {
  std::string Connects;
  for (const std::string &C : F.Connects)
    Connects += (Connects.empty() ? "" : ", ") + Quote + C + Quote;
  return Quote + F.Disconnects.front() + "(h)" + Quote +
         " first, once connected by " + Connects;
}

/// The family's description, and for an integer handle its failure value:
/// `socket (integer handle; -1 is none)`.
static std::string handleKind(const Family &F) {
  if (!F.FailureValue)
    return F.Description;
  return F.Description + " (integer handle; " +
         std::to_string(*F.FailureValue) + " is none)";
}

static std::string releaseNote(const ReleaseRule &R) {
  return R.Pool ? " (to the pool it came from)" : "";
}

static std::string acquireNote(const AcquireRule &A) {
  return A.OnFailure == FailureRule::OwnedEvenOnFailure
             ? " (owned even on failure)"
             : "";
}

void listFamiliesAsText(const ResourceModel &Model, llvm::raw_ostream &OS) {
  for (const auto &F : Model.families()) {
    OS << F->Name << ": " << handleKind(*F) << "\n";
    for (const AcquireRule &A : F->Acquires)
      OS << "  acquired by   " << acquireCall(A) << acquireNote(A) << "\n";
    for (const ReleaseRule &R : F->Releases)
      OS << "  released by   " << R.spell("h") << releaseNote(R) << "\n";
    for (const std::string &All : F->ReleasesAll)
      OS << "  released by   " << All << " (every handle at once)\n";
    if (!F->Disconnects.empty())
      OS << "  released with " << disconnectNote(*F, "") << "\n";
    for (const std::string &T : F->Transfers)
      OS << "  taken over by " << T << "\n";
    for (const std::string &U : F->Uses)
      OS << "  used by       " << U << "\n";
  }
}

/// `a`, `b`, joined for a table cell.
static std::string cell(const std::vector<std::string> &Items) {
  std::string Cell;
  for (const std::string &Item : Items)
    Cell += (Cell.empty() ? "" : ", ") + Item;
  return Cell;
}

void listFamiliesAsMarkdown(const ResourceModel &Model, llvm::raw_ostream &OS) {
  OS << "| Family | Handle | Acquired by | Released by |\n"
     << "|---|---|---|---|\n";
  for (const auto &F : Model.families()) {
    std::vector<std::string> Acquires, Releases;
    for (const AcquireRule &A : F->Acquires)
      Acquires.push_back("`" + acquireCall(A) + "`" + acquireNote(A));
    for (const ReleaseRule &R : F->Releases)
      Releases.push_back("`" + R.spell("h") + "`" + releaseNote(R));
    for (const std::string &All : F->ReleasesAll)
      Releases.push_back("`" + All + "` (every handle at once)");
    for (const std::string &T : F->Transfers)
      Releases.push_back("`" + T + "` (takes it over)");
    if (!F->Disconnects.empty())
      Releases.push_back(disconnectNote(*F, "`"));
    OS << "| `" << F->Name << "` | " << handleKind(*F) << " | "
       << cell(Acquires) << " | " << cell(Releases) << " |\n";
  }
}

} // namespace connleak::driver
