//===--- Ownership.cpp - Handles given to smart pointers ------------------===//
//
// A handle passed to `std::unique_ptr` or `std::shared_ptr` (constructed
// from it, or `reset` to it) belongs to the smart pointer from then on, and
// its deleter decides whether that is right:
//
//   - the family's release as deleter (a function, a lambda or a functor
//     type whose call operator releases its argument) owns the handle: an
//     escape, never a report;
//   - another family's release, or `delete` (std::default_delete) for a
//     family that `delete` does not release, is a mismatched release;
//   - a deleter the engine cannot see through is an escape.
//
// What a user-written deleter releases comes from the same summaries as a
// helper function's (Summaries.cpp).
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Ownership.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Helpers.h"
#include "analysis/transfer/Values.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

/// `std::unique_ptr` or `std::shared_ptr`, else empty.
static StringRef smartPointerName(const CXXRecordDecl *RD) {
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier() ||
      !isa<ClassTemplateSpecializationDecl>(RD))
    return {};
  StringRef Name = RD->getName();
  return Name == "unique_ptr" || Name == "shared_ptr" ? Name : StringRef();
}

static bool isDefaultDelete(QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         RD->getName() == "default_delete";
}

/// The function an expression names: `PQfinish` or `&PQfinish`.
static const FunctionDecl *namedFunction(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  return DRE ? dyn_cast<FunctionDecl>(DRE->getDecl()) : nullptr;
}

/// The call operator of a lambda or functor type, if it has exactly one.
static const FunctionDecl *callOperator(const CXXRecordDecl *RD,
                                        ASTContext &Ctx) {
  if (!RD || !RD->hasDefinition())
    return nullptr;
  if (RD->isLambda())
    return RD->getLambdaCallOperator();
  auto Found = RD->lookup(Ctx.DeclarationNames.getCXXOperatorName(OO_Call));
  if (Found.empty() || std::next(Found.begin()) != Found.end())
    return nullptr;
  return dyn_cast<CXXMethodDecl>(Found.front());
}

/// The deleter of type \p T, whose value (where it is not in the type) is
/// \p Value.
static Deleter deleterOf(QualType T, const Expr *Value, ASTContext &Ctx) {
  T = T.getNonReferenceType().getCanonicalType();
  if (isDefaultDelete(T))
    return {Deleter::Kind::Delete, nullptr};
  if (const auto *RD = T->getAsCXXRecordDecl())
    if (const FunctionDecl *Op = callOperator(RD, Ctx))
      return {Deleter::Kind::Function, Op};
  if (T->isFunctionPointerType() || T->isFunctionType())
    if (const FunctionDecl *FD = namedFunction(Value))
      return {Deleter::Kind::Function, FD};
  return {Deleter::Kind::Unknown, nullptr};
}

std::optional<Deleter> constructorDeleter(const FunctionContext &FC,
                                          const CXXConstructExpr *CE) {
  const CXXRecordDecl *RD = CE->getConstructor()->getParent();
  StringRef Name = smartPointerName(RD);
  // Copies, moves and nullptr give no new handle to the owner.
  if (Name.empty() || CE->getNumArgs() == 0 ||
      !CE->getArg(0)->getType()->isPointerType())
    return std::nullopt;
  if (Name == "unique_ptr") {
    const auto *Spec = cast<ClassTemplateSpecializationDecl>(RD);
    return deleterOf(Spec->getTemplateArgs()[1].getAsType(),
                     CE->getNumArgs() > 1 ? CE->getArg(1) : nullptr, FC.Ctx);
  }
  if (CE->getNumArgs() == 1)
    return Deleter{Deleter::Kind::Delete, nullptr};
  return deleterOf(CE->getArg(1)->getType(), CE->getArg(1), FC.Ctx);
}

std::optional<Deleter> resetDeleter(const FunctionContext &FC,
                                    const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  const CXXRecordDecl *RD = Method ? Method->getParent() : nullptr;
  StringRef Name = smartPointerName(RD);
  if (Name.empty() || !Method->getIdentifier() ||
      Method->getName() != "reset" || Call->getNumArgs() == 0 ||
      !Call->getArg(0)->getType()->isPointerType())
    return std::nullopt;
  if (Name == "unique_ptr") {
    // A function pointer deleter is the one stored in the object.
    const auto *Spec = cast<ClassTemplateSpecializationDecl>(RD);
    return deleterOf(Spec->getTemplateArgs()[1].getAsType(), nullptr, FC.Ctx);
  }
  if (Call->getNumArgs() == 1)
    return Deleter{Deleter::Kind::Delete, nullptr};
  return deleterOf(Call->getArg(1)->getType(), Call->getArg(1), FC.Ctx);
}

bool isOwnerArgument(const FunctionContext &FC, const Expr *Parent,
                     const Expr *Child) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Parent))
    return CE->getNumArgs() && CE->getArg(0) == Child &&
           constructorDeleter(FC, CE);
  return false;
}

/// What a deleter releases: the family and the name of the function, or
/// the family-less `delete`.
std::optional<std::pair<const Family *, std::string>>
releasedBy(FunctionContext &FC, const Deleter &D) {
  if (D.DeleterKind == Deleter::Kind::Delete)
    return std::pair<const Family *, std::string>(nullptr, "delete");
  if (D.DeleterKind != Deleter::Kind::Function ||
      D.Function->getNumParams() != 1)
    return std::nullopt;
  for (const CallRole &Role : FC.TU.rolesOf(D.Function))
    if (Role.RoleKind == CallRole::Kind::Release && Role.Release->Param == 0)
      return std::pair(Role.Fam, D.Function->getNameAsString());
  const FunctionSummary *Summary = summaryOf(FC, D.Function, {std::nullopt});
  if (!Summary || Summary->Params.empty() ||
      Summary->Params[0].EffectKind != ParamEffect::Kind::Released)
    return std::nullopt;
  const ParamEffect &Effect = Summary->Params[0];
  return std::pair(Effect.Fam, Effect.Api ? Effect.Api->getNameAsString()
                                          : D.Function->getNameAsString());
}

void giveToOwner(FunctionContext &FC, PathState &S, const Deleter &D,
                 const Expr *Arg, const Expr *At, StringRef Owner) {
  Value V = eval(FC, S, Arg);
  if (V.kind() != Value::Kind::Handle)
    return;
  auto It = S.Handles.find(V.asHandle());
  if (It == S.Handles.end() || !S.isLive(It->first)) {
    escape(FC, S, V);
    return;
  }
  HandleInfo &H = It->second;
  auto Released = releasedBy(FC, D);
  bool Right = !Released || Released->first == H.Fam ||
               (!Released->first && releasesWith(*H.Fam, "delete"));
  if (!Right)
    FC.Diag.reportWrongOwner(H, At, Arg, Owner, Released->second);
  H.State.set(Typestate::Escaped);
}

bool visitOwnerReset(FunctionContext &FC, PathState &S,
                     const CXXMemberCallExpr *Call) {
  std::optional<Deleter> D = resetDeleter(FC, Call);
  if (!D)
    return false;
  giveToOwner(FC, S, *D, Call->getArg(0), Call,
              Call->getMethodDecl()->getParent()->getName());
  return true;
}

void visitConstruct(FunctionContext &FC, PathState &S,
                    const CXXConstructExpr *CE) {
  if (std::optional<Deleter> D = constructorDeleter(FC, CE))
    giveToOwner(FC, S, *D, CE->getArg(0), CE,
                CE->getConstructor()->getParent()->getName());
}

} // namespace connleak
