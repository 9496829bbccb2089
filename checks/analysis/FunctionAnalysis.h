//===--- FunctionAnalysis.h - The engine's per-function state ---*- C++ -*-===//
//
// Private to checks/analysis: the class that analyses one function, split
// across the files named below by concern.
//
//===----------------------------------------------------------------------===//

#ifndef CONNLEAK_ANALYSIS_FUNCTIONANALYSIS_H
#define CONNLEAK_ANALYSIS_FUNCTIONANALYSIS_H

#include "analysis/Engine.h"
#include "analysis/Facts.h"
#include "analysis/TUContext.h"
#include "analysis/state/PathState.h"
#include "model/ResourceModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/AnalysisDeclContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include <map>
#include <optional>

namespace connleak {

/// A leaking exit of one acquire site, with the path that reaches it.
struct LeakExit {
  clang::SourceLocation Loc;
  std::string Message;
  const clang::CFGBlock *Block;
  llvm::SmallVector<BranchStep, 4> Steps;
  ReferenceLoss Loss;
  Location Holder; ///< Where the handle was last held.
};

/// A live handle that a variable holds.
struct HeldHandle {
  Location Where;
  const clang::Expr *Site;
  bool MaybeNull;
  /// No other location refers to the handle.
  bool Sole;
  /// The handle it was made from is released.
  bool ParentReleased;
  /// Its connection may be open: it needs a disconnect first.
  bool MayBeOpen;
};

struct LeakReport {
  const Family *Fam;
  const clang::CallExpr *Site;
  /// For a handle from an acquire wrapper, the acquire inside it.
  const clang::Expr *Origin = nullptr;
  std::vector<LeakExit> Exits;
};

/// Where a handle leaks on an exception's path: where it is thrown, or a
/// later exit, with a note at the thrower.
struct ThrowLeakExit {
  PathNote Exit;
  PathNote Thrower;
};

struct ThrowLeakReport {
  const Family *Fam = nullptr;
  const clang::Expr *Origin = nullptr;
  std::vector<ThrowLeakExit> Exits;
};

/// Who releases a handle given to a smart pointer.
struct Deleter {
  enum class Kind { Unknown, Delete, Function };
  Kind DeleterKind;
  const clang::FunctionDecl *Function; ///< For Kind::Function.
};

/// The captures of a lambda's closure type, in order: the variable for a
/// pointer captured from the enclosing function, else null.
std::vector<const clang::VarDecl *>
capturedPointers(const clang::CXXRecordDecl *Closure);

/// The call that closes a connection of \p F: `SQLDisconnect(dbc)`.
std::string disconnectCall(const Family &F, llvm::StringRef Handle);

/// The argument of \p Release, a call of a release of \p F, that it
/// releases.
const clang::Expr *releasedArgument(const clang::CallExpr *Release,
                                    const Family &F);

/// The condition whose value picks between a block's two successors.
const clang::Expr *branchCondition(const clang::CFGBlock *B);

/// The note at the acquire inside an acquire wrapper, \p Origin, for a
/// finding reported at the wrapper's call (Reports.cpp).
PathNote acquiredInsideNote(const clang::Expr *Origin);

/// The analysis of one function: the worklist walk (LeakAnalysis.cpp), the
/// transfer of statements (Transfer.cpp), branch conditions (Conditions.cpp)
/// and the reports built from the leaks found (Reports.cpp).
class FunctionAnalysis {
public:
  /// With \p Recording set, the run summarises \p Fn for a caller that
  /// knows the integer arguments \p KnownArgs; its findings are not reports.
  FunctionAnalysis(const clang::FunctionDecl &Fn, TUContext &TU,
                   const AnalysisOptions &Options,
                   FunctionSummary *Recording = nullptr,
                   std::vector<std::optional<int64_t>> KnownArgs = {})
      : Fn(Fn), Ctx(TU.ast()), SM(Ctx.getSourceManager()), TU(TU),
        Options(Options), ADC(nullptr, &Fn, buildOptions()),
        Recording(Recording), KnownArgs(std::move(KnownArgs)) {}

  std::vector<Finding> run();

private:
  static clang::CFG::BuildOptions buildOptions() {
    clang::CFG::BuildOptions Opts;
    Opts.setAllAlwaysAdd();
    Opts.AddLifetime = true;
    Opts.AddInitializers = true;
    return Opts;
  }

  // The worklist walk.
  void enqueue(const clang::CFGBlock *B, PathState S);
  void processBlock(const clang::CFGBlock *B);
  void transfer(PathState &S, const clang::CFGElement &E,
                const clang::CFGBlock *B);
  void branch(const clang::CFGBlock *B, PathState S);
  void propagate(const clang::CFGBlock *From, const clang::CFGBlock *To,
                 PathState S);
  void reachExit(const clang::CFGBlock *From, PathState S);

  // Statements.
  void visitStmt(PathState &S, const clang::Stmt *St, const clang::CFGBlock *B);
  void visitCall(PathState &S, const clang::CallExpr *Call);
  void takeFromPool(PathState &S, HandleId H, const clang::CallExpr *Call,
                    const AcquireRule &Rule) const;
  bool holds(const PathState &S, const clang::CallExpr *Call,
             const std::optional<RequiredArgument> &R) const;
  bool knownArgument(const PathState &S, const clang::CallExpr *Call,
                     const CallRole &Role) const;
  bool releaseApplies(const PathState &S, const clang::CallExpr *Call,
                      const CallRole &Role,
                      llvm::ArrayRef<CallRole> Roles) const;
  void connectArgument(PathState &S, const clang::CallExpr *Call,
                       const CallRole &Role) const;
  void passConnectStatus(PathState &S, const clang::CallExpr *Call) const;
  void visitArgument(PathState &S, const clang::CallExpr *Call,
                     const clang::Expr *Arg, bool KnownCallee);
  void visitAssign(PathState &S, const clang::BinaryOperator *Assign);
  void visitDecl(PathState &S, const clang::DeclStmt *DS);
  void visitReturn(PathState &S, const clang::ReturnStmt *R);
  void visitRead(PathState &S, const clang::Expr *E);
  void visitLifetimeEnd(PathState &S, const clang::CFGLifetimeEnds &LE,
                        const clang::CFGBlock *B);
  bool endsFullExpression(const clang::Stmt *St) const;
  void endFullExpression(PathState &S, const clang::CFGBlock *B);

  // Values and conditions.
  Value eval(const PathState &S, const clang::Expr *E) const;
  const clang::Expr *parentSite(const PathState &S,
                                const clang::CallExpr *Acquire) const;
  const clang::Expr *initialisedObject(const clang::CallExpr *Call,
                                       const AcquireRule &Rule) const;
  std::optional<Location> trackedLocation(const clang::Expr *E) const;
  std::optional<Location> addressedLocation(const clang::Expr *E) const;
  std::optional<Location> writableLocation(const clang::CallExpr *Call,
                                           const clang::Expr *Arg) const;
  bool isModelledConsumer(const clang::Expr *E) const;
  std::optional<PathState>
  assume(PathState S, const clang::Expr *Cond, bool Truth,
         llvm::SmallVectorImpl<HandleId> &Refined) const;
  std::optional<PathState>
  refine(PathState S, const clang::Expr *Cond, bool Truth,
         llvm::SmallVectorImpl<HandleId> &Refined) const;
  std::optional<PathState>
  assumeSwitchCase(PathState S, const clang::SwitchStmt *Switch,
                   const clang::CFGBlock *Target) const;
  std::optional<PathState>
  assumeNoHandle(PathState S, HandleId Id, bool IsNone,
                 llvm::SmallVectorImpl<HandleId> &Refined) const;
  std::optional<PathState>
  assumeBelowOrAbove(PathState S, const Value &V, clang::BinaryOperatorKind Op,
                     int64_t K, bool Truth,
                     llvm::SmallVectorImpl<HandleId> &Refined) const;
  PathState assumeCase(PathState S, const clang::SwitchStmt *Switch, HandleId H,
                       const clang::CFGBlock *Target) const;
  std::optional<PathState>
  assumeEquals(PathState S, const clang::Expr *E, int64_t C, bool Equal,
               llvm::SmallVectorImpl<HandleId> &Refined) const;

  // Handles.
  HandleId newHandle(PathState &S, const clang::CallExpr *Site, const Family *F,
                     const clang::Expr *Origin = nullptr);
  void escape(PathState &S, const Value &V) const;
  void escapeVariable(PathState &S, const clang::ValueDecl *Var) const;
  void overwrite(PathState &S, const Location &L, Value V,
                 const clang::Stmt *Where);
  void dropStatus(PathState &S, HandleId H) const;
  bool isLibraryCallee(const clang::FunctionDecl *Callee,
                       const HandleInfo &H) const;
  void collect(PathState &S, ReferenceLoss Default, const clang::CFGBlock *B);

  // Releases and misuses (Misuse.cpp).
  void borrowParameters(PathState &S) const;
  void releaseArgument(PathState &S, const clang::CallExpr *Call,
                       const Family *F, const clang::Expr *Arg,
                       const clang::FunctionDecl *Api,
                       const ReleaseRule *Rule = nullptr);
  void checkPool(const PathState &S, const clang::CallExpr *Call,
                 const HandleInfo &H, const ReleaseRule *Rule);
  void releaseForeign(PathState &S, const clang::Expr *Releaser,
                      llvm::StringRef Name, const clang::Expr *Arg);
  void checkUseAfterRelease(PathState &S, const clang::CallExpr *Call,
                            llvm::ArrayRef<CallRole> Roles);
  bool isFamilyApi(const clang::FunctionDecl *Callee,
                   llvm::ArrayRef<CallRole> Roles, const HandleInfo &H) const;
  void reportDoubleRelease(const HandleInfo &H, const clang::Expr *Releaser,
                           const clang::Expr *Arg);
  void reportMisuse(CheckKind Check, const HandleInfo &H, const clang::Expr *At,
                    std::string Message, std::vector<PathNote> Notes);
  std::string spelling(const clang::Expr *E) const;

  // Handles given to smart pointers (Ownership.cpp).
  void visitConstruct(PathState &S, const clang::CXXConstructExpr *CE);
  bool visitOwnerReset(PathState &S, const clang::CXXMemberCallExpr *Call);
  std::optional<Deleter>
  constructorDeleter(const clang::CXXConstructExpr *CE) const;
  std::optional<Deleter>
  resetDeleter(const clang::CXXMemberCallExpr *Call) const;
  bool isOwnerArgument(const clang::Expr *Parent,
                       const clang::Expr *Child) const;
  std::optional<std::pair<const Family *, std::string>>
  releasedBy(const Deleter &D);
  void giveToOwner(PathState &S, const Deleter &D, const clang::Expr *Arg,
                   const clang::Expr *At, llvm::StringRef Owner);

  // Fields of the object (Members.cpp).
  std::optional<Location> memberLocation(const clang::MemberExpr *ME) const;
  void visitInitializer(PathState &S, const clang::CXXCtorInitializer *Init,
                        const clang::CFGBlock *B);
  bool mayReachObject(const clang::CallExpr *Call) const;
  void escapeMembers(PathState &S) const;
  bool neverReleased(const clang::FieldDecl *Field) const;
  void reportFieldLeaks(const PathState &S, const clang::Stmt *Where,
                        const clang::CFGBlock *B);

  // Exception paths (Exceptions.cpp).
  bool mayThrow(const clang::Stmt *St) const;
  bool functionMayThrow(const clang::FunctionDecl *FD) const;
  bool bodyMayThrow(const clang::Stmt *St) const;
  const clang::CXXTryStmt *enclosingTry(const clang::Stmt *St) const;
  const clang::CFGBlock *dispatchBlock(const clang::CXXTryStmt *Try);
  bool insideThrow(const clang::Expr *E) const;
  void throwFrom(const PathState &S, const clang::Expr *At);
  void reportThrowLeak(const HandleInfo &H, const clang::Expr *Thrown,
                       ReferenceLoss Loss);
  void reportLost(const HandleInfo &H, ReferenceLoss Loss,
                  const clang::CFGBlock *B);
  std::vector<Finding> throwLeakFindings();

  // Lambdas and their captures (Lambdas.cpp).
  void findCalledLambdas();
  bool applyLambdaSummary(PathState &S, const clang::CallExpr *Call);
  void applyEffect(PathState &S, const clang::CallExpr *Call,
                   const clang::Expr *Arg, const ParamEffect &Effect,
                   bool ByRef);
  void escapeCaptures(PathState &S) const;

  // Helpers in the same TU (Summaries.cpp).
  const FunctionSummary *summaryOf(const clang::FunctionDecl *Callee,
                                   std::vector<std::optional<int64_t>> Args);
  bool applySummary(PathState &S, const clang::CallExpr *Call);
  void enterWithKnownArgs(PathState &S) const;
  void recordExit(const PathState &S);
  void recordReturn(const PathState &S, const clang::Expr *RV);

  // Fixes (LeakFixes.cpp): what every path to an exit holds, and the
  // releases inserted where that makes them certainly right.
  void recordHeld(const PathState &S, const clang::Stmt *Exit,
                  const clang::ValueDecl *Var);
  const HeldHandle *heldOnEveryPath(const LeakExit &Exit,
                                    const clang::Expr *Site) const;
  const clang::FunctionDecl *fixRelease(const Family &F,
                                        clang::QualType Handle) const;
  std::string whyNoFix(const LeakReport &Report, const LeakExit &Exit) const;
  std::vector<std::string> releaseCallsFor(const LeakReport &Report,
                                           const LeakExit &Exit) const;
  const clang::FunctionDecl *declaredFunction(llvm::StringRef Name) const;
  std::string whyNoDisconnectFix(const LeakReport &Report,
                                 const LeakExit &Exit) const;
  std::vector<clang::FixItHint>
  exitFix(const LeakExit &Exit, llvm::ArrayRef<std::string> Calls) const;
  void addFixes(std::vector<Finding> &Findings);
  void addOwnerNote(Finding &F, const LeakReport &Report) const;

  // Reports.
  void reportLeak(const HandleInfo &H, ReferenceLoss Loss,
                  const clang::CFGBlock *B);
  /// The calls that release \p H, quoted: `'PQfinish(conn)'`, or for a
  /// connection that may be open `'SQLDisconnect(dbc)' and
  /// 'SQLFreeHandle(SQL_HANDLE_DBC, dbc)'`.
  std::string quotedRelease(const HandleInfo &H) const;
  /// The disconnect that must run before \p Release, a release of \p F:
  /// `SQLDisconnect(dbc)` with the argument the release frees.
  std::string disconnectBefore(const clang::CallExpr *Release,
                               const Family &F) const;
  std::vector<Finding> leakFindings();
  bool isRelevant(const BranchStep &Step, const LeakExit &Exit,
                  const Family *F);
  struct Arm {
    llvm::SmallVector<const clang::CFGBlock *, 8> Blocks;
    llvm::BitVector Contains; ///< By block ID.
  };
  const Arm &arm(const BranchStep &Step, const clang::CFGBlock *Start);
  bool releases(const clang::CFGBlock *B, const Family *F) const;
  PathNote branchNote(const BranchStep &Step) const;

  const clang::FunctionDecl &Fn;
  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  TUContext &TU;
  const AnalysisOptions &Options;
  clang::AnalysisDeclContext ADC;
  /// The conditions paths know facts about; a memo, hence mutable.
  mutable ConditionFacts Facts{Ctx};
  const clang::CFG *Cfg = nullptr;
  const clang::ParentMap *PM = nullptr;
  std::optional<clang::ForwardDataflowWorklist> Worklist;
  /// The block being walked.
  const clang::CFGBlock *Block = nullptr;

  struct BlockStates {
    std::vector<PathState> States;
    std::vector<bool> Dirty;
    /// keyHash and propertyHash of each state.
    std::vector<size_t> Keys, Properties;
  };
  std::vector<BlockStates> Blocks;
  llvm::DenseSet<const clang::VarDecl *> AddressTaken;
  /// For a lambda's body: the variables it captures (capturedPointers).
  std::vector<const clang::VarDecl *> Captured;
  /// Lambdas of this function that are only ever called, and the locals
  /// that hold them.
  llvm::DenseSet<const clang::LambdaExpr *> CalledLambdas;
  llvm::DenseMap<const clang::VarDecl *, const clang::LambdaExpr *> LambdaVars;
  llvm::DenseMap<const clang::Expr *, unsigned> SiteIndex;
  /// Handles that lost a reference during the current full-expression, with
  /// where it happened.
  std::map<HandleId, ReferenceLoss> Losses;
  llvm::MapVector<const clang::CallExpr *, LeakReport> Leaks;
  /// Releases that failed on an open connection, and that some path reads
  /// the handle after: a disconnect before them would make that read a use
  /// after release.
  llvm::DenseSet<const clang::Expr *> ReadAfterFailedRelease;
  llvm::MapVector<const clang::CallExpr *, ThrowLeakReport> ThrowLeaks;
  /// The block that dispatches each try's exceptions to its handlers.
  std::optional<
      llvm::DenseMap<const clang::CXXTryStmt *, const clang::CFGBlock *>>
      Dispatches;
  /// For an exit and a variable: the live handles it holds on every path
  /// that reaches the exit.
  std::map<std::pair<const clang::Stmt *, const clang::ValueDecl *>,
           std::vector<HeldHandle>>
      MustHold;
  /// Double releases, uses after release and mismatched releases, one per
  /// check and call.
  llvm::MapVector<std::pair<CheckKind, const clang::Expr *>, Finding> Misuses;
  std::optional<clang::CFGPostDomTree> PostDom;
  /// The arms of branches, by branch and first block, and whether the one
  /// not taken releases a family.
  std::map<std::pair<const clang::CFGBlock *, const clang::CFGBlock *>, Arm>
      Arms;
  std::map<std::tuple<const clang::CFGBlock *, const clang::CFGBlock *,
                      const Family *>,
           bool>
      ArmReleases;
  FunctionSummary *Recording;
  std::vector<std::optional<int64_t>> KnownArgs;
};

} // namespace connleak

#endif // CONNLEAK_ANALYSIS_FUNCTIONANALYSIS_H
