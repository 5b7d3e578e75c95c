// SqlInventory: the Inventory on any SqlConnection (both backends).
#ifndef AMTSCOPE_INVENTORY_SQL_INVENTORY_H_
#define AMTSCOPE_INVENTORY_SQL_INVENTORY_H_

#include <memory>

#include "core/result.h"
#include "inventory/inventory.h"
#include "inventory/sql_connection.h"

namespace amtscope {

/// Migrates the schema (refusing a newer one) and wraps `connection`.
Result<std::unique_ptr<Inventory>> OpenSqlInventory(
    std::unique_ptr<SqlConnection> connection);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_SQL_INVENTORY_H_
