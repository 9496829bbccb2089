//===--- Members.cpp - Handles held in the object's own fields ------------===//
//
// In a member function, `this->conn_` (or plain `conn_`) is a location like a
// local: a handle stored there stays tracked, so storing a second one over a
// live first one within the function (`conn_ = PQconnectdb(...)` twice, a
// reconnect loop) leaks the first. At the function's exit a handle still in
// a field belongs to the object, as it does in a constructor's member
// initialiser: the object's other functions (a destructor, `close()`)
// release it. A call that may reach the object (a member function, a
// function given `this` or a callable) makes the fields unknown again.
//
// Locations of fields of `*this` have no variable (Location::Var is null).
//
//===----------------------------------------------------------------------===//

#include "analysis/FunctionAnalysis.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace connleak {

std::optional<Location>
FunctionAnalysis::memberLocation(const MemberExpr *ME) const {
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field || !ME->isArrow() ||
      !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) ||
      !Field->getType()->isPointerType())
    return std::nullopt;
  return Location{nullptr, Field};
}

void FunctionAnalysis::visitInitializer(PathState &S,
                                        const CXXCtorInitializer *Init,
                                        const CFGBlock *B) {
  Value V = eval(S, Init->getInit());
  const FieldDecl *Field = Init->getMember();
  if (Field && Field->getType()->isPointerType())
    overwrite(S, Location{nullptr, Field}, std::move(V), Init->getInit());
  else
    escape(S, V);
  endFullExpression(S, B);
}

/// Whether an argument could lead the callee back to the object's fields:
/// `this`, a callable, or a function pointer.
static bool mayLeadToObject(const Expr *Arg) {
  QualType T = Arg->getType().getNonReferenceType();
  if (T->isFunctionPointerType() || isa<CXXThisExpr>(Arg->IgnoreParenCasts()))
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->hasDefinition() &&
         (RD->isLambda() ||
          !RD->lookup(RD->getASTContext().DeclarationNames.getCXXOperatorName(
                          OO_Call))
               .empty());
}

bool FunctionAnalysis::mayReachObject(const CallExpr *Call) const {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return true;
  if (Model.knows(Callee) || Callee->isExternC())
    return false;
  if (!SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())))
    return true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (mayLeadToObject(Member->getImplicitObjectArgument()))
      return true;
  return llvm::any_of(Call->arguments(), mayLeadToObject);
}

void FunctionAnalysis::escapeMembers(PathState &S) const {
  for (auto It = S.Env.begin(); It != S.Env.end() && !It->first.Var;) {
    escape(S, It->second);
    It = S.Env.erase(It);
  }
}

} // namespace connleak
