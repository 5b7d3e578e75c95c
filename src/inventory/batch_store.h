// BatchStore: one batch of observations into the inventory with a handful of
// multi-row statements instead of several round trips per observation (issue
// 14's 20,000 observations/s from eight shards, issue 12's 1M-line import).
// The identity rule is identity.h's, applied in memory to the candidate
// devices the batch reads up front; devices created or moved earlier in the
// batch are candidates for later observations, exactly as when each
// observation was stored on its own.
#ifndef AMTSCOPE_INVENTORY_BATCH_STORE_H_
#define AMTSCOPE_INVENTORY_BATCH_STORE_H_

#include <span>

#include "core/status.h"
#include "inventory/device_linker.h"
#include "inventory/inventory.h"
#include "inventory/sql_connection.h"

namespace amtscope {

/// Links each observation of `batch` to a device and stores devices and
/// observations into scan `scan.id`. An observation the scan holds already
/// (when `check_stored`: a resumed or imported-again scan, a restarted
/// campaign shard), or one
/// repeated within the batch, is skipped. REQUIRES: inside db.BeginWrite().
Status StoreBatch(SqlConnection& db, const LinkScan& scan,
                  std::span<const Observation> batch, bool check_stored);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_BATCH_STORE_H_
