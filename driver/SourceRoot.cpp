//===--- SourceRoot.cpp - Where report paths are relative to --------------===//

#include "SourceRoot.h"
#include "Baseline.h"
#include "Options.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace connleak::driver {
namespace {

/// The nearest directory at or above \p Dir that has a `.git`.
std::string gitTopLevel(llvm::StringRef Dir) {
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
  }
  return "";
}

std::string findSourceRoot() {
  llvm::SmallString<256> Root(options::SourceRoot);
  if (!Root.empty()) {
    llvm::sys::fs::make_absolute(Root);
    llvm::sys::path::remove_dots(Root, /*remove_dot_dot=*/true);
    return std::string(Root);
  }
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return "";
  if (std::string Git = gitTopLevel(Cwd); !Git.empty())
    return Git;
  if (!options::BaselinePath.empty())
    if (std::string Recorded = Baseline::recordedRoot(options::BaselinePath);
        !Recorded.empty())
      return Recorded;
  return std::string(Cwd);
}

/// The first line git prints for \p Args run in the source root; empty when
/// git is missing or fails.
std::string git(llvm::ArrayRef<llvm::StringRef> Args) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return "";
  llvm::SmallString<128> Output;
  if (llvm::sys::fs::createTemporaryFile("connleak-git", "txt", Output))
    return "";
  llvm::FileRemover RemoveOutput(Output);
  std::vector<llvm::StringRef> Argv{*Git, "-C", sourceRoot()};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), Output.str(), llvm::StringRef("")};
  if (llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects) != 0)
    return "";
  auto Text = llvm::MemoryBuffer::getFile(Output);
  if (!Text)
    return "";
  return (*Text)->getBuffer().split('\n').first.trim().str();
}

/// \p HostPart without the `user[:password]@` in front of the host.
llvm::StringRef withoutUserInfo(llvm::StringRef HostPart) {
  return HostPart.contains('@') ? HostPart.rsplit('@').second : HostPart;
}

/// \p Remote, as `git remote get-url` prints it, as the absolute URI SARIF
/// requires: a URL keeps its scheme and loses any credentials, scp-like
/// `user@host:path` becomes `ssh://host/path`, and a local path (relative
/// ones are relative to the checkout) becomes a `file://` URI.
std::string remoteUri(llvm::StringRef Remote) {
  if (auto [Scheme, Rest] = Remote.split("://"); !Rest.empty()) {
    auto [Authority, Path] = Rest.split('/');
    return (Scheme + "://" + withoutUserInfo(Authority) +
            (Path.empty() ? "" : "/") + Path)
        .str();
  }
  if (auto [Host, Path] = Remote.split(':');
      !Path.empty() && !Host.contains('/'))
    return ("ssh://" + withoutUserInfo(Host) + "/" + Path.ltrim('/')).str();
  llvm::SmallString<256> Local(Remote);
  llvm::sys::fs::make_absolute(sourceRoot(), Local);
  llvm::sys::path::remove_dots(Local, /*remove_dot_dot=*/true);
  return fileUri(Local);
}

} // namespace

const std::string &sourceRoot() {
  static const std::string Root = findSourceRoot();
  return Root;
}

std::string relativeToSourceRoot(llvm::StringRef Path) {
  const std::string &Root = sourceRoot();
  llvm::SmallString<256> Relative(Path);
  llvm::sys::path::remove_dots(Relative, /*remove_dot_dot=*/true);
  if (!Root.empty() && llvm::sys::path::replace_path_prefix(Relative, Root, ""))
    return llvm::sys::path::relative_path(Relative).str();
  return Path.str();
}

std::optional<GitCheckout> gitCheckout() {
  if (gitTopLevel(sourceRoot()).empty())
    return std::nullopt;
  GitCheckout Checkout;
  Checkout.RevisionId = git({"rev-parse", "--verify", "-q", "HEAD"});
  if (Checkout.RevisionId.empty())
    return std::nullopt;
  std::string Remote = git({"remote", "get-url", "origin"});
  Checkout.RepositoryUri =
      Remote.empty() ? fileUri(sourceRoot()) : remoteUri(Remote);
  Checkout.Branch = git({"symbolic-ref", "-q", "--short", "HEAD"});
  return Checkout;
}

std::string fileUri(llvm::StringRef Path) {
  std::string Uri = llvm::sys::path::is_absolute(Path) ? "file://" : "";
  for (char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += "%" + llvm::utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Uri;
}

} // namespace connleak::driver
