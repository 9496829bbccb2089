//===--- Report.cpp - What a run found, as plain data ---------------------===//

#include "Report.h"

namespace connleak::driver {

std::vector<LeakingExit> leakingExits(const Diagnostic &D) {
  std::vector<LeakingExit> Exits;
  for (const Note &N : D.Notes) {
    if (N.Kind == NoteKind::LeakingExit)
      Exits.push_back({&N, {}});
    else if (!Exits.empty() && N.Kind && N.Kind != NoteKind::Hint)
      Exits.back().Steps.push_back(&N);
  }
  return Exits;
}

llvm::StringRef noteKindName(std::optional<NoteKind> Kind) {
  if (!Kind)
    return "context";
  switch (*Kind) {
  case NoteKind::Acquired:
    return "acquired";
  case NoteKind::LeakingExit:
    return "leakingExit";
  case NoteKind::Branch:
    return "branch";
  case NoteKind::Event:
    return "event";
  case NoteKind::NoFix:
    return "noFix";
  case NoteKind::FixedTogether:
    return "fixedTogether";
  case NoteKind::Hint:
    return "hint";
  }
  llvm_unreachable("unknown note kind");
}

Position FilePositions::at(llvm::StringRef File, unsigned Offset) {
  Position P{File.str(), Offset};
  const SourceText *Text = Files.get(File);
  if (!Text || Offset > Text->text().size())
    return P;
  P.Line = Text->lineNumber(Offset);
  P.Column = Offset - (Text->line(P.Line).data() - Text->text().data()) + 1;
  P.CharColumn = Text->characterColumn(Offset);
  return P;
}

} // namespace connleak::driver
