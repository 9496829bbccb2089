/* The recorded truth for the differential test: a stand-in for the few
 * libpq functions the generated programs call, with the signatures of the
 * real libpq-fe.h. Connections are never freed, so a second PQfinish or a
 * use after PQfinish is seen rather than undefined. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "runtime_main.h"

struct pg_conn {
  int site;
  int released;
};

#define MAX_HANDLES 4096
static struct pg_conn *Handles[MAX_HANDLES];
static int NumHandles;
static int CurrentFunction;

void rt_begin(int function) {
  CurrentFunction = function;
  NumHandles = 0;
}

static void event(const char *kind, int site) {
  printf("%s f%d s%d\n", kind, CurrentFunction, site);
}

PGconn *PQconnectdb(const char *conninfo) {
  struct pg_conn *c = calloc(1, sizeof *c);
  c->site = atoi(conninfo + 1); /* "s<site>" */
  if (NumHandles < MAX_HANDLES)
    Handles[NumHandles++] = c;
  return c;
}

void PQfinish(PGconn *conn) {
  if (!conn)
    return;
  if (conn->released)
    event("double-release", conn->site);
  conn->released = 1;
}

ConnStatusType PQstatus(const PGconn *conn) {
  if (conn && conn->released)
    event("use-after-release", conn->site);
  return conn ? CONNECTION_OK : CONNECTION_BAD;
}

int PQserverVersion(const PGconn *conn) {
  if (conn && conn->released)
    event("use-after-release", conn->site);
  return conn ? 150000 : 0;
}

/* Functions the generated programs only declare (gen.py --unknown). */
static struct pg_conn *Adopted[MAX_HANDLES];
static int NumAdopted;

void logHandle(PGconn *conn) { PQstatus(conn); }

void adoptHandle(PGconn *conn) {
  if (NumAdopted < MAX_HANDLES)
    Adopted[NumAdopted++] = conn;
}

/* Handles still unreleased after the call, except those in Escaped[] and
 * those adopted. */
void rt_end(PGconn **escaped, int numEscaped) {
  for (int i = 0; i < NumHandles; ++i) {
    struct pg_conn *c = Handles[i];
    int kept = 0;
    for (int j = 0; j < NumAdopted; ++j)
      kept |= Adopted[j] == c;
    for (int j = 0; j < numEscaped; ++j)
      kept |= escaped[j] == c;
    if (!c->released && !kept)
      event("leak", c->site);
  }
  NumAdopted = 0;
}

extern PGconn *Slots[16];

static void begin(int function) {
  memset(Slots, 0, sizeof Slots);
  rt_begin(function);
}

static void end(void) { rt_end(Slots, 16); }

int main(void) {
  runAll(begin, end);
  return 0;
}
