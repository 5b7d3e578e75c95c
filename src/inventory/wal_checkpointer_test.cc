#include "inventory/wal_checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace amtscope {
namespace {

constexpr int kPageSize = 4096;
constexpr int kCommits = 400;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/wal_checkpointer_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() +
            ".sqlite";
    std::filesystem::remove(path_);
    std::filesystem::remove(path_ + "-wal");
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
    Exec(
        "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;"
        " CREATE TABLE t (x BLOB NOT NULL)");
  }
  void TearDown() override { sqlite3_close_v2(db_); }

  void Exec(const std::string& sql) {
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db_);
  }
  // kCommits transactions of two pages each; the largest WAL seen, in pages.
  int64_t WriteAndWatch() {
    int64_t largest = 0;
    for (int i = 0; i < kCommits; ++i) {
      Exec("INSERT INTO t VALUES (randomblob(6000))");
      largest = std::max<int64_t>(
          largest,
          static_cast<int64_t>(std::filesystem::file_size(path_ + "-wal")) /
              kPageSize);
    }
    return largest;
  }
  int64_t Rows(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM t", -1, &stmt, nullptr);
    int64_t n =
        sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close_v2(db);
    return n;
  }

  std::string path_;
  sqlite3* db_ = nullptr;
};

TEST_F(WalCheckpointerTest, TheThreadCopiesAndTheLogStaysBounded) {
  int64_t largest = 0;
  int completed = 0;
  {
    WalCheckpointer checkpointer(db_, path_, {.background = 32, .writer = 128});
    largest = WriteAndWatch();
    completed = checkpointer.completed();
  }
  EXPECT_GT(completed, 0);
  // The writer's bound, give or take the commits whose own checkpoint met
  // the thread's (busy: retried at the next commit).
  EXPECT_LE(largest, 2 * 128);
  sqlite3_close_v2(db_);
  db_ = nullptr;
  EXPECT_EQ(Rows(path_), kCommits);
}

TEST_F(WalCheckpointerTest, WithoutTheThreadTheWriterStillBoundsTheLog) {
  // The thread cannot open this path; the writer's own checkpoints remain.
  WalCheckpointer checkpointer(db_, path_ + ".missing/x",
                               {.background = 32, .writer = 128});
  int64_t largest = WriteAndWatch();
  EXPECT_EQ(checkpointer.completed(), 0);
  // The bound plus one commit's frames (their headers make them 4,120 bytes).
  EXPECT_LE(largest, 128 + 8);
  EXPECT_EQ(Rows(path_), kCommits);
}

}  // namespace
}  // namespace amtscope
