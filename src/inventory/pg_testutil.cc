// TestPostgres: see pg_testutil.h.
#include "inventory/pg_testutil.h"

#include <glob.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "inventory/sql_connection.h"

namespace amtscope::testing {
namespace {

std::string FindBin() {
  glob_t g{};
  std::string found;
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &g) == 0 &&
      g.gl_pathc > 0) {
    found = std::filesystem::path(g.gl_pathv[g.gl_pathc - 1])
                .parent_path()
                .string();
  }
  globfree(&g);
  return found;
}

std::string AsPostgres(const std::string& cmd) {
  return geteuid() == 0 ? "runuser -u postgres -- " + cmd : cmd;
}

bool Run(const std::string& cmd) { return std::system(cmd.c_str()) == 0; }

}  // namespace

TestPostgres* TestPostgres::Get(std::string* why) {
  static TestPostgres* server = nullptr;
  static std::string failure;
  if (server != nullptr || !failure.empty()) {
    *why = failure;
    return server;
  }
  auto pg = std::make_unique<TestPostgres>();
  pg->bin_ = FindBin();
  if (pg->bin_.empty()) {
    failure =
        "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin "
        "(apt-get install postgresql)";
    *why = failure;
    return nullptr;
  }
  char tmpl[] = "/tmp/amtscope-pg-XXXXXX";
  pg->dir_ = mkdtemp(tmpl);
  std::string data = pg->dir_ + "/data";
  if (geteuid() == 0) Run("chown postgres " + pg->dir_);
  bool ok = Run(AsPostgres(pg->bin_ + "/initdb -D " + data +
                           " -A trust -U postgres -E UTF8 --no-sync >" +
                           pg->dir_ + "/initdb.log 2>&1")) &&
            Run(AsPostgres(
                pg->bin_ + "/pg_ctl -D " + data + " -l " + pg->dir_ +
                "/server.log -w -o \"-c listen_addresses='' -k " + pg->dir_ +
                " -c fsync=off -c max_connections=50\" start >/dev/null 2>&1"));
  if (!ok) {
    failure = "could not start PostgreSQL in " + pg->dir_ +
              " (see its initdb.log and server.log)";
    *why = failure;
    return nullptr;
  }
  server = pg.release();
  std::atexit([] { server->Stop(); });
  return server;
}

std::string TestPostgres::NewDatabase() {
  std::string name = "t" + std::to_string(++databases_);
  auto admin =
      OpenPostgresConnection("postgresql://postgres@/postgres?host=" + dir_);
  if (admin.ok()) (void)(*admin)->Query("CREATE DATABASE " + name, {});
  return "postgresql://postgres@/" + name + "?host=" + dir_;
}

void TestPostgres::Stop() {
  if (dir_.empty()) return;
  Run(AsPostgres(bin_ + "/pg_ctl -D " + dir_ +
                 "/data -m immediate -w stop >/dev/null 2>&1"));
  std::filesystem::remove_all(dir_);
  dir_.clear();
}

}  // namespace amtscope::testing
