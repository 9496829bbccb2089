//===--- Ownership.h - Handles given to smart pointers ----------*- C++ -*-===//
//
// Private to checks/analysis. Handles given to smart pointers, and who releases
// them.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_OWNERSHIP_H
#define CONNLEAK_ANALYSIS_TRANSFER_OWNERSHIP_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// Who releases a handle given to a smart pointer.
struct Deleter {
  enum class Kind { Unknown, Delete, Function };
  Kind DeleterKind;
  const clang::FunctionDecl *Function; ///< For Kind::Function.
};

std::optional<Deleter> constructorDeleter(const FunctionContext &FC,
                                          const clang::CXXConstructExpr *CE);

std::optional<Deleter> resetDeleter(const FunctionContext &FC,
                                    const clang::CXXMemberCallExpr *Call);

bool isOwnerArgument(const FunctionContext &FC, const clang::Expr *Parent,
                     const clang::Expr *Child);

std::optional<std::pair<const Family *, std::string>>
releasedBy(FunctionContext &FC, const Deleter &D);

void giveToOwner(FunctionContext &FC, PathState &S, const Deleter &D,
                 const clang::Expr *Arg, const clang::Expr *At,
                 llvm::StringRef Owner);

bool visitOwnerReset(FunctionContext &FC, PathState &S,
                     const clang::CXXMemberCallExpr *Call);

void visitConstruct(FunctionContext &FC, PathState &S,
                    const clang::CXXConstructExpr *CE);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_OWNERSHIP_H
