// SqliteConnection: libsqlite3, WAL, a long busy timeout so concurrent
// writers wait instead of failing, prepared statements cached by SQL text.
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "inventory/sql_connection.h"
#include "inventory/wal_checkpointer.h"

namespace amtscope {
namespace {

constexpr int kBusyTimeoutMs = 60000;

class SqliteConnection : public SqlConnection {
 public:
  SqliteConnection(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)) {}
  ~SqliteConnection() override {
    checkpointer_.reset();  // its thread uses the file until it stops
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

  Result<std::vector<SqlRow>> Query(
      std::string_view sql, const std::vector<SqlValue>& params) override {
    AMTSCOPE_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    // Reset and unbound since its last use (below): every parameter of the
    // text is bound now, so clearing again would only cost a pass over them.
    for (size_t i = 0; i < params.size(); ++i)
      Bind(stmt, static_cast<int>(i + 1), params[i]);
    std::vector<SqlRow> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
      rows.push_back(ReadRow(stmt));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);  // no pointer into `params` outlives them
    if (rc != SQLITE_DONE) return Error(rc);
    return rows;
  }

  Status BeginWrite() override { return Exec("BEGIN IMMEDIATE"); }
  Status Commit() override { return Exec("COMMIT"); }
  void Rollback() override { (void)Exec("ROLLBACK"); }

  /// Checkpoints from now on mostly on a thread of their own
  /// (wal_checkpointer.h).
  void CheckpointInBackground() {
    checkpointer_ =
        std::make_unique<WalCheckpointer>(db_, path_, WalCheckpointPages{});
  }

  Status Exec(const char* sql) {
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : Error(rc);
  }

  Status Error(int rc) const {
    std::string what = "inventory " + Describe() + ": " + sqlite3_errmsg(db_);
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
      return Status::Unavailable(
          what,
          "another process holds the database; retry, or use --db elsewhere");
    }
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
      return Status::Corruption(
          what,
          "the file is not an amtscope inventory or is damaged; move it away "
          "or give --db another path");
    }
    if (primary == SQLITE_FULL)
      return Status::IoError(what, "the disk is full; free space and retry");
    if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN ||
        primary == SQLITE_PERM) {
      return Status::PermissionDenied(
          what, "check the file's permissions or give --db another path");
    }
    return Status::IoError(what);
  }

 private:
  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second;
    std::string key(sql);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()),
                                &stmt, nullptr);
    if (rc != SQLITE_OK) return Error(rc);
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  static void Bind(sqlite3_stmt* stmt, int index, const SqlValue& value) {
    if (const auto* i = std::get_if<int64_t>(&value)) {
      sqlite3_bind_int64(stmt, index, *i);
    } else if (auto s = SqlText(value)) {
      // Static: the parameters outlive the statement's steps (Query resets
      // it before they go), so SQLite need not copy each string.
      sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()),
                        SQLITE_STATIC);
    } else {
      sqlite3_bind_null(stmt, index);
    }
  }

  static SqlRow ReadRow(sqlite3_stmt* stmt) {
    SqlRow row;
    int n = sqlite3_column_count(stmt);
    for (int c = 0; c < n; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
        continue;
      }
      const auto* text =
          reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
      row.emplace_back(std::string(text, sqlite3_column_bytes(stmt, c)));
    }
    return row;
  }

  sqlite3* db_;
  std::string path_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

Status CreateParent(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) return Status::Ok();
  std::error_code ec;
  std::filesystem::create_directories(parent, ec);
  if (ec) {
    return Status::IoError(
        "inventory: cannot create " + parent.string() + ": " + ec.message(),
        "give --db a writable path, or --no-db");
  }
  return Status::Ok();
}

// Switching a new file to WAL needs it to itself for a moment, and SQLite
// answers a second process doing the same at that moment with SQLITE_BUSY
// without calling the busy handler (two shards opening a new inventory at
// once: 1 in 30). So this one statement waits here, as long as the busy
// timeout would.
Status UseWal(SqliteConnection& conn) {
  constexpr auto kPause = std::chrono::milliseconds(20);
  for (auto waited = std::chrono::milliseconds(0);; waited += kPause) {
    auto wal = conn.Query("PRAGMA journal_mode = WAL", {});
    bool busy = !wal.ok() && wal.status().code() == StatusCode::kUnavailable;
    if (!busy || waited.count() >= kBusyTimeoutMs) return wal.status();
    std::this_thread::sleep_for(kPause);
  }
}

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqliteConnection(
    std::string_view path_view) {
  std::string path(path_view);
  AMTSCOPE_RETURN_IF_ERROR(CreateParent(path));
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db,
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
      nullptr);
  auto conn = std::make_unique<SqliteConnection>(db, path);
  if (rc != SQLITE_OK) return conn->Error(rc);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db, 1);
  // Only a new file takes it (an existing one keeps its page size): 16 KiB
  // pages cut a 1M-line import's writes by a quarter of its system time.
  AMTSCOPE_RETURN_IF_ERROR(conn->Exec("PRAGMA page_size = 16384"));
  AMTSCOPE_RETURN_IF_ERROR(UseWal(*conn));
  AMTSCOPE_RETURN_IF_ERROR(
      conn->Exec("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                 " PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456"));
  // The WAL is copied into the file every 2,048 pages (32 MiB) by another
  // thread, and by the writer at 8,192 (128 MiB) if that thread falls
  // behind; SQLite's own 1,000 pages from the commit cost a 1M-line import
  // 15 % more wall time, and 8,192 from the commit 7 %. The WAL goes at the
  // last close.
  conn->CheckpointInBackground();
  return std::unique_ptr<SqlConnection>(std::move(conn));
}

}  // namespace amtscope
