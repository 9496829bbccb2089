#!/usr/bin/env bash
# Builds the benchmark corpus: real database-client sources that Debian ships
# as examples (hiredis, MySQL Connector/C++, libpqxx), plus this
# repository's examples/ and test inputs. Installs the packages it needs, then
# writes OUTDIR/compile_commands.json with every translation unit that
# `clang-19 -fsyntax-only` accepts, and OUTDIR/excluded.txt with the others
# and why.
#
#   bench/corpus.sh [OUTDIR]        (default: build/bench-corpus)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mkdir -p "${1:-$REPO/build/bench-corpus}" && cd "${1:-$REPO/build/bench-corpus}" && pwd)

PACKAGES=(
  # the measured tools
  clang-19 clang-tidy-19 cppcheck time pkg-config python3
  # client libraries and the packages that ship their example programs
  libpq-dev libpqxx-dev libpqxx-doc libmariadb-dev libmysqlcppconn-dev
  libhiredis-dev libboost-dev libsqlite3-dev libmongoc-dev unixodbc-dev
  # event loops the hiredis async examples plug into
  libevent-dev libev-dev libglib2.0-dev libuv1-dev
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "corpus: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends "${missing[@]}"
}

# Every header set a test input of this repository may include.
CLIENT_PKGS=(libpq libmariadb libmongoc-1.0 hiredis)

ENTRIES=$OUT/entries.tsv
EXCLUDED=$OUT/excluded.txt

# add FILE STD PKG... : keep FILE if it compiles with those packages' cflags.
add() {
  local file=$1 std=$2
  shift 2
  local cc=clang-19
  [[ $std == c++* ]] && cc=clang++-19
  local flags=(-std="$std")
  local p
  for p in "$@"; do
    # shellcheck disable=SC2207 # pkg-config output is a flag list
    flags+=($(pkg-config --cflags "$p"))
  done
  local err
  if err=$(cd "$(dirname "$file")" &&
    "$cc" -fsyntax-only "${flags[@]}" "$file" 2>&1 >/dev/null); then
    printf '%s\t%s\t%s\n' "$(dirname "$file")" "$file" \
      "$cc ${flags[*]} -c $file" >>"$ENTRIES"
  else
    printf '%s: %s\n' "$file" \
      "$(grep -m1 -E 'error:' <<<"$err" || echo 'does not compile')" >>"$EXCLUDED"
  fi
}

install_packages
: >"$ENTRIES"
: >"$EXCLUDED"

HIREDIS=/usr/share/doc/libhiredis-dev/examples
add $HIREDIS/example.c gnu11 hiredis
add $HIREDIS/example-libevent.c gnu11 hiredis libevent
add $HIREDIS/example-libev.c gnu11 hiredis
add $HIREDIS/example-glib.c gnu11 hiredis glib-2.0
add $HIREDIS/example-libuv.c gnu11 hiredis libuv
# Adapters for other event loops (Redis's own ae, ivykis, macOS, Qt) have no
# Debian headers; they land in excluded.txt.
add $HIREDIS/example-ae.c gnu11 hiredis
add $HIREDIS/example-ivykis.c gnu11 hiredis
add $HIREDIS/example-macosx.c gnu11 hiredis
add $HIREDIS/example-qt.cpp c++17 hiredis

for f in /usr/share/doc/libmysqlcppconn-dev/examples/*.cpp; do
  add "$f" c++17
done
for f in /usr/share/doc/libpqxx-doc/examples/*.cxx; do
  add "$f" c++17 libpqxx
done

for f in "$REPO"/examples/*.c "$REPO"/test/checks/*.c \
  "$REPO"/test/driver/Inputs/*.c; do
  add "$f" gnu11 "${CLIENT_PKGS[@]}"
done
shopt -s nullglob
for f in "$REPO"/test/checks/*.cpp; do
  add "$f" c++17 "${CLIENT_PKGS[@]}"
done

python3 - "$ENTRIES" "$OUT/compile_commands.json" <<'EOF'
import json, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
json.dump([{"directory": d, "file": f, "command": c} for d, f, c in rows],
          open(sys.argv[2], "w"), indent=1)
EOF
rm "$ENTRIES"
echo "corpus: $(grep -c '"file"' "$OUT/compile_commands.json") translation" \
  "units in $OUT/compile_commands.json," \
  "$(wc -l <"$EXCLUDED") excluded (see $EXCLUDED)"
