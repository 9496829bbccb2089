//===--- Attributes.cpp - Families from Clang's handle attributes ---------===//

#include "model/Attributes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/TypeLoc.h"
#include <map>

using namespace clang;

namespace connleak {
namespace {

/// The type written for \p TL, through the macros and parentheses that
/// wrap it (`Conn *f(Pool *) ACQUIRES("pool")` spells the attribute with a
/// macro).
TypeLoc unwrapped(TypeLoc TL) {
  while (true) {
    if (auto Macro = TL.getAs<MacroQualifiedTypeLoc>())
      TL = Macro.getInnerLoc();
    else if (auto Paren = TL.getAs<ParenTypeLoc>())
      TL = Paren.getInnerLoc();
    else
      return TL;
  }
}

/// The tag of an `acquire_handle` on \p FD's return value: on the function,
/// or on its type (`int f() [[clang::acquire_handle("t")]]`).
std::optional<llvm::StringRef> returnedHandleTag(const FunctionDecl *FD) {
  if (const auto *A = FD->getAttr<AcquireHandleAttr>())
    return A->getHandleType();
  const TypeSourceInfo *TSI = FD->getTypeSourceInfo();
  if (!TSI)
    return std::nullopt;
  for (TypeLoc TL = unwrapped(TSI->getTypeLoc());;) {
    auto Attributed = TL.getAs<AttributedTypeLoc>();
    if (!Attributed)
      return std::nullopt;
    if (const auto *A =
            dyn_cast_or_null<AcquireHandleAttr>(Attributed.getAttr()))
      return A->getHandleType();
    TL = unwrapped(Attributed.getModifiedLoc());
  }
}

bool isPointer(QualType T) { return T->isPointerType(); }

/// Collects the rules of every tag from the function declarations of a
/// translation unit, without looking into bodies.
class Collector : public RecursiveASTVisitor<Collector> {
public:
  explicit Collector(const ResourceModel &Known) : Known(Known) {}

  bool TraverseStmt(Stmt *) { return true; }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (Known.knows(FD) || !FD->getIdentifier())
      return true;
    std::string Name = FD->getQualifiedNameAsString();
    if (auto Tag = returnedHandleTag(FD); Tag && isPointer(FD->getReturnType()))
      addAcquire(*Tag, Name, HandleOutput::ReturnValue, 0);
    for (unsigned I = 0; I < FD->getNumParams(); ++I) {
      const ParmVarDecl *P = FD->getParamDecl(I);
      QualType T = P->getType();
      if (const auto *A = P->getAttr<AcquireHandleAttr>();
          A && T->isPointerType() && isPointer(T->getPointeeType()))
        addAcquire(A->getHandleType(), Name, HandleOutput::OutParameter, I);
      if (const auto *A = P->getAttr<ReleaseHandleAttr>(); A && isPointer(T))
        addRelease(A->getHandleType(), Name, I);
      if (const auto *A = P->getAttr<UseHandleAttr>(); A && isPointer(T))
        addUse(A->getHandleType(), Name);
    }
    return true;
  }

  std::vector<Family> families() {
    std::vector<Family> Result;
    for (auto &[Tag, F] : ByTag)
      if (!F.Acquires.empty() && !F.Releases.empty())
        Result.push_back(std::move(F));
    return Result;
  }

private:
  Family &family(llvm::StringRef Tag) {
    auto [It, Inserted] = ByTag.try_emplace(Tag.str());
    if (Inserted) {
      It->second.Name = Tag.str();
      It->second.Description = "'" + Tag.str() + "' handle";
    }
    return It->second;
  }

  void addAcquire(llvm::StringRef Tag, const std::string &Function,
                  HandleOutput Output, unsigned Param) {
    auto &Acquires = family(Tag).Acquires;
    if (llvm::any_of(Acquires, [&](const AcquireRule &R) {
          return R.Function == Function;
        }))
      return;
    AcquireRule Rule;
    Rule.Function = Function;
    Rule.Output = Output;
    Rule.Param = Param;
    Acquires.push_back(std::move(Rule));
  }

  void addRelease(llvm::StringRef Tag, const std::string &Function,
                  unsigned Param) {
    auto &Releases = family(Tag).Releases;
    if (llvm::any_of(Releases, [&](const ReleaseRule &R) {
          return R.Function == Function;
        }))
      return;
    ReleaseRule Rule;
    Rule.Function = Function;
    Rule.Param = Param;
    Releases.push_back(std::move(Rule));
  }

  void addUse(llvm::StringRef Tag, const std::string &Function) {
    auto &Uses = family(Tag).Uses;
    if (!llvm::is_contained(Uses, Function))
      Uses.push_back(Function);
  }

  const ResourceModel &Known;
  std::map<std::string, Family> ByTag;
};

} // namespace

std::vector<Family> attributeFamilies(const ASTContext &Ctx,
                                      const ResourceModel &Known) {
  Collector Collect(Known);
  Collect.TraverseDecl(Ctx.getTranslationUnitDecl());
  return Collect.families();
}

} // namespace connleak
