/* Conditions on values flags.c defines: the `_clean` functions release the
   connection on every path that can run, the others leak it on one. */

#include <libpq-fe.h>

extern int configured, disabled, retries, toggled;
extern const int ENABLED;
int always_true(void);
int always_false(void);

void variable_clean(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (configured)
    PQfinish(c);
}

void tentative_zero_clean(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (!disabled)
    PQfinish(c);
}

void compared_clean(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (retries == 5)
    PQfinish(c);
}

void const_clean(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (ENABLED)
    PQfinish(c);
}

void call_clean(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (!always_false())
    PQfinish(c);
}

void variable_leak(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (disabled)
    PQfinish(c);
}

void call_leak(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (always_true())
    return;
  PQfinish(c);
}

void written_leak(const char *info) {
  PGconn *c = PQconnectdb(info);
  if (toggled)
    PQfinish(c);
}
