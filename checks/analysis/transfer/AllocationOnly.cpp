//===--- AllocationOnly.cpp - Calls only an allocation failure throws from ===//
//
// An allocation-only call, whose one possible exception is std::bad_alloc:
//
//   - `new` with a replaceable global `operator new` (the constructor it
//     runs is a call of its own), a call of such an `operator new`, and
//     the standard library's own `__throw_bad_alloc` and
//     `__throw_bad_array_new_length` (so a library function whose body
//     only allocates is found to, wherever it is);
//   - a constructor, assignment or one of the growing members of
//     `std::basic_string` (append, assign, insert, push_back, reserve,
//     resize, `+=`), its `erase` and `replace`, `operator+` of strings,
//     `std::to_string`; positions given to them are taken to be in range
//     (`at` and `substr`, which exist to check a position, are not in the
//     list);
//   - a constructor, assignment or growing member of a standard container
//     (push_back, emplace, insert, reserve, resize, a map's `[]`, ...) and
//     `std::make_unique`/`std::make_shared`, when copying or building their
//     elements throws nothing but an allocation failure: a scalar, a
//     string, a standard container or pair of such, or a class whose
//     constructors (those with bodies) may throw nothing else.
//
//===----------------------------------------------------------------------===//

#include "analysis/transfer/AllocationOnly.h"
#include "analysis/transfer/Exceptions.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

namespace connleak {

namespace {

/// How deep element types are followed (a vector of maps of strings...).
constexpr unsigned MaxTypeDepth = 4;

/// libstdc++'s in-object buffer holds 15 chars (libc++'s 22).
constexpr unsigned ShortStringLength = 15;

bool isStdClass(const CXXRecordDecl *RD,
                std::initializer_list<StringRef> Names) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         llvm::is_contained(Names, RD->getName());
}

bool isString(const CXXRecordDecl *RD) {
  return isStdClass(RD, {"basic_string"});
}

bool isContainer(const CXXRecordDecl *RD) {
  return isStdClass(RD, {"vector", "deque", "list", "forward_list", "map",
                         "multimap", "set", "multiset", "unordered_map",
                         "unordered_multimap", "unordered_set",
                         "unordered_multiset", "pair", "tuple"});
}

bool isGrowingMember(StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("append", "assign", "insert", "push_back", "push_front", true)
      .Cases("emplace", "emplace_back", "emplace_front", "emplace_hint", true)
      .Cases("reserve", "resize", "try_emplace", "insert_or_assign", true)
      .Default(false);
}

/// Whether \p Method is one the list names: a constructor, an assignment,
/// a growing member, or a map's `[]`.
bool isAllocatingMember(const CXXMethodDecl &Method) {
  if (isa<CXXConstructorDecl>(Method) || Method.isCopyAssignmentOperator() ||
      Method.isMoveAssignmentOperator())
    return true;
  switch (Method.getOverloadedOperator()) {
  case OO_Equal:
  case OO_PlusEqual:
  case OO_Subscript:
    return true;
  case OO_None:
    return Method.getIdentifier() && isGrowingMember(Method.getName());
  default:
    return false;
  }
}

bool copiesOnlyAllocate(const FunctionContext &FC, QualType T, unsigned Depth);

/// Whether every type argument of \p RD, a template specialisation, copies
/// by allocating only.
bool argumentsOnlyAllocate(const FunctionContext &FC, const CXXRecordDecl &RD,
                           unsigned Depth) {
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&RD);
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() == TemplateArgument::Pack) {
      for (const TemplateArgument &Inner : Arg.pack_elements())
        if (Inner.getKind() == TemplateArgument::Type &&
            !copiesOnlyAllocate(FC, Inner.getAsType(), Depth + 1))
          return false;
    } else if (Arg.getKind() == TemplateArgument::Type &&
               !copiesOnlyAllocate(FC, Arg.getAsType(), Depth + 1)) {
      return false;
    }
  }
  return true;
}

/// Whether each constructor of \p RD that has a body may throw nothing but
/// an allocation failure; one declared without a body counts as throwing,
/// an implicit one not yet defined, or one of a class template that the
/// translation unit never instantiated, is not used.
bool constructorsOnlyAllocate(const FunctionContext &FC,
                              const CXXRecordDecl &RD) {
  for (const CXXConstructorDecl *Ctor : RD.ctors()) {
    const FunctionDecl *Def = nullptr;
    bool Defined = Ctor->hasBody(Def);
    if (Ctor->isDeleted() ||
        (!Defined &&
         (Ctor->isImplicit() || Ctor->getTemplateInstantiationPattern())))
      continue;
    if (!Def || functionMayThrow(FC, Def))
      return false;
  }
  return true;
}

/// Whether copying, moving or building a \p T may throw nothing but an
/// allocation failure.
bool copiesOnlyAllocate(const FunctionContext &FC, QualType T, unsigned Depth) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isScalarType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || Depth > MaxTypeDepth || !RD->hasDefinition())
    return false;
  // A container's allocator, comparator and hash copy without throwing.
  if (isString(RD) || isStdClass(RD, {"allocator", "char_traits", "less",
                                      "greater", "hash", "equal_to"}))
    return true;
  if (RD->isInStdNamespace())
    return isContainer(RD) && argumentsOnlyAllocate(FC, *RD, Depth);
  if (RD->isTriviallyCopyable() && RD->hasTrivialDefaultConstructor())
    return true;
  return constructorsOnlyAllocate(FC, *RD);
}

/// `operator+` of strings, `std::to_string`.
bool isStringFunction(const FunctionDecl &FD) {
  if (FD.getOverloadedOperator() == OO_Plus)
    return isString(FD.getReturnType()->getAsCXXRecordDecl());
  return FD.getIdentifier() &&
         (FD.getName() == "to_string" || FD.getName() == "to_wstring");
}

/// `std::make_unique<T>` and `std::make_shared<T>` of a \p T whose
/// construction allocates only.
bool isMakeOfAllocatingType(const FunctionContext &FC, const FunctionDecl &FD) {
  if (!FD.getIdentifier() ||
      (FD.getName() != "make_unique" && FD.getName() != "make_shared"))
    return false;
  const TemplateArgumentList *Args = FD.getTemplateSpecializationArgs();
  return Args && Args->size() > 0 &&
         Args->get(0).getKind() == TemplateArgument::Type &&
         copiesOnlyAllocate(FC, Args->get(0).getAsType(), 0);
}

/// `operator new`, and the standard library's throw of std::bad_alloc.
bool isAllocation(const FunctionDecl &FD) {
  if (FD.isReplaceableGlobalAllocationFunction())
    return true;
  return FD.isInStdNamespace() && FD.getIdentifier() &&
         (FD.getName() == "__throw_bad_alloc" ||
          FD.getName() == "__throw_bad_array_new_length");
}

/// A string's members that only take positions, which are taken to be in
/// range.
bool isPositionedStringMember(const CXXMethodDecl &Method) {
  return Method.getIdentifier() &&
         (Method.getName() == "erase" || Method.getName() == "replace");
}

bool calleeOnlyAllocates(const FunctionContext &FC, const FunctionDecl *FD) {
  if (!FD)
    return false;
  if (isAllocation(*FD))
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(FD);
  if (!Method)
    return FD->isInStdNamespace() &&
           (isStringFunction(*FD) || isMakeOfAllocatingType(FC, *FD));
  const CXXRecordDecl *RD = Method->getParent();
  if (isString(RD))
    return isAllocatingMember(*Method) || isPositionedStringMember(*Method);
  return isContainer(RD) && isAllocatingMember(*Method) &&
         argumentsOnlyAllocate(FC, *RD, 0);
}

} // namespace

bool buildsShortString(const CXXConstructExpr &Construct) {
  if (!isString(Construct.getConstructor()->getParent()) ||
      Construct.getNumArgs() == 0)
    return false;
  const auto *Literal =
      dyn_cast<StringLiteral>(Construct.getArg(0)->IgnoreParenImpCasts());
  return Literal && Literal->getCharByteWidth() == 1 &&
         Literal->getLength() <= ShortStringLength;
}

bool onlyAllocationThrows(const FunctionContext &FC, const Stmt *St) {
  if (const auto *New = dyn_cast<CXXNewExpr>(St))
    return New->getOperatorNew() &&
           New->getOperatorNew()->isReplaceableGlobalAllocationFunction();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(St))
    return calleeOnlyAllocates(FC, Construct->getConstructor());
  if (const auto *Call = dyn_cast<CallExpr>(St))
    return calleeOnlyAllocates(FC, Call->getDirectCallee());
  return false;
}

} // namespace connleak
