//===--- TidyErrors.cpp - A report in clang-tidy's own form ---------------===//

#include "TidyErrors.h"

using namespace clang;
using namespace clang::tidy;

namespace connleak::driver {
namespace {

tooling::DiagnosticMessage message(const Position &Where,
                                   llvm::StringRef Text) {
  tooling::DiagnosticMessage M(Text);
  M.FilePath = Where.File;
  M.FileOffset = Where.Offset;
  return M;
}

ClangTidyError toClangTidyError(const Diagnostic &D) {
  ClangTidyError Error(
      D.Check, D.isFinding() ? ClangTidyError::Warning : ClangTidyError::Error,
      /*BuildDirectory=*/"", /*IsWarningAsError=*/false);
  Error.Message = message(D.Where, D.Message);
  for (const auto &[Start, Length] : D.Ranges) {
    tooling::FileByteRange Range;
    Range.FilePath = Start.File;
    Range.FileOffset = Start.Offset;
    Range.Length = Length;
    Error.Message.Ranges.push_back(Range);
  }
  for (const Edit &E : D.Fixes)
    // One finding's edits come from one set, so they cannot conflict.
    llvm::cantFail(Error.Message.Fix[E.File].add(
        tooling::Replacement(E.File, E.Offset, E.Length, E.Text)));
  for (const Note &N : D.Notes)
    Error.Notes.push_back(message(N.Where, N.Message));
  return Error;
}

} // namespace

std::vector<ClangTidyError>
toClangTidyErrors(llvm::ArrayRef<Diagnostic> Diagnostics) {
  std::vector<ClangTidyError> Errors;
  for (const Diagnostic &D : Diagnostics)
    Errors.push_back(toClangTidyError(D));
  return Errors;
}

} // namespace connleak::driver
