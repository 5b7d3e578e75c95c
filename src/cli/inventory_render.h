// `amtscope inventory` output: scans, devices and diffs as a readable table
// or JSON (one document on stdout).
#ifndef AMTSCOPE_CLI_INVENTORY_RENDER_H_
#define AMTSCOPE_CLI_INVENTORY_RENDER_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inventory/diff.h"
#include "inventory/inventory.h"

namespace amtscope::cli {

nlohmann::ordered_json ScansToJson(const std::vector<ScanRecord>& scans);
std::string ScansToText(const std::vector<ScanRecord>& scans);
/// One campaign: its scan and every shard's progress ("waiting" for shards
/// that have not started).
nlohmann::ordered_json CampaignToJson(const ScanRecord& scan,
                                      const std::vector<ShardRecord>& shards);
std::string CampaignToText(const ScanRecord& scan,
                           const std::vector<ShardRecord>& shards);
nlohmann::ordered_json DevicesToJson(const std::vector<Device>& devices);
std::string DevicesToText(const std::vector<Device>& devices);
/// The diff grouped like its JSON: one block per non-empty category.
std::string DiffToText(const ScanDiff& diff);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_INVENTORY_RENDER_H_
