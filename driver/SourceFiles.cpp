//===--- SourceFiles.cpp - Source texts, each read and indexed once -------===//

#include "SourceFiles.h"
#include <algorithm>

namespace connleak::driver {
namespace {

constexpr size_t CheckpointBytes = 4096;
constexpr llvm::StringLiteral ByteOrderMark = "\xEF\xBB\xBF";

bool isContinuationByte(char C) {
  return (static_cast<unsigned char>(C) & 0xC0) == 0x80;
}

unsigned characterCount(llvm::StringRef Text) {
  return llvm::count_if(Text, [](char C) { return !isContinuationByte(C); });
}

} // namespace

unsigned utf16Length(llvm::StringRef Text) {
  unsigned Units = 0;
  for (unsigned char C : Text)
    Units += isContinuationByte(C) ? 0 : (C >= 0xF0 ? 2 : 1);
  return Units;
}

SourceText::SourceText(llvm::StringRef Text) : Text(Text) {
  LineStarts.push_back(0);
  for (size_t I = 0; I < Text.size(); ++I)
    if (Text[I] == '\n')
      LineStarts.push_back(I + 1);
  Checkpoint Counts;
  for (size_t Start = 0; Start <= Text.size(); Start += CheckpointBytes) {
    Checkpoints.push_back(Counts);
    llvm::StringRef Block = Text.substr(Start, CheckpointBytes);
    Counts.Characters += characterCount(Block);
    Counts.Utf16Units += utf16Length(Block);
  }
}

SourceText::SourceText(std::unique_ptr<llvm::MemoryBuffer> Buffer)
    : SourceText(Buffer->getBuffer()) {
  Owned = std::move(Buffer);
}

unsigned SourceText::lineNumber(size_t Offset) const {
  return std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) -
         LineStarts.begin();
}

llvm::StringRef SourceText::line(unsigned Number) const {
  if (Number == 0 || Number > LineStarts.size())
    return "";
  size_t Begin = LineStarts[Number - 1];
  size_t End =
      Number < LineStarts.size() ? LineStarts[Number] - 1 : Text.size();
  return Text.slice(Begin, End).rtrim("\r");
}

llvm::StringRef SourceText::lineAt(size_t Offset) const {
  return line(lineNumber(Offset));
}

llvm::StringRef SourceText::around(size_t Offset, size_t Before,
                                   size_t After) const {
  llvm::StringRef Line = lineAt(Offset);
  size_t At = std::min(Offset - (Line.data() - Text.data()), Line.size());
  size_t Begin = At > Before ? At - Before : 0;
  size_t End = std::min(Line.size(), At + After);
  while (Begin > 0 && isContinuationByte(Line[Begin]))
    --Begin;
  while (End < Line.size() && isContinuationByte(Line[End]))
    ++End;
  return Line.slice(Begin, End);
}

SourceText::Checkpoint SourceText::countsBefore(size_t Offset) const {
  Offset = std::min(Offset, Text.size());
  size_t Index = Offset / CheckpointBytes;
  llvm::StringRef Rest = Text.slice(Index * CheckpointBytes, Offset);
  Checkpoint Counts = Checkpoints[Index];
  Counts.Characters += characterCount(Rest);
  Counts.Utf16Units += utf16Length(Rest);
  return Counts;
}

unsigned SourceText::utf16Offset(size_t Offset) const {
  return countsBefore(Offset).Utf16Units;
}

unsigned SourceText::characterColumn(size_t Offset) const {
  size_t LineStart = LineStarts[lineNumber(Offset) - 1];
  unsigned Column =
      countsBefore(Offset).Characters - countsBefore(LineStart).Characters + 1;
  if (LineStart == 0 && Text.starts_with(ByteOrderMark) &&
      Offset >= ByteOrderMark.size())
    --Column;
  return Column;
}

const SourceText *SourceFiles::get(llvm::StringRef File) {
  auto [It, Inserted] = Texts.try_emplace(File);
  if (Inserted)
    if (auto Buffer = llvm::MemoryBuffer::getFile(File))
      It->second = std::make_unique<SourceText>(std::move(*Buffer));
  return It->second.get();
}

} // namespace connleak::driver
