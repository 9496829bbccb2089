//===--- Report.cpp - What a run found, as plain data ---------------------===//

#include "Report.h"
#include "llvm/Support/MemoryBuffer.h"

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

unsigned characterColumn(llvm::StringRef Text, unsigned Offset) {
  llvm::StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef InLine = Before.drop_front(LineStart);
  // A byte order mark is no character an editor shows.
  if (LineStart == 0)
    InLine.consume_front("\xEF\xBB\xBF");
  unsigned Column = 1;
  for (unsigned char C : InLine)
    Column += (C & 0xC0) != 0x80; // Continuation bytes start no character.
  return Column;
}

Position FilePositions::at(llvm::StringRef File, unsigned Offset) {
  Position P{File.str(), Offset};
  auto [It, Inserted] = Texts.try_emplace(File);
  if (Inserted)
    if (auto Buffer = llvm::MemoryBuffer::getFile(File))
      It->second = std::move(*Buffer);
  if (!It->second || Offset > It->second->getBufferSize())
    return P;
  llvm::StringRef Text = It->second->getBuffer();
  llvm::StringRef Before = Text.take_front(Offset);
  P.Line = Before.count('\n') + 1;
  size_t LineStart = Before.rfind('\n');
  P.Column =
      Offset - (LineStart == llvm::StringRef::npos ? 0 : LineStart + 1) + 1;
  P.CharColumn = characterColumn(Text, Offset);
  return P;
}

} // namespace connleak::driver
