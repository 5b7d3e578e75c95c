// SqlConnection: the little SQL both backends share, so the inventory logic
// (sql_inventory.cc) is written once. SQL text uses `?` placeholders; the
// PostgreSQL connection numbers them ($1, $2, ...). Values go as parameters,
// never into the SQL text.
#ifndef AMTSCOPE_INVENTORY_SQL_CONNECTION_H_
#define AMTSCOPE_INVENTORY_SQL_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace amtscope {

/// A parameter: NULL, an integer, or text owned or borrowed (a string_view
/// whose bytes the caller keeps alive until Query returns: a batch's
/// fields, bound without a copy each).
using SqlValue =
    std::variant<std::nullptr_t, int64_t, std::string, std::string_view>;
/// The text of `v`, owned or borrowed; nullopt when it is no text.
inline std::optional<std::string_view> SqlText(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* s = std::get_if<std::string_view>(&v)) return *s;
  return std::nullopt;
}
/// A result cell as text; nullopt for NULL.
using SqlCell = std::optional<std::string>;
using SqlRow = std::vector<SqlCell>;

/// Which dialect a statement is for, where the two differ (DDL only).
enum class SqlDialect { kSqlite, kPostgres };

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  /// For messages: "sqlite:PATH" or the URL without password.
  virtual std::string Describe() const = 0;
  /// Runs one statement; returns its rows (none for non-queries).
  virtual Result<std::vector<SqlRow>> Query(
      std::string_view sql, const std::vector<SqlValue>& params) = 0;
  /// Starts a write transaction that excludes other writers (SQLite: BEGIN
  /// IMMEDIATE, waiting on the busy timeout; PostgreSQL: BEGIN plus an
  /// advisory transaction lock).
  virtual Status BeginWrite() = 0;
  virtual Status Commit() = 0;
  /// Best effort; a failed rollback leaves nothing half-written.
  virtual void Rollback() = 0;
};

/// Opens a SQLite file (creating parent directories), WAL mode, busy timeout.
Result<std::unique_ptr<SqlConnection>> OpenSqliteConnection(
    std::string_view path);
/// Connects with libpq to a postgresql:// or postgres:// URL.
Result<std::unique_ptr<SqlConnection>> OpenPostgresConnection(
    std::string_view url);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_SQL_CONNECTION_H_
