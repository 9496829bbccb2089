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

void addPresetFamilies(ResourceModel &Model) {
  Model.addFamily(libpqConnection());
}

} // namespace connleak
