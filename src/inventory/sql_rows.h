// SqlRows: converting the inventory's records to SQL parameters and back.
// Column lists here match schema.cc; times are milliseconds since the epoch.
#ifndef AMTSCOPE_INVENTORY_SQL_ROWS_H_
#define AMTSCOPE_INVENTORY_SQL_ROWS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inventory/inventory.h"
#include "inventory/sql_connection.h"

namespace amtscope {

int64_t CellInt(const SqlCell& cell);       // 0 for NULL or non-numbers
std::string CellText(const SqlCell& cell);  // "" for NULL
int64_t ToMillis(TimePoint t);
TimePoint FromMillis(int64_t ms);
std::optional<TimePoint> OptionalTime(const SqlCell& cell);
SqlValue OptionalMillis(const std::optional<TimePoint>& t);
/// "vulnerable" ... back to the enum (kNotAmt for anything else).
ScanVerdict ParseVerdict(const std::string& text);

/// Columns of the scans table after id, in schema order.
inline constexpr const char* kScanColumns =
    "start_ms, end_ms, status, command_line, targets, ports, options, site, "
    "scanner_host,"
    " source, target_count, targets_done, open_ports, amt_found, vulnerable,"
    " campaign, shards";
std::vector<SqlValue> ScanParams(const ScanRecord& scan);
/// The values of the scope columns "targets, ports, target_count".
std::vector<SqlValue> ScanScopeParams(const ScanRecord& scan);
/// Row: id, kScanColumns..., observation count, machine count.
ScanRecord ScanFromRow(const SqlRow& row);

/// Columns of the observations table after scan_id, in schema order.
inline constexpr const char* kObservationColumns =
    "ip, port, device_id, time_ms, tls, tls_version, amt, product, server, "
    "version, realm,"
    " verdict, basis, advisories, reason, error, bypass_status, "
    "control_status, first_status,"
    " web_ui_disabled, resource, bypass_marker, cert_sha256, proto,"
    " provisioning, redirection, exposures";
/// The row's values after kObservationColumns' order; the text borrows
/// `obs`'s strings, so `obs` must outlive the statement.
std::vector<SqlValue> ObservationParams(int64_t scan_id, int64_t device_id,
                                        const Observation& obs);
/// Row: device_id, ip, port, amt, verdict, version (ScanVerdicts).
VerdictRow VerdictFromRow(SqlRow&& row);
Observation ObservationFromRow(
    SqlRow&& row);  // kObservationColumns; moves the text out

/// Columns of the devices table after id.
inline constexpr const char* kDeviceColumns =
    "first_seen_ms, last_seen_ms, ip, port, verdict, first_vulnerable_ms, "
    "first_fixed_ms,"
    " realm, cert_sha256, product, version, site, last_scan_id";
/// kDeviceColumns, then the id when `id_last` (for UPDATE ... WHERE id = ?);
/// the text borrows `device`'s strings, so it must outlive the statement.
std::vector<SqlValue> DeviceParams(const Device& device, bool id_last = false);
Device DeviceFromRow(const SqlRow& row);  // id, kDeviceColumns

/// Columns of the machines table after scan_id.
inline constexpr const char* kMachineColumns =
    "identity, time_ms, hostname, vendor, model, me_version, sku, "
    "provisioning, lms,"
    " verdicts, report";
std::vector<SqlValue> MachineParams(int64_t scan_id, const MachineRecord& m);
MachineRecord MachineFromRow(const SqlRow& row);  // kMachineColumns

/// Columns of the campaign_shards table that ShardFromRow reads.
inline constexpr const char* kShardColumns =
    "shard, status, holder, lease_until_ms, started_ms, updated_ms, end_ms, "
    "total, done, targets_done, open_ports, amt_found, vulnerable, checkpoint";
ShardRecord ShardFromRow(const SqlRow& row);  // kShardColumns

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_SQL_ROWS_H_
