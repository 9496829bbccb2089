/* The recorded truth for the differential test over the real SQLite
 * library: linked with --wrap for sqlite3_open, sqlite3_close and
 * sqlite3_exec, every database is an in-memory one opened by the real
 * library. Closes are deferred to the end of each run, so no address is
 * reused while a second close or a use after close can still be seen. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime_main.h"

int __real_sqlite3_open(const char *filename, sqlite3 **db);
int __real_sqlite3_close(sqlite3 *db);
int __real_sqlite3_exec(sqlite3 *db, const char *sql,
                        int (*callback)(void *, int, char **, char **),
                        void *arg, char **errmsg);

struct record {
  sqlite3 *db;
  int site;
  int released;
};

#define MAX_HANDLES 4096
static struct record Records[MAX_HANDLES];
static int NumRecords;
static int CurrentFunction;

static void event(const char *kind, int site) {
  printf("%s f%d s%d\n", kind, CurrentFunction, site);
}

static struct record *find(sqlite3 *db) {
  for (int i = NumRecords - 1; i >= 0; --i)
    if (Records[i].db == db)
      return &Records[i];
  return NULL;
}

int __wrap_sqlite3_open(const char *filename, sqlite3 **db) {
  int rc = __real_sqlite3_open(":memory:", db);
  if (*db && NumRecords < MAX_HANDLES)
    Records[NumRecords++] = (struct record){*db, atoi(filename + 1), 0};
  return rc;
}

int __wrap_sqlite3_close(sqlite3 *db) {
  struct record *r = db ? find(db) : NULL;
  if (!r)
    return SQLITE_OK;
  if (r->released)
    event("double-release", r->site);
  r->released = 1;
  return SQLITE_OK;
}

int __wrap_sqlite3_exec(sqlite3 *db, const char *sql,
                        int (*callback)(void *, int, char **, char **),
                        void *arg, char **errmsg) {
  struct record *r = find(db);
  if (r && r->released) {
    event("use-after-release", r->site);
    return SQLITE_MISUSE;
  }
  return __real_sqlite3_exec(db, sql, callback, arg, errmsg);
}

static void end(sqlite3 **escaped, int numEscaped) {
  for (int i = 0; i < NumRecords; ++i) {
    int kept = 0;
    for (int j = 0; j < numEscaped; ++j)
      kept |= escaped[j] == Records[i].db;
    if (!Records[i].released && !kept)
      event("leak", Records[i].site);
    __real_sqlite3_close(Records[i].db);
  }
  NumRecords = 0;
}

extern sqlite3 *Slots[16];

static void begin(int function) {
  memset(Slots, 0, sizeof Slots);
  CurrentFunction = function;
}

static void endOfRun(void) { end(Slots, 16); }

int main(void) {
  runAll(begin, endOfRun);
  return 0;
}
