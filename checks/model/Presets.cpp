//===--- Presets.cpp - Families of the real client libraries --------------===//
//
// Each rule here is checked against the library's own header and manual.
//
//===----------------------------------------------------------------------===//

#include "model/ResourceModel.h"

namespace connleak {

static AcquireRule returns(std::string Function) {
  return {std::move(Function), HandleOutput::ReturnValue, 0,
          FailureRule::NullMeansNoHandle};
}

/// libpq (libpq-fe.h): every PGconn, even one whose status is
/// CONNECTION_BAD, must be passed to PQfinish; only NULL (out of memory)
/// needs nothing.
static Family libpqConnection() {
  Family F;
  F.Name = "libpq.connection";
  F.Description = "PostgreSQL connection";
  for (const char *Fn : {"PQconnectdb", "PQconnectdbParams", "PQsetdbLogin",
                         "PQconnectStart", "PQconnectStartParams"})
    F.Acquires.push_back(returns(Fn));
  F.Releases.push_back({"PQfinish", 0});
  return F;
}

/// libpq: every PGresult must be passed to PQclear, also one whose status
/// is an error; a NULL result (out of memory, or no more results from
/// PQgetResult) needs nothing.
static Family libpqResult() {
  Family F;
  F.Name = "libpq.result";
  F.Description = "PostgreSQL result";
  for (const char *Fn : {"PQexec", "PQexecParams", "PQexecPrepared",
                         "PQprepare", "PQdescribePrepared", "PQdescribePortal",
                         "PQgetResult", "PQmakeEmptyPGresult", "PQcopyResult"})
    F.Acquires.push_back(returns(Fn));
  F.Releases.push_back({"PQclear", 0});
  return F;
}

/// libpq: PQgetCancel's object is freed by PQfreeCancel.
static Family libpqCancel() {
  Family F;
  F.Name = "libpq.cancel";
  F.Description = "PostgreSQL cancel object";
  F.Acquires.push_back(returns("PQgetCancel"));
  F.Releases.push_back({"PQfreeCancel", 0});
  return F;
}

/// libpq: a PGnotify from PQnotifies is freed by PQfreemem.
static Family libpqNotify() {
  Family F;
  F.Name = "libpq.notify";
  F.Description = "PostgreSQL notification";
  F.Acquires.push_back(returns("PQnotifies"));
  F.Releases.push_back({"PQfreemem", 0});
  return F;
}

void addPresetFamilies(ResourceModel &Model) {
  Model.addFamily(libpqConnection());
  Model.addFamily(libpqResult());
  Model.addFamily(libpqCancel());
  Model.addFamily(libpqNotify());
}

} // namespace connleak
