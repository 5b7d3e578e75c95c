#include "inventory/backend_testutil.h"

#include <unistd.h>

#include <filesystem>

#include "inventory/pg_testutil.h"

namespace amtscope::testing {

void BackendFixture::SetUp() {
  if (GetParam() == Backend::kSqlite) {
    static int n = 0;
    url_ = ::testing::TempDir() + "/inv" + std::to_string(getpid()) + "_" +
           std::to_string(++n) + "/inventory.sqlite";
    return;
  }
  std::string why;
  TestPostgres* pg = TestPostgres::Get(&why);
  if (pg == nullptr) GTEST_SKIP() << "PostgreSQL backend not tested: " << why;
  url_ = pg->NewDatabase();
}

void BackendFixture::TearDown() {
  if (GetParam() == Backend::kSqlite && !url_.empty()) {
    std::filesystem::remove_all(std::filesystem::path(url_).parent_path());
  }
}

std::unique_ptr<Inventory> BackendFixture::Open() {
  auto inv = OpenInventory(url_);
  EXPECT_TRUE(inv.ok()) << inv.status().ToString();
  return inv.ok() ? std::move(inv).value() : nullptr;
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

}  // namespace amtscope::testing
