//===--- SourceFilesTest.cpp - Lines, columns and UTF-16 offsets ----------===//
//
// The driver's source index answers from line starts and checkpoints; each
// answer must equal the one a scan from the start of the text gives,
// including for characters that straddle a checkpoint.
//
//===----------------------------------------------------------------------===//

#include "SourceFiles.h"
#include "gtest/gtest.h"
#include <string>

namespace connleak::driver {
namespace {

/// The code points in \p Text, counted by a plain scan.
unsigned scannedCharacters(llvm::StringRef Text) {
  unsigned Count = 0;
  for (unsigned char C : Text)
    Count += (C & 0xC0) != 0x80;
  return Count;
}

/// A text of long lines mixing one- to four-byte characters, so that
/// characters of every width fall across checkpoints.
std::string mixedText() {
  const char *Pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                          " ", "\n",       "\r\n"};
  std::string Text = "\xEF\xBB\xBF";
  unsigned Seed = 7;
  while (Text.size() < 20000) {
    Seed = Seed * 1103515245 + 12345;
    unsigned Pick = (Seed >> 16) % 40;
    Text += Pieces[Pick < 5 ? Pick : (Pick < 39 ? Pick % 5 : 5 + Pick % 2)];
  }
  return Text;
}

bool startsCharacter(llvm::StringRef Text, size_t Offset) {
  return Offset == Text.size() || (Text[Offset] & 0xC0) != 0x80;
}

TEST(SourceText, AgreesWithAScanFromTheStart) {
  std::string Text = mixedText();
  SourceText Index(Text);
  llvm::StringRef T(Text);
  for (size_t Offset = 0; Offset <= T.size(); ++Offset) {
    if (!startsCharacter(T, Offset))
      continue;
    llvm::StringRef Before = T.take_front(Offset);
    size_t LineStart = Before.rfind('\n');
    LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
    unsigned Column = scannedCharacters(Before.drop_front(LineStart)) + 1;
    if (LineStart == 0 && Offset >= 3)
      --Column; // The byte order mark.
    ASSERT_EQ(Index.utf16Offset(Offset), utf16Length(Before)) << Offset;
    ASSERT_EQ(Index.lineNumber(Offset), Before.count('\n') + 1) << Offset;
    ASSERT_EQ(Index.characterColumn(Offset), Column) << Offset;
  }
}

TEST(SourceText, LinesHaveNoLineEnds) {
  SourceText Index(llvm::StringRef("one\r\ntwo\n\nfour"));
  EXPECT_EQ(Index.lineCount(), 4u);
  EXPECT_EQ(Index.line(1), "one");
  EXPECT_EQ(Index.line(2), "two");
  EXPECT_EQ(Index.line(3), "");
  EXPECT_EQ(Index.line(4), "four");
  EXPECT_EQ(Index.line(5), "");
  EXPECT_EQ(Index.lineAt(6), "two");
}

TEST(SourceText, AroundStaysInTheLineAndCutsAtCharacters) {
  // "x" then 10 euro signs (3 bytes each) then "y".
  std::string Line = "x";
  for (int I = 0; I < 10; ++I)
    Line += "\xE2\x82\xAC";
  Line += "y";
  std::string Text = "first\n" + Line + "\nlast";
  SourceText Index(Text);
  size_t LineStart = 6;
  size_t Y = LineStart + Line.size() - 1;
  EXPECT_EQ(Index.around(Y, 0, 100), "y");
  EXPECT_EQ(Index.around(LineStart, 100, 1), "x");
  // Four bytes before 'y' start in the middle of a euro sign: the cut
  // moves back to its first byte.
  EXPECT_EQ(Index.around(Y, 4, 1), "\xE2\x82\xAC\xE2\x82\xAC"
                                   "y");
  EXPECT_EQ(Index.around(LineStart, 0, 2), "x\xE2\x82\xAC");
}

} // namespace
} // namespace connleak::driver
