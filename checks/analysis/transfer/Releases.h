//===--- Releases.h - Releases, and releases gone wrong ---------*- C++ -*-===//
//
// Private to checks/analysis. Releases, and handles released twice, used after
// release or released wrongly.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_RELEASES_H
#define CONNLEAK_ANALYSIS_TRANSFER_RELEASES_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// Whether parameter \p P may hold a handle its caller lends: a pointer
/// that may lead to one, or an integer when the model has integer handles
/// (file descriptors, sockets).
bool mayBeLentHandle(const FunctionContext &FC, const clang::VarDecl *P);

/// Starts each parameter that may hold a lent handle as a Borrowed one.
void borrowParameters(const FunctionContext &FC, PathState &S);

void releaseArgument(FunctionContext &FC, PathState &S,
                     const clang::CallExpr *Call, const Family *F,
                     const clang::Expr *Arg, const clang::FunctionDecl *Api,
                     const ReleaseRule *Rule = nullptr);

void checkPool(FunctionContext &FC, const PathState &S,
               const clang::CallExpr *Call, const HandleInfo &H,
               const ReleaseRule *Rule);

void releaseForeign(FunctionContext &FC, PathState &S,
                    const clang::Expr *Releaser, llvm::StringRef Name,
                    const clang::Expr *Arg);

void checkUseAfterRelease(FunctionContext &FC, PathState &S,
                          const clang::CallExpr *Call,
                          llvm::ArrayRef<CallRole> Roles);

bool isFamilyApi(const FunctionContext &FC, const clang::FunctionDecl *Callee,
                 llvm::ArrayRef<CallRole> Roles, const HandleInfo &H);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_RELEASES_H
