#include "cli/inventory_import.h"

#include <unistd.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli/check_platform.h"
#include "cli/inventory_recorder.h"

namespace amtscope::cli {

namespace {

constexpr size_t kImportBatch = 5000;

std::string SourceName(ImportFormat f) {
  switch (f) {
    case ImportFormat::kNdjson:
      return "import:ndjson";
    case ImportFormat::kCheckJson:
      return "import:check";
    case ImportFormat::kNmapXml:
      return "import:nmap";
    case ImportFormat::kMasscanList:
    case ImportFormat::kMasscanJson:
      return "import:masscan";
  }
  return "import";
}

ScanRecord ImportRecord(const std::string& path, const ImportedScan& in) {
  ScanRecord r;
  r.source = SourceName(in.format);
  r.start = in.start.value_or(std::chrono::system_clock::now());
  r.command_line = in.arguments;
  r.options =
      nlohmann::json({{"file", path}, {"format", ToString(in.format)}}).dump();
  std::set<std::string> ips;
  std::set<uint16_t> ports;
  for (const Finding& f : in.findings) {
    ips.insert(f.ip);
    ports.insert(f.port);
  }
  r.targets.assign(ips.begin(), ips.end());
  r.ports.assign(ports.begin(), ports.end());
  r.target_count = ips.size();
  r.scanner_host = HostName();
  return r;
}

RunStats ImportStats(const ImportedScan& in) {
  RunStats s;
  for (const Finding& f : in.findings) {
    ++s.open_ports;
    s.amt_found += f.amt ? 1 : 0;
    s.vulnerable += f.verdict == ScanVerdict::kVulnerable ? 1 : 0;
  }
  s.targets_done = s.open_ports;
  s.end = in.end.value_or(std::chrono::system_clock::now());
  return s;
}

Status StoreImport(Inventory& inv, int64_t id, const ImportedScan& in) {
  AMTSCOPE_RETURN_IF_ERROR(StoreFindings(inv, id, in.findings, kImportBatch));
  for (MachineRecord m : in.machines) {
    if (m.time == TimePoint{})
      m.time = in.end.value_or(std::chrono::system_clock::now());
    AMTSCOPE_RETURN_IF_ERROR(inv.RecordMachine(id, m));
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> StoreImportedScan(Inventory& inv, const std::string& path,
                                  const ImportedScan& in,
                                  const std::string& site) {
  ScanRecord record = ImportRecord(path, in);
  record.site = site;
  AMTSCOPE_ASSIGN_OR_RETURN(int64_t id, inv.BeginScan(record));
  Status stored = StoreImport(inv, id, in);
  Status finished =
      inv.FinishScan(id, stored.ok() ? ScanStatus::kDone : ScanStatus::kFailed,
                     ImportStats(in));
  AMTSCOPE_RETURN_IF_ERROR(stored.WithContext(path));
  AMTSCOPE_RETURN_IF_ERROR(finished);
  return id;
}

}  // namespace amtscope::cli
