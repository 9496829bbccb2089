# lit configuration for connleak: substitutions for both front ends and the
# compiler flags of the real client-library headers (from pkg-config).
import os
import shutil
import subprocess

import lit.formats

config.name = "connleak"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "check_both.py", "unit"]
config.test_source_root = os.path.dirname(__file__)
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])


def pkg_cflags(package):
    return subprocess.run(["pkg-config", "--cflags", package], check=True,
                          capture_output=True, text=True).stdout.strip()


check_both = os.path.join(config.test_source_root, "check_both.py")
config.substitutions += [
    ("%check_both",
     "%s %s --connleak %s --clang-tidy %s --plugin %s --clang %s" %
     (config.python, check_both, config.connleak, config.clang_tidy,
      config.plugin, config.clang)),
    ("%connleak", config.connleak),
    ("%builddir", os.path.dirname(config.test_exec_root)),
    ("%{source_root}", config.source_root),
    ("%clang_tidy", config.clang_tidy),
    ("%plugin", config.plugin),
    ("%clang", config.clang),
    ("%python", config.python),
    ("%libpq", pkg_cflags("libpq")),
    ("%sqlite3", pkg_cflags("sqlite3")),
    ("%mysql", pkg_cflags("libmariadb")),
    ("%hiredis", pkg_cflags("hiredis")),
    ("%mongoc", pkg_cflags("libmongoc-1.0")),
    ("%odbc", pkg_cflags("odbc")),
    # freetds-dev ships no .pc file; its headers are in /usr/include.
    ("%freetds", ""),
    ("%pqxx", pkg_cflags("libpqxx")),
    ("%cxx", "-x c++ -std=c++17"),
]


# Runs a command as a user that file permissions apply to: root reads a file
# whatever its mode, so a test of an unreadable file runs as 'nobody' then.
config.substitutions.append(
    ("%as_non_root",
     "setpriv --reuid=nobody --regid=nogroup --clear-groups --"
     if os.geteuid() == 0 else ""))

# Another major version's clang-tidy, for the test that the plugin refuses
# it; ./dev does not install one (docs/reliability.md says why).
# A sanitizer build (CONNLEAK_SANITIZE, docs/reliability.md).
if config.sanitize:
    config.available_features.add("sanitizer")
if shutil.which("parallel"):
    config.available_features.add("gnu-parallel")
if shutil.which("clang-tidy-14"):
    config.available_features.add("clang-tidy-14")

# script(1) needs a pseudo-terminal, which a minimal chroot lacks.
if shutil.which("script") and subprocess.run(
        ["script", "-qc", "true", "/dev/null"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("pty")
