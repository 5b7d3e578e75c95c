// Inventory: status names, the default location, and the backend choice.
#include "inventory/inventory.h"

#include <cstdlib>
#include <memory>
#include <string>

#include "inventory/sql_connection.h"
#include "inventory/sql_inventory.h"

namespace amtscope {

std::string_view ToString(ScanStatus status) {
  switch (status) {
    case ScanStatus::kRunning:
      return "running";
    case ScanStatus::kDone:
      return "done";
    case ScanStatus::kInterrupted:
      return "interrupted";
    case ScanStatus::kFailed:
      return "failed";
    case ScanStatus::kPartial:
      return "partial";
  }
  return "failed";
}

Result<ScanStatus> ParseScanStatus(std::string_view text) {
  for (ScanStatus s :
       {ScanStatus::kRunning, ScanStatus::kDone, ScanStatus::kInterrupted,
        ScanStatus::kFailed, ScanStatus::kPartial}) {
    if (ToString(s) == text) return s;
  }
  return Status::InvalidArgument(
      "unknown scan status '" + std::string(text) + "'",
      "expected running, done, interrupted, failed or partial");
}

std::string DefaultInventoryPath() {
  const char* db = std::getenv("AMTSCOPE_DB");
  if (db != nullptr && *db != '\0') return db;
  const char* xdg = std::getenv("XDG_DATA_HOME");
  std::string base;
  if (xdg != nullptr && *xdg != '\0') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::string(home != nullptr ? home : ".") + "/.local/share";
  }
  return base + "/amtscope/inventory.sqlite";
}

Result<std::unique_ptr<Inventory>> OpenInventory(std::string_view path_or_url) {
  if (path_or_url.empty()) {
    return Status::InvalidArgument("empty inventory path",
                                   "give --db PATH|URL or --no-db");
  }
  bool postgres = path_or_url.starts_with("postgresql://") ||
                  path_or_url.starts_with("postgres://");
  auto connection = postgres ? OpenPostgresConnection(path_or_url)
                             : OpenSqliteConnection(path_or_url);
  if (!connection.ok()) return connection.status();
  return OpenSqlInventory(std::move(connection).value());
}

}  // namespace amtscope
