// The inventory's two backends as one parameterised fixture, so every suite
// that must hold on both (backend_test, campaign_test) runs against a fresh
// SQLite file and a fresh database on a real PostgreSQL server.
#ifndef AMTSCOPE_INVENTORY_BACKEND_TESTUTIL_H_
#define AMTSCOPE_INVENTORY_BACKEND_TESTUTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "inventory/inventory.h"

namespace amtscope::testing {

enum class Backend { kSqlite, kPostgres };

/// A fresh inventory URL per test on backend GetParam(); skips the test when
/// PostgreSQL cannot be started here.
class BackendFixture : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override;
  void TearDown() override;
  /// Opens url_, failing the test (nullptr) when it cannot.
  std::unique_ptr<Inventory> Open();

  std::string url_;
};

/// "Sqlite" or "Postgres": the name INSTANTIATE_BACKENDS gives each run.
std::string BackendName(const ::testing::TestParamInfo<Backend>& info);

}  // namespace amtscope::testing

/// Runs the TEST_Ps of `fixture` (a BackendFixture) on both backends.
#define INSTANTIATE_BACKENDS(fixture)                             \
  INSTANTIATE_TEST_SUITE_P(                                       \
      Backends, fixture,                                          \
      ::testing::Values(::amtscope::testing::Backend::kSqlite,    \
                        ::amtscope::testing::Backend::kPostgres), \
      ::amtscope::testing::BackendName)

#endif  // AMTSCOPE_INVENTORY_BACKEND_TESTUTIL_H_
