//===--- FixIts.cpp - Releases inserted before leaking exits --------------===//

#include "analysis/FixIts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace connleak {
namespace {

/// The white space that starts the line of \p Loc.
std::string indentation(SourceLocation Loc, const SourceManager &SM) {
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  llvm::StringRef Text = SM.getBufferData(File);
  size_t LineStart = Text.rfind('\n', Offset ? Offset - 1 : 0);
  LineStart =
      LineStart == llvm::StringRef::npos || Offset == 0 ? 0 : LineStart + 1;
  llvm::StringRef Line = Text.substr(LineStart);
  return Line.take_while([](char C) { return C == ' ' || C == '\t'; }).str();
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

bool inFile(const Stmt *S) {
  return S->getBeginLoc().isFileID() && S->getEndLoc().isFileID();
}

/// Where an opening brace goes for a branch or loop body \p Body of
/// \p Parent: just after the closing parenthesis or the `else`.
SourceLocation braceLocation(const Stmt *Parent, const Stmt *Body,
                             const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  SourceLocation Before;
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    Before = If->getThen() == Body ? If->getRParenLoc() : If->getElseLoc();
  else if (const auto *While = dyn_cast<WhileStmt>(Parent))
    Before = While->getRParenLoc();
  else if (const auto *For = dyn_cast<ForStmt>(Parent))
    Before = For->getRParenLoc();
  else if (const auto *Range = dyn_cast<CXXForRangeStmt>(Parent))
    Before = Range->getRParenLoc();
  if (Before.isInvalid() || !Before.isFileID())
    return {};
  return Lexer::getLocForEndOfToken(Before, 0, SM, LO);
}

std::string joinCalls(llvm::ArrayRef<std::string> Calls,
                      llvm::StringRef Separator) {
  return llvm::join(Calls, Separator);
}

} // namespace

std::vector<FixItHint> insertBeforeStatement(const Stmt *Exit,
                                             llvm::ArrayRef<std::string> Calls,
                                             const ParentMap &PM,
                                             ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!inFile(Exit) || Calls.empty())
    return {};
  SourceLocation Begin = Exit->getBeginLoc();
  std::string Eol = lineEnding(Begin, SM);
  std::string Indent = indentation(Begin, SM);
  const Stmt *Parent = PM.getParent(Exit);
  if (isa_and_nonnull<CompoundStmt>(Parent))
    return {FixItHint::CreateInsertion(Begin, joinCalls(Calls, Eol + Indent) +
                                                  Eol + Indent)};
  // An unbraced body: brace it, on one line if it shares the line of its
  // branch.
  if (!Parent || !inFile(Parent))
    return {};
  SourceLocation Open = braceLocation(Parent, Exit, Ctx);
  SourceLocation AfterSemi = Lexer::findLocationAfterToken(
      Exit->getEndLoc(), tok::semi, SM, Ctx.getLangOpts(),
      /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (Open.isInvalid() || AfterSemi.isInvalid())
    return {};
  if (SM.getSpellingLineNumber(Open) == SM.getSpellingLineNumber(Begin))
    return {FixItHint::CreateInsertion(Open, " {"),
            FixItHint::CreateInsertion(Begin, joinCalls(Calls, " ") + " "),
            FixItHint::CreateInsertion(AfterSemi, " }")};
  std::string ParentIndent = indentation(Parent->getBeginLoc(), SM);
  return {FixItHint::CreateInsertion(Open, " {"),
          FixItHint::CreateInsertion(Begin, joinCalls(Calls, Eol + Indent) +
                                                Eol + Indent),
          FixItHint::CreateInsertion(AfterSemi, Eol + ParentIndent + "}")};
}

std::vector<FixItHint> insertAtEndOfScope(const CompoundStmt *Scope,
                                          llvm::ArrayRef<std::string> Calls,
                                          ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Close = Scope->getRBracLoc();
  if (!inFile(Scope) || Scope->body_empty() || Calls.empty() ||
      !startsLine(Close, SM))
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
                                     llvm::StringRef Release, ASTContext &Ctx) {
  if (!inFile(Acquire))
    return {};
  SourceLocation End = Lexer::getLocForEndOfToken(
      Acquire->getEndLoc(), 0, Ctx.getSourceManager(), Ctx.getLangOpts());
  return {
      FixItHint::CreateInsertion(Acquire->getBeginLoc(), Release.str() + "("),
      FixItHint::CreateInsertion(End, ")")};
}

} // namespace connleak
