// A throwaway PostgreSQL server for tests: initdb + pg_ctl into a temporary
// directory, Unix socket only (listen_addresses=''), as the `postgres` user
// when run as root (PostgreSQL refuses root).
#ifndef AMTSCOPE_INVENTORY_PG_TESTUTIL_H_
#define AMTSCOPE_INVENTORY_PG_TESTUTIL_H_

#include <string>

namespace amtscope::testing {

class TestPostgres {
 public:
  /// The one server of this test binary, started on first use; nullptr with
  /// `*why` set when the binaries are absent or the server did not start.
  static TestPostgres* Get(std::string* why);
  /// A URL to a fresh, empty database.
  std::string NewDatabase();
  /// Stops the server and deletes its directory.
  void Stop();

 private:
  std::string dir_;
  std::string bin_;
  int databases_ = 0;
};

}  // namespace amtscope::testing

#endif  // AMTSCOPE_INVENTORY_PG_TESTUTIL_H_
