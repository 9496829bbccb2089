//===--- SourceFiles.h - Source texts, each read and indexed once -*- C++ -*-//
//
// The writers quote source lines (fingerprints, SARIF snippets, the HTML
// report) and turn byte offsets into lines, character columns and UTF-16
// offsets. Each text is indexed once, so that a report's cost stays linear
// in the size of its files however many findings share one line: a 10 MiB
// line with 75,000 findings on it is one scan, not one per finding.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_DRIVER_SOURCEFILES_H
#define CONNLEAK_DRIVER_SOURCEFILES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <vector>

namespace connleak::driver {

/// UTF-16 code units in the UTF-8 \p Text: two for a character outside the
/// Basic Multilingual Plane (four UTF-8 bytes), one for any other.
unsigned utf16Length(llvm::StringRef Text);

/// One source text, with its line starts and counts of characters and
/// UTF-16 code units at regular checkpoints.
class SourceText {
public:
  /// Indexes \p Text, which must outlive this.
  explicit SourceText(llvm::StringRef Text);
  /// Indexes and keeps \p Buffer.
  explicit SourceText(std::unique_ptr<llvm::MemoryBuffer> Buffer);

  llvm::StringRef text() const { return Text; }

  unsigned lineCount() const { return LineStarts.size(); }

  /// The 1-based line of byte \p Offset.
  unsigned lineNumber(size_t Offset) const;

  /// Line \p Number (1-based) without its line end; empty past the end.
  llvm::StringRef line(unsigned Number) const;

  /// The line that holds byte \p Offset, without its line end.
  llvm::StringRef lineAt(size_t Offset) const;

  /// At most \p Before bytes before \p Offset and \p After bytes from it,
  /// within its line and cut at character boundaries.
  llvm::StringRef around(size_t Offset, size_t Before, size_t After) const;

  /// UTF-16 code units before byte \p Offset of the text.
  unsigned utf16Offset(size_t Offset) const;

  /// The 1-based column of byte \p Offset in Unicode code points, not
  /// counting a byte order mark at the start of the text.
  unsigned characterColumn(size_t Offset) const;

private:
  struct Checkpoint {
    unsigned Characters = 0;
    unsigned Utf16Units = 0;
  };

  /// The counts before byte \p Offset.
  Checkpoint countsBefore(size_t Offset) const;

  std::unique_ptr<llvm::MemoryBuffer> Owned;
  llvm::StringRef Text;
  std::vector<size_t> LineStarts;
  std::vector<Checkpoint> Checkpoints;
};

/// Source files read from disk, each read and indexed on first use.
class SourceFiles {
public:
  /// \p File's text; null when it cannot be read.
  const SourceText *get(llvm::StringRef File);

private:
  llvm::StringMap<std::unique_ptr<SourceText>> Texts;
};

} // namespace connleak::driver

#endif // CONNLEAK_DRIVER_SOURCEFILES_H
