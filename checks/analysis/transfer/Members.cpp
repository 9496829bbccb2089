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
// A handle left in a field that its class certainly never releases is a
// leak, reported at the acquire (as every leak) with the note at the exit of
// the function that stored it. "Certainly" means: the field is private, the
// class has no friends, no nested classes and no member templates, every
// member function it declares is defined in the translation unit, and each
// of them only assigns the field, tests it, or passes it to a C function
// that is not a release. Anything else (a getter, a helper given the field,
// a release of any family) and the class is taken to own the field.
//
// Locations of fields of `*this` have no variable (Location::Var is null).
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/Members.h"
#include "analysis/diagnose/Diagnosis.h"
#include "analysis/transfer/Handles.h"
#include "analysis/transfer/Statements.h"
#include "analysis/transfer/Values.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/Basic/SourceManager.h"
#include <utility>

using namespace clang;

namespace connleak {

std::optional<Location> memberLocation(const FunctionContext &FC,
                                       const MemberExpr *ME) {
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field || !ME->isArrow() ||
      !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) ||
      !Field->getType()->isPointerType())
    return std::nullopt;
  return Location{nullptr, Field};
}

void visitInitializer(FunctionContext &FC, PathState &S,
                      const CXXCtorInitializer *Init, const CFGBlock *B) {
  Value V = eval(FC, S, Init->getInit());
  const FieldDecl *Field = Init->getMember();
  if (Field && Field->getType()->isPointerType())
    overwrite(FC, S, Location{nullptr, Field}, std::move(V), Init->getInit());
  else
    escape(FC, S, V);
  endFullExpression(FC, S, B);
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

bool mayReachObject(const FunctionContext &FC, const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return true;
  if (FC.TU.knows(Callee) || Callee->isExternC())
    return false;
  if (!FC.SM.isInSystemHeader(FC.SM.getExpansionLoc(Callee->getLocation())))
    return true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (mayLeadToObject(Member->getImplicitObjectArgument()))
      return true;
  return llvm::any_of(Call->arguments(), mayLeadToObject);
}

/// Whether \p ME, a reference to a field, only stores to it, tests it or
/// passes it to a C function that does not release it.
static bool onlyStoresOrUses(const MemberExpr *ME, const ParentMap &PM,
                             TUContext &TU) {
  const Stmt *Child = ME;
  const Stmt *Parent = PM.getParentIgnoreParens(ME);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent);
      BO && BO->getOpcode() == BO_Assign && BO->getLHS()->IgnoreParens() == ME)
    return true;
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(Parent)) {
    Child = Parent;
    Parent = PM.getParent(Parent);
  }
  if (!Parent || isa<IfStmt, WhileStmt, ForStmt, DoStmt>(Parent))
    return true;
  if (const auto *BO = dyn_cast<BinaryOperator>(Parent))
    return BO->isEqualityOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(Parent))
    return UO->getOpcode() == UO_LNot;
  const auto *Call = dyn_cast<CallExpr>(Parent);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->isExternC() || Call->getCallee() == Child)
    return false;
  return llvm::none_of(TU.rolesOf(Callee), [](const CallRole &R) {
    return R.RoleKind == CallRole::Kind::Release ||
           R.RoleKind == CallRole::Kind::Transfer;
  });
}

/// Whether every reference to \p Field under \p Root only stores, tests or
/// uses it.
static bool onlyStoresOrUses(const FieldDecl *Field, const Stmt *Root,
                             TUContext &TU) {
  ParentMap PM(const_cast<Stmt *>(Root));
  llvm::SmallVector<const Stmt *, 16> Todo{Root};
  while (!Todo.empty()) {
    const Stmt *St = Todo.pop_back_val();
    if (const auto *ME = dyn_cast<MemberExpr>(St);
        ME && ME->getMemberDecl() == Field && !onlyStoresOrUses(ME, PM, TU))
      return false;
    for (const Stmt *Child : St->children())
      if (Child)
        Todo.push_back(Child);
  }
  return true;
}

bool neverReleased(const FunctionContext &FC, const FieldDecl *Field) {
  auto [It, Inserted] = FC.TU.NeverReleased.try_emplace(Field, false);
  if (!Inserted)
    return It->second;
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD || Field->getAccess() != AS_private || RD->hasFriends() ||
      llvm::any_of(RD->decls(), [](const Decl *D) {
        // A nested class has access to the field too.
        return isa<FunctionTemplateDecl>(D) ||
               (isa<CXXRecordDecl>(D) && !D->isImplicit());
      }))
    return false;
  for (const CXXMethodDecl *Method : RD->methods()) {
    if (Method->isImplicit() || Method->isDeleted() || Method->isDefaulted())
      continue;
    const FunctionDecl *Def = nullptr;
    if (!Method->hasBody(Def) ||
        !onlyStoresOrUses(Field, Def->getBody(), FC.TU))
      return false;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getInit() && !onlyStoresOrUses(Field, Init->getInit(), FC.TU))
          return false;
  }
  FC.TU.NeverReleased[Field] = true;
  return true;
}

void reportFieldLeaks(FunctionContext &FC, const PathState &S,
                      const Stmt *Where, const CFGBlock *B) {
  for (const auto &[L, V] : S.Env) {
    if (L.Var)
      break;
    if (V.kind() == Value::Kind::Handle && S.isLive(V.asHandle()) &&
        neverReleased(FC, L.Field))
      FC.Diag.reportLost(S.Handles.at(V.asHandle()),
                         {ReferenceLoss::Kind::KeptInField, Where}, B);
  }
}

void escapeMembers(const FunctionContext &FC, PathState &S) {
  // Read first: writing would give the state a map of its own. Fields of
  // `*this` have no variable, so they come first.
  const auto &Env = std::as_const(S).Env;
  if (Env.empty() || Env.begin()->first.Var)
    return;
  for (auto It = S.Env.begin(); It != S.Env.end() && !It->first.Var;) {
    escape(FC, S, It->second);
    It = S.Env.erase(It);
  }
}

} // namespace connleak
