// Every form of NOLINT on one shape of leak: the warning at the acquire,
// a note at the leaking return, a note at the branch taken.
#include <libpq-fe.h>

#define CONNECT(info) PQconnectdb(info) // NOLINT(connleak-unreleased)
#define CONNECT_PLAIN(info) PQconnectdb(info)

int plain(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int named(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT(connleak-unreleased)
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int glob(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT(bugprone-*, connleak-*)
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int spaced(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT(  connleak-unreleased  )
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int otherCheck(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT(connleak-double-release)
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int negative(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT(-connleak-unreleased)
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int empty(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT()
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int unclosed(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINT(connleak-unreleased
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int notAKeyword(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINTS nolint NOLINTNEXTLINEX
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int nextLine(const char *info) {
  // NOLINTNEXTLINE(connleak-unreleased)
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int nextLineTooFar(const char *info) {
  // NOLINTNEXTLINE

  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int nextLineOnTheLine(const char *info) {
  PGconn *c = PQconnectdb(info); // NOLINTNEXTLINE
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int noteSuppressed(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK)
    return -1; // NOLINT(connleak-unreleased)
  PQfinish(c);
  return 0;
}

int inMacro(const char *info) {
  PGconn *c = CONNECT(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

int atMacroUse(const char *info) {
  PGconn *c = CONNECT_PLAIN(info); // NOLINT(connleak-unreleased)
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}

// NOLINTBEGIN(connleak-unreleased)
int inBlock(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}
// NOLINTEND(connleak-unreleased)

// NOLINTBEGIN(connleak-double-release)
int inOtherBlock(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}
// NOLINTEND(connleak-double-release)

// NOLINTBEGIN
// NOLINTBEGIN( connleak-double-release )
int nestedBlocks(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}
// NOLINTEND(connleak-double-release)
int afterInnerBlock(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}
// NOLINTEND

int afterBlocks(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (PQstatus(c) != CONNECTION_OK) return -1;
  PQfinish(c);
  return 0;
}
