//===--- FixIts.cpp - Releases inserted before leaking exits --------------===//

#include "analysis/diagnose/FixIts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace connleak {
namespace {

/// The text of the line of \p Loc, from its start.
llvm::StringRef lineOf(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Text = SM.getBufferData(File);
  return Text.substr(Text.substr(0, Offset).rfind('\n') + 1);
}

/// The white space that starts the line of \p Loc.
std::string indentation(SourceLocation Loc, const SourceManager &SM) {
  return lineOf(Loc, SM)
      .take_while([](char C) { return C == ' ' || C == '\t'; })
      .str();
}

/// Whether \p Loc has only white space before it on its line.
bool startsLine(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Before = SM.getBufferData(File).substr(0, Offset);
  llvm::StringRef Line = Before.substr(Before.rfind('\n') + 1);
  return Line.find_first_not_of(" \t") == llvm::StringRef::npos;
}

/// The file's line ending, as found at the end of the line of \p Loc.
std::string lineEnding(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Rest = SM.getBufferData(File).substr(Offset);
  size_t NewLine = Rest.find('\n');
  return NewLine != llvm::StringRef::npos && NewLine > 0 &&
                 Rest[NewLine - 1] == '\r'
             ? "\r\n"
             : "\n";
}

/// The text of \p S in its file, or an invalid range when a macro makes
/// part of it.
CharSourceRange fileRange(const Stmt *S, const ASTContext &Ctx) {
  return Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(S->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
}

/// Just after the `;` that follows \p End with only blanks between, or an
/// invalid location.
SourceLocation afterSemicolon(SourceLocation End, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(End);
  llvm::StringRef Rest = SM.getBufferData(File).substr(Offset);
  size_t Semi = Rest.find_first_not_of(" \t");
  if (Semi == llvm::StringRef::npos || Rest[Semi] != ';')
    return {};
  return End.getLocWithOffset(Semi + 1);
}

/// Where an opening brace goes for a branch or loop body \p Body of
/// \p Parent: just after the closing parenthesis or the `else`.
SourceLocation braceLocation(const Stmt *Parent, const Stmt *Body,
                             const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation Before;
  if (const auto *If = dyn_cast<IfStmt>(Parent)) {
    if (If->getThen() == Body)
      Before = If->getRParenLoc();
    else if (If->getElse() == Body)
      Before = If->getElseLoc();
  } else if (const auto *While = dyn_cast<WhileStmt>(Parent)) {
    if (While->getBody() == Body)
      Before = While->getRParenLoc();
  } else if (const auto *For = dyn_cast<ForStmt>(Parent)) {
    if (For->getBody() == Body)
      Before = For->getRParenLoc();
  } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent)) {
    if (Range->getBody() == Body)
      Before = Range->getRParenLoc();
  }
  if (Before.isInvalid() || !Before.isFileID())
    return {};
  return Lexer::getLocForEndOfToken(Before, 0, SM, LO);
}

} // namespace

std::vector<FixItHint> insertBeforeStatement(const Stmt *Exit,
                                             llvm::ArrayRef<std::string> Calls,
                                             const ParentMap &PM,
                                             ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = fileRange(Exit, Ctx);
  if (Range.isInvalid() || Calls.empty())
    return {};
  SourceLocation Begin = Range.getBegin();
  std::string Eol = lineEnding(Begin, SM);
  std::string Indent = indentation(Begin, SM);
  const Stmt *Parent = PM.getParent(Exit);
  if (isa_and_nonnull<CompoundStmt, SwitchCase, LabelStmt>(Parent)) {
    if (!startsLine(Begin, SM))
      return {FixItHint::CreateInsertion(Begin, llvm::join(Calls, " ") + " ")};
    return {FixItHint::CreateInsertion(Begin, llvm::join(Calls, Eol + Indent) +
                                                  Eol + Indent)};
  }
  // An unbraced body: brace it, on one line if it shares the line of its
  // branch.
  if (!Parent || fileRange(Parent, Ctx).isInvalid())
    return {};
  SourceLocation Open = braceLocation(Parent, Exit, Ctx);
  SourceLocation AfterSemi = afterSemicolon(Range.getEnd(), SM);
  if (Open.isInvalid() || AfterSemi.isInvalid())
    return {};
  if (SM.getSpellingLineNumber(Open) == SM.getSpellingLineNumber(Begin))
    return {FixItHint::CreateInsertion(Open, " {"),
            FixItHint::CreateInsertion(Begin, llvm::join(Calls, " ") + " "),
            FixItHint::CreateInsertion(AfterSemi, " }")};
  std::string ParentIndent = indentation(Parent->getBeginLoc(), SM);
  return {FixItHint::CreateInsertion(Open, " {"),
          FixItHint::CreateInsertion(Begin, llvm::join(Calls, Eol + Indent) +
                                                Eol + Indent),
          FixItHint::CreateInsertion(AfterSemi, Eol + ParentIndent + "}")};
}

std::vector<FixItHint> insertAtEndOfScope(const CompoundStmt *Scope,
                                          llvm::ArrayRef<std::string> Calls,
                                          ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Close = Scope->getRBracLoc();
  if (fileRange(Scope, Ctx).isInvalid() || Scope->body_empty() ||
      Calls.empty() || !startsLine(Close, SM))
    return {};
  std::string Eol = lineEnding(Close, SM);
  std::string Indent = indentation(Scope->body_back()->getBeginLoc(), SM);
  SourceLocation LineStart =
      Close.getLocWithOffset(-static_cast<int>(indentation(Close, SM).size()));
  std::string Text;
  for (const std::string &Call : Calls)
    Text += Indent + Call + Eol;
  return {FixItHint::CreateInsertion(LineStart, Text)};
}

std::vector<FixItHint> wrapDiscarded(const Expr *Acquire,
                                     llvm::StringRef Before,
                                     llvm::StringRef After, ASTContext &Ctx) {
  CharSourceRange Range = fileRange(Acquire, Ctx);
  if (Range.isInvalid())
    return {};
  return {FixItHint::CreateInsertion(Range.getBegin(), Before),
          FixItHint::CreateInsertion(Range.getEnd(), After)};
}

} // namespace connleak
