#!/usr/bin/env python3
"""Writes a compilation database for the real-world TUs of bench/realhead.

Reads bench/realhead/tus.tsv (project, path, library), finds each file in a
directory of extracted snapshots (SNAPSHOTS/<project>/<path>), and gives it
the include paths, macros and client-library flags its project's own build
would give it (PROJECTS below). Headers that a project's configure step
generates (config.h and kin) are written as stubs into a scratch directory,
never into the snapshot or this repository: the stub holds the macros the
configure step would define on Debian 12 (those the TU needs to parse), and
a generated header not listed here is written empty when the first parse
asks for it. Every TU is then parsed with `clang-19 -fsyntax-only`; those
that parse go to SCRATCH/compile_commands.json, the others to
SCRATCH/failed.tsv with their first error.

    bench/realhead/prepare.py SNAPSHOTS SCRATCH [PROJECT...]

With PROJECT names, only those projects' TUs are prepared (for trying a
project's settings).

Snapshots come from `fetch` (github:<owner>/<name>) and
`git archive HEAD | tar -x -C SNAPSHOTS/<name>`; bench/realhead/tus.tsv
names the repositories.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Client-library flags, as pkg-config gives them on Debian 12.
LIBS = {
    "libpq": ["-I/usr/include/postgresql"],
    "mysql": ["-I/usr/include/mariadb", "-I/usr/include/mariadb/mysql"],
    "sqlite": [],
    "odbc": [],
    "hiredis": ["-I/usr/include/hiredis"],
    "mongoc": ["-I/usr/include/libmongoc-1.0", "-I/usr/include/libbson-1.0"],
}
# What GCC 12, the projects' compiler on Debian 12, warns about but clang 19
# rejects: keep it a warning, as the projects' own builds see it.
GCC_DEFAULTS = ["-Wno-error=int-conversion",
                "-Wno-error=incompatible-pointer-types",
                "-Wno-error=implicit-function-declaration"]
GLIB = ["-I/usr/include/glib-2.0",
        "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include"]

# Macros the SIP servers' Makefiles pass to every module (Linux, x86_64).
SIP_COMMON = [
    "-D__CPU_x86_64", "-D__OS_linux", "-DARCH=\"x86_64\"", "-DPKG_MALLOC",
    "-DF_MALLOC", "-DQ_MALLOC", "-DFAST_LOCK", "-DADAPTIVE_WAIT",
    "-DADAPTIVE_WAIT_LOOPS=1024", "-DUSE_FUTEX", "-DUSE_POSIX_SEM",
    "-DCC_GCC_LIKE_ASM", "-DHAVE_SCHED_YIELD", "-DHAVE_SELECT", "-DHAVE_EPOLL",
    "-DHAVE_MSG_NOSIGNAL", "-DHAVE_MSGHDR_MSG_CONTROL", "-DHAVE_ALLOCA_H",
    "-DHAVE_TIMEGM", "-DUSE_TCP",
]

# A configure step's usual answers on Debian 12, for config.h stubs.
AUTOCONF = """#define STDC_HEADERS 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_STRINGS_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_NETINET_IN_H 1
#define HAVE_ARPA_INET_H 1
#define HAVE_NETDB_H 1
#define HAVE_FCNTL_H 1
#define HAVE_LIMITS_H 1
#define HAVE_ERRNO_H 1
#define HAVE_PTHREAD_H 1
#define HAVE_SIGNAL_H 1
#define HAVE_DLFCN_H 1
#define HAVE_LOCALE_H 1
#define HAVE_MALLOC_H 1
#define HAVE_STDBOOL_H 1
#define HAVE_TIME_H 1
#define HAVE_SYS_WAIT_H 1
#define HAVE_STDARG_H 1
#define HAVE_CTYPE_H 1
#define HAVE_STDIO_H 1
#define HAVE_MATH_H 1
#define HAVE_ASSERT_H 1
#define HAVE_PWD_H 1
#define HAVE_GRP_H 1
#define HAVE_SYSLOG_H 1
#define HAVE_DIRENT_H 1
#define HAVE_STRDUP 1
#define HAVE_STRNDUP 1
#define HAVE_STRERROR 1
#define HAVE_STRERROR_R 1
#define HAVE_SNPRINTF 1
#define HAVE_VSNPRINTF 1
#define HAVE_GETTIMEOFDAY 1
#define HAVE_CLOCK_GETTIME 1
#define HAVE_LOCALTIME_R 1
#define HAVE_GMTIME_R 1
#define HAVE_SETLOCALE 1
#define HAVE_ATOMIC_BUILTINS 1
#define SIZEOF_INT 4
#define SIZEOF_LONG 8
#define SIZEOF_LONG_INT 8
#define SIZEOF_LONG_LONG 8
#define SIZEOF_VOID_P 8
#define SIZEOF_SIZE_T 8
#define SIZEOF_OFF_T 8
#define SIZEOF_TIME_T 8
#define _GNU_SOURCE 1
#define HAVE_LONG_INT_64 1
#define HAVE_LONG_LONG_INT_64 1
#define PACKAGE "package"
#define PACKAGE_NAME "package"
#define PACKAGE_VERSION "1.0"
#define PACKAGE_STRING "package 1.0"
#define VERSION "1.0"
"""

DOVECOT_CONFIG = """#define UOFF_T_LONG 1
#define HAVE_VA_COPY 1
#define VA_COPY va_copy
#define SSIZE_T_MAX LONG_MAX
#define PRIuUOFF_T "lu"
#define HAVE_SOCKLEN_T 1
#define HAVE_TYPEOF 1
#define MEM_ALIGN_SIZE 8
#define HAVE_MYSQL_SSL 1
#define HAVE_PQESCAPE_STRING_CONN 1
#define HAVE_SQLITE 1
#define HAVE_MYSQL 1
#define HAVE_PGSQL 1
#define BUILD_MYSQL 1
#define BUILD_PGSQL 1
#define BUILD_SQLITE 1
#define DOVECOT_ABI_VERSION "0.0.0"
#define DOVECOT_VERSION "2.4"
#define DOVECOT_NAME "Dovecot"
#define PKG_LIBDIR "/usr/lib/dovecot"
#define MODULEDIR "/usr/lib/dovecot/modules"
"""

CK_MD = """#define CK_MD_CACHELINE (64)
#define CK_MD_PAGESIZE (4096)
#define CK_MD_RTM_DISABLE
#define CK_MD_LSE_DISABLE
#define CK_MD_POINTER_PACK_DISABLE
#define CK_MD_VMA_BITS_UNKNOWN
#define CK_MD_TSO
#define CK_VERSION "0.7"
#define CK_GIT_SHA ""
"""

PDNS_CONFIG = """#define SYSCONFDIR "/etc/powerdns"
#define PKGLIBDIR "/usr/lib/powerdns"
#define LOCALSTATEDIR "/var/run"
#define VERSION "4.9"
#define HAVE_BOOST_CONTAINER_FLAT_SET_HPP 1
#define HAVE_EVP_PKEY_CTX_SET1_SCRYPT_SALT 0
"""


def project(std="gnu11", cwd="file", include=(), defines=(), extra=(),
            stubs=None, links=None, own_headers=False):
    """A project's build settings: the standard, where each TU is compiled
    from ('file': its own directory; 'root': the snapshot's root; or a
    sub-directory), include directories relative to the snapshot's root,
    macros, further flags, generated headers as {name: text}, include
    directories its build fills with links to source files and directories
    ({directory: [glob relative to the root]}), and
    whether it ships the client library's headers itself (hiredis)."""
    return {"std": std, "cwd": cwd, "include": list(include),
            "defines": list(defines), "extra": list(extra),
            "stubs": stubs or {}, "links": links or {},
            "own_headers": own_headers}


PROJECTS = {
    "kamailio": project(defines=SIP_COMMON + [
        "-DNAME=\"kamailio\"", "-DVERSION=\"6.1.0-dev\"",
        "-DOS_QUOTED=\"linux\"", "-DMOD_NAME=\"module\"",
        "-DSHM_MEM", "-DKAMAILIO_MOD_INTERFACE", "-DUSE_PTHREAD_MUTEX",
        "-DHAVE_SCHED_SETSCHEDULER", "-DHAVE_IP_MREQN", "-DUSE_RAW_SOCKS",
        "-DUSE_DNS_FAILOVER", "-DUSE_DST_BLOCKLIST", "-DUSE_NAPTR",
        "-DWITH_XAVP", "-DMEM_JOIN_FREE", "-DTLSF_MALLOC", "-DUSE_TLS",
        "-DTLS_HOOKS"]),
    "opensips": project(defines=SIP_COMMON + [
        "-DNAME=\"opensips\"", "-DVERSION=\"3.6.0-dev\"", "-DOS=\"linux\"",
        "-DCOMPILER=\"clang\"", "-DMOD_NAME=\"module\"", "-DSHM_MMAP",
        "-DUSE_MCAST", "-DHP_MALLOC", "-DHAVE_GETHOSTBYNAME2",
        "-DHAVE_UNION_SEMUN", "-DHAVE_SIGIO_RT", "-DUSE_TLS"],
        extra=["-I/usr/include/lua5.1"]),
    "collectd": project(
        include=["src", "src/daemon"], defines=["-DHAVE_CONFIG_H"],
        stubs={"config.h": AUTOCONF + "#define PACKAGE_NAME \"collectd\"\n"
               "#define PACKAGE_VERSION \"6.0\"\n#define HAVE_MYSQL_H 1\n"
               "#define HAVE_LIBMONGOC 1\n#define HAVE_LIBHIREDIS 1\n"
               "#define PREFIX \"/usr\"\n#define PKGLOCALSTATEDIR "
               "\"/var/lib/collectd\"\n#define PLUGINDIR \"/usr/lib\"\n"
               "#define PKGDATADIR \"/usr/share/collectd\"\n"
               "#define CONFIGFILE \"/etc/collectd.conf\"\n"
               "#define LOCALSTATEDIR \"/var\"\n#define FP_LAYOUT_NEED_NOTHING 1\n#define NAN_STATIC_DEFAULT 1\n",
               "gnulib_config.h": ""}),
    "dovecot": project(include=["src/lib", "src/lib-settings", "src/lib-sql",
                                "src/lib-var-expand", "src/lib-ssl-iostream"],
                       defines=["-DHAVE_CONFIG_H"],
                       stubs={"config.h": AUTOCONF + DOVECOT_CONFIG}),
    "exim": project(cwd="src/src", include=["src/src"]),
    "freeradius-server": project(
        include=["src"], defines=["-DHAVE_CONFIG_H"],
        extra=["-include", "freeradius-devel/autoconf.h",
               "-include", "freeradius-devel/build.h"],
        links={"freeradius-devel": ["src/lib/*", "src/include/*.h",
                                    "src/modules/rlm_sql"]},
        stubs={"freeradius-devel/autoconf.h": AUTOCONF +
               "#define HAVE_128BIT_INTEGERS 1\n"
               "typedef __uint128_t uint128_t;\n"
               "typedef __int128_t int128_t;\n",
               "freeradius-devel/features.h": "",
               "freeradius-devel/missing.h": ""}),
    "hiredis": project(include=[""], extra=GLIB, own_headers=True),
    "mydumper": project(include=["src"], extra=GLIB, stubs={
        "config.h": AUTOCONF + "#define DB_LIBRARY \"MySQL\"\n"
        "#define MYSQL_VERSION_STR \"10.11\"\n"}),
    "pgbouncer": project(include=["include", "lib"],
                         stubs={"usual/config.h": AUTOCONF}),
    "pgpool2": project(include=["src/include"], stubs={
        name: AUTOCONF + "#define HAVE_STRUCT_SOCKADDR_STORAGE 1\n"
        "#define HAVE_STRUCT_SOCKADDR_STORAGE_SS_FAMILY 1\n"
        "#define ACCEPT_TYPE_ARG3 socklen_t\n#define RETSIGTYPE void\n"
        for name in ("config.h", "include/config.h")}),
    "postfix": project(include=["postfix/src/global", "postfix/src/util",
                                "postfix/src/dns"],
                       defines=["-DLINUX6", "-DHAS_PGSQL", "-DHAS_MYSQL",
                                "-DHAS_SQLITE", "-DHAS_MONGODB"]),
    "rsyslog": project(include=["", "runtime", "grammar"],
                       extra=["-I/usr/include/libfastjson"],
                       defines=["-DHAVE_CONFIG_H"],
                       stubs={"config.h": AUTOCONF}),
    "sysbench": project(
        include=["src", "third_party/concurrency_kit/ck/include"],
        defines=["-DHAVE_CONFIG_H"],
        stubs={"config.h": AUTOCONF + "#define USE_MYSQL 1\n"
               "#define USE_PGSQL 1\n#define HAVE_ISATTY 1\n"
               "#define TLS __thread\n",
               "ck_md.h": CK_MD}),
    "ulogd2": project(include=["include"], defines=["-DHAVE_CONFIG_H"],
                      stubs={"config.h": AUTOCONF}),
    "unixODBC": project(include=["include"], defines=["-DHAVE_CONFIG_H"],
                        stubs={"config.h": AUTOCONF}),
    "webdis": project(include=["src"]),
    "soci": project(include=["include", "include/private"], defines=[
        "-DSOCI_SOURCE", "-DSOCI_MYSQL_SOURCE", "-DSOCI_ODBC_SOURCE",
        "-DSOCI_POSTGRESQL_SOURCE", "-DSOCI_SQLITE3_SOURCE"], stubs={
        "soci/soci-config.h": "#define SOCI_HAVE_MYSQL 1\n"
        "#define SOCI_HAVE_ODBC 1\n#define SOCI_HAVE_POSTGRESQL 1\n"
        "#define SOCI_HAVE_SQLITE3 1\n"}),
    "pdns": project(cwd="root", include=["", "pdns", "pdns/backends/gsql",
                                         "ext/json11", "ext"],
                    defines=["-DHAVE_CONFIG_H", "-DPDNS_AUTH"],
                    stubs={"config.h": AUTOCONF + PDNS_CONFIG}),
    "poco": project(include=["Foundation/include", "Data/include",
                             "dependencies/tessil/include",
                             "Data/MySQL/include", "Data/PostgreSQL/include",
                             "Data/SQLite/include", "Data/ODBC/include"],
                    defines=["-DPOCO_UNBUNDLED", "-DPOCO_NO_AUTOMATIC_LIBS",
                             "-DTHREADSAFE=1"]),
    "redis-plus-plus": project(include=[
        "src", "src/sw/redis++/cxx17", "src/sw/redis++/no_tls",
        "src/sw/redis++/future/std"],
        stubs={"sw/redis++/hiredis_features.h": ""}),
    "doxygen": project(include=["src", "libversion", "liblodepng",
                                "libmscgen", "libxml", "deps/spdlog/include",
                                "deps/fmt/include", "deps/sqlite3",
                                "vhdlparser", "deps/filesystem"]),
}


def read_tus():
    rows = []
    for line in (HERE / "tus.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def write_stubs(scratch, root, name, settings):
    """Writes the project's generated headers and links; a sub-directory
    (a/b, on the include path with a) lets `#include "../config.h"` and
    "../../include/config.h" from a source sub-directory find them."""
    stub_dir = scratch / "stubs" / name
    (stub_dir / "a" / "b").mkdir(parents=True, exist_ok=True)
    for header, text in settings["stubs"].items():
        path = stub_dir / header
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    for directory, patterns in settings["links"].items():
        (stub_dir / directory).mkdir(parents=True, exist_ok=True)
        for target in (t for p in patterns for t in root.glob(p)):
            path = stub_dir / directory / target.name
            if not path.exists():
                path.symlink_to(target)
    return stub_dir


def is_cxx(file):
    return Path(file).suffix in (".cc", ".cpp", ".cxx")


def flags_for(root, stub_dir, settings, library, file):
    std = "c++17" if is_cxx(file) else settings["std"]
    flags = ["-std=" + std, *GCC_DEFAULTS, "-I" + str(stub_dir),
             "-I" + str(stub_dir / "a"), "-I" + str(stub_dir / "a" / "b")]
    flags += ["-I" + str(root / d) for d in settings["include"]]
    flags += settings["defines"] + settings["extra"]
    if not settings["own_headers"]:
        for lib in library.split(","):
            flags += LIBS[lib]
    return flags


MISSING = re.compile(r"fatal error: '([^']+)' file not found")
GENERATED = re.compile(r"(^|/)(config|autoconf|build|version|.*_config|"
                       r"config_.*|.*-config|.*_version)\.h$")


def compiler(file):
    return "clang++-19" if is_cxx(file) else "clang-19"


def parse(cwd, flags, file, stub_dir):
    """Parses the TU; writes an empty stub for a generated header the first
    parse asks for. Returns (ok, first error, stubbed headers)."""
    stubbed = []
    for _ in range(6):
        proc = subprocess.run([compiler(file), *flags, "-fsyntax-only", file],
                              cwd=cwd, capture_output=True, text=True)
        if proc.returncode == 0:
            return True, "", stubbed
        missing = MISSING.search(proc.stderr)
        if not (missing and GENERATED.search(missing.group(1))):
            break
        stub = (stub_dir / "a" / "b" / missing.group(1)).resolve()
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text("")
        stubbed.append(missing.group(1))
    first = next((l for l in proc.stderr.splitlines() if "error:" in l),
                 "does not parse")
    return False, first, stubbed


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: prepare.py SNAPSHOTS SCRATCH [PROJECT...]")
    only = set(sys.argv[3:])
    snapshots = Path(sys.argv[1]).resolve()
    scratch = Path(sys.argv[2]).resolve()
    scratch.mkdir(parents=True, exist_ok=True)
    entries, failed = [], []
    for name, path, library in read_tus():
        if only and name not in only:
            continue
        settings = PROJECTS[name]
        root = snapshots / name
        file = root / path
        if not file.exists():
            failed.append(f"{name}\t{path}\tnot in the snapshots")
            continue
        stub_dir = write_stubs(scratch, root, name, settings)
        cwd = {"file": file.parent, "root": root}.get(settings["cwd"],
                                                       root / settings["cwd"])
        flags = flags_for(root, stub_dir, settings, library, file)
        ok, error, stubbed = parse(cwd, flags, str(file), stub_dir)
        if ok:
            entries.append({"directory": str(cwd), "file": str(file),
                            "arguments": [compiler(file), *flags, "-c",
                                          str(file)]})
        else:
            failed.append(f"{name}\t{path}\t{error.strip()}")
        print(f"prepare: {name}/{path}: {'ok' if ok else error.strip()}"
              + (f" (stubbed {', '.join(stubbed)})" if stubbed else ""),
              file=sys.stderr, flush=True)
    (scratch / "compile_commands.json").write_text(
        json.dumps(entries, indent=1))
    (scratch / "failed.tsv").write_text("".join(f + "\n" for f in failed))
    print(f"prepare: {len(entries)} TUs parse, {len(failed)} do not "
          f"(see {scratch / 'failed.tsv'})", file=sys.stderr)


if __name__ == "__main__":
    main()
