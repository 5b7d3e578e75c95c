// Storing an imported file as one scan (`inventory import`, and `report
// --from-ndjson` into a temporary inventory): one place, so both record the
// same scan, observations and machines.
#ifndef AMTSCOPE_CLI_INVENTORY_IMPORT_H_
#define AMTSCOPE_CLI_INVENTORY_IMPORT_H_

#include <cstdint>
#include <string>

#include "core/result.h"
#include "inventory/import.h"
#include "inventory/inventory.h"

namespace amtscope::cli {

/// Records `in` (read from `path`) as one finished scan labelled `site`;
/// returns its id. A failed store marks the scan failed and returns the
/// error with `path` as context.
Result<int64_t> StoreImportedScan(Inventory& inventory, const std::string& path,
                                  const ImportedScan& in,
                                  const std::string& site);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_INVENTORY_IMPORT_H_
