// Schema: the inventory's tables and their forward migrations
// (docs/inventory.md, "Schema").
#ifndef AMTSCOPE_INVENTORY_SCHEMA_H_
#define AMTSCOPE_INVENTORY_SCHEMA_H_

#include "core/status.h"
#include "inventory/sql_connection.h"

namespace amtscope {

/// Brings the database to kInventorySchemaVersion in one write transaction;
/// refuses (InvalidArgument, untouched) a database written by a newer amtscope.
Status MigrateSchema(SqlConnection& db);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_SCHEMA_H_
