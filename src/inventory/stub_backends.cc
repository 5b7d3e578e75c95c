// Temporary: the backends land in the next commits.
#include "inventory/sql_connection.h"
#include "inventory/sql_inventory.h"

namespace amtscope {

Result<std::unique_ptr<SqlConnection>> OpenSqliteConnection(std::string_view) {
  return Status::Unavailable("inventory: SQLite backend not built yet");
}
Result<std::unique_ptr<SqlConnection>> OpenPostgresConnection(std::string_view) {
  return Status::Unavailable("inventory: PostgreSQL backend not built yet");
}
Result<std::unique_ptr<Inventory>> OpenSqlInventory(std::unique_ptr<SqlConnection>) {
  return Status::Unavailable("inventory: not built yet");
}

}  // namespace amtscope
