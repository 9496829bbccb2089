//===--- Calls.h - What calls do to a path ----------------------*- C++ -*-===//
//
// Private to checks/analysis. The transfer of calls: acquire, release, use,
// transfer, connect, and unknown callees.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_CALLS_H
#define CONNLEAK_ANALYSIS_TRANSFER_CALLS_H

#include "analysis/FunctionContext.h"

namespace connleak {

/// Whether \p V is a handle the function borrowed (a parameter's).
bool isBorrowed(const PathState &S, const Value &V);

void visitCall(FunctionContext &FC, PathState &S, const clang::CallExpr *Call);

void takeFromPool(const FunctionContext &FC, PathState &S, HandleId H,
                  const clang::CallExpr *Call, const AcquireRule &Rule);

bool holds(const FunctionContext &FC, const PathState &S,
           const clang::CallExpr *Call,
           const std::optional<RequiredArgument> &R);

bool knownArgument(const FunctionContext &FC, const PathState &S,
                   const clang::CallExpr *Call, const CallRole &Role);

bool releaseApplies(const FunctionContext &FC, const PathState &S,
                    const clang::CallExpr *Call, const CallRole &Role,
                    llvm::ArrayRef<CallRole> Roles);

void connectArgument(const FunctionContext &FC, PathState &S,
                     const clang::CallExpr *Call, const CallRole &Role);

void passConnectStatus(const FunctionContext &FC, PathState &S,
                       const clang::CallExpr *Call);

void visitArgument(FunctionContext &FC, PathState &S,
                   const clang::CallExpr *Call, const clang::Expr *Arg,
                   bool KnownCallee);

/// Whether \p St is a call that releases what \p L holds with a release
/// of \p Fam.
bool releasesLocation(const FunctionContext &FC, const clang::Stmt *St,
                      const Location &L, const Family *Fam);

std::optional<Location> writableLocation(const FunctionContext &FC,
                                         const clang::CallExpr *Call,
                                         const clang::Expr *Arg);

bool isLibraryCallee(const FunctionContext &FC,
                     const clang::FunctionDecl *Callee, const HandleInfo &H);

const clang::Expr *initialisedObject(const FunctionContext &FC,
                                     const clang::CallExpr *Call,
                                     const AcquireRule &Rule);

const clang::Expr *parentSite(const FunctionContext &FC, const PathState &S,
                              const clang::CallExpr *Acquire);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_CALLS_H
