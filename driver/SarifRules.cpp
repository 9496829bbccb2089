//===--- SarifRules.cpp - The SARIF rule of each check --------------------===//

#include "SarifRules.h"
#include "Options.h"
#include "llvm/ADT/StringExtras.h"

namespace connleak::driver {
namespace {

struct CheckDoc {
  llvm::StringRef Name;
  llvm::StringRef Markdown;
};

constexpr CheckDoc CheckDocs[] = {
#include "CheckDocs.inc"
};

struct CheckInfo {
  llvm::StringRef Id, Name, Description;
};

constexpr CheckInfo Checks[] = {
#define CONNLEAK_CHECK(Kind, Name, Description) {Name, #Kind, Description},
#include "Checks.def"
};

/// The paragraph under the page's title.
llvm::StringRef firstParagraph(llvm::StringRef Markdown) {
  llvm::StringRef Body = Markdown.split('\n').second.ltrim();
  return Body.substr(0, Body.find("\n\n")).trim();
}

/// \p Text as one sentence: a capital first letter and a final period.
std::string sentence(llvm::StringRef Text) {
  std::string Result = Text.str();
  if (!Result.empty())
    Result[0] = llvm::toUpper(Result[0]);
  if (!llvm::StringRef(Result).ends_with("."))
    Result += ".";
  return Result;
}

/// Newlines inside a paragraph folded to spaces.
std::string unwrapped(llvm::StringRef Paragraph) {
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  Paragraph.split(Lines, '\n');
  return llvm::join(Lines, " ");
}

llvm::json::Object text(const llvm::Twine &Text) {
  return llvm::json::Object{{"text", Text.str()}};
}

llvm::json::Object errorRule(llvm::StringRef Id) {
  llvm::StringRef About =
      "Clang or connleak reported an error, so the translation unit was not "
      "analysed; its findings, if any, are missing from this report.";
  return llvm::json::Object{
      {"id", Id},
      {"name", "TranslationUnitNotAnalysed"},
      {"shortDescription", text("A translation unit could not be analysed.")},
      {"fullDescription", text(About)},
      {"help", llvm::json::Object{{"text", About}, {"markdown", About}}},
      {"defaultConfiguration", llvm::json::Object{{"level", "error"}}}};
}

} // namespace

llvm::json::Object sarifRule(llvm::StringRef Check) {
  const CheckInfo *Info =
      llvm::find_if(Checks, [&](const CheckInfo &C) { return C.Id == Check; });
  const CheckDoc *Doc = llvm::find_if(
      CheckDocs, [&](const CheckDoc &D) { return D.Name == Check; });
  if (Info == std::end(Checks) || Doc == std::end(CheckDocs))
    return errorRule(Check);
  return llvm::json::Object{
      {"id", Check},
      {"name", Info->Name},
      {"shortDescription", text(sentence(Info->Description))},
      {"fullDescription", text(unwrapped(firstParagraph(Doc->Markdown)))},
      {"help", llvm::json::Object{{"text", Doc->Markdown},
                                  {"markdown", Doc->Markdown}}},
      {"helpUri", options::DocsUrl + Check.str() + ".md"},
      {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}}};
}

} // namespace connleak::driver
