//===--- Members.h - Fields of the method's object --------------*- C++ -*-===//
//
// Private to checks/analysis. Fields of the object a method runs on.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_TRANSFER_MEMBERS_H
#define CONNLEAK_ANALYSIS_TRANSFER_MEMBERS_H

#include "analysis/FunctionContext.h"

namespace connleak {

std::optional<Location> memberLocation(const FunctionContext &FC,
                                       const clang::MemberExpr *ME);

void visitInitializer(FunctionContext &FC, PathState &S,
                      const clang::CXXCtorInitializer *Init,
                      const clang::CFGBlock *B);

bool mayReachObject(const FunctionContext &FC, const clang::CallExpr *Call);

bool neverReleased(const FunctionContext &FC, const clang::FieldDecl *Field);

void reportFieldLeaks(FunctionContext &FC, const PathState &S,
                      const clang::Stmt *Where, const clang::CFGBlock *B);

void escapeMembers(const FunctionContext &FC, PathState &S);

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_TRANSFER_MEMBERS_H
