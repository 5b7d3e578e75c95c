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

/// What one imported file gave.
struct ImportOutcome {
  int64_t scan_id = 0;
  ImportFormat format = ImportFormat::kNdjson;
  uint64_t findings = 0;
  uint64_t machines = 0;
  uint64_t skipped = 0;
};

/// Reads `path` and records it as one finished scan labelled `site`.
/// amtscope NDJSON is streamed: parsed on a thread of its own while the
/// previous batch is stored, in bounded memory; other formats are read
/// whole. A failed store marks the scan failed and returns the error with
/// `path` as context; what was stored before stays.
Result<ImportOutcome> ImportFileInto(Inventory& inventory,
                                     const std::string& path,
                                     const std::string& site);

/// Records `in` (read from `path`) as one finished scan labelled `site`;
/// returns its id. A failed store marks the scan failed and returns the
/// error with `path` as context.
Result<int64_t> StoreImportedScan(Inventory& inventory, const std::string& path,
                                  const ImportedScan& in,
                                  const std::string& site);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_INVENTORY_IMPORT_H_
