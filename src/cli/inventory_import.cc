#include "cli/inventory_import.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <span>
#include <thread>
#include <unordered_set>
#include <vector>

#include "cli/check_platform.h"
#include "cli/inventory_recorder.h"
#include "core/bounded_queue.h"
#include "inventory/import_stream.h"

namespace amtscope::cli {

namespace {

constexpr size_t kImportBatch = 5000;
// Batches parsed ahead of the one being stored: enough that the parser
// never waits on a batch that stores quickly, few enough to bound memory.
constexpr size_t kBatchesAhead = 2;

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

// The record without targets and ports (Scope's).
ScanRecord ImportRecord(const std::string& path, const ImportedScan& in,
                        const std::string& site) {
  ScanRecord r;
  r.source = SourceName(in.format);
  r.start = in.start.value_or(std::chrono::system_clock::now());
  r.command_line = in.arguments;
  r.options =
      nlohmann::json({{"file", path}, {"format", ToString(in.format)}}).dump();
  r.scanner_host = HostName();
  r.site = site;
  return r;
}

// What the scan record and its totals need of every record, gathered a
// record at a time: the distinct addresses (sorted at the end, as the
// std::set before held them) and ports, and the counts.
class Tally {
 public:
  void Add(const Finding& f) {
    ips_.insert(f.ip);
    ports_[f.port] = true;
    ++stats_.open_ports;
    stats_.amt_found += f.amt ? 1 : 0;
    stats_.vulnerable += f.verdict == ScanVerdict::kVulnerable ? 1 : 0;
  }
  // Sets `r`'s targets, ports and target_count.
  void Scope(ScanRecord* r) const {
    r->targets.assign(ips_.begin(), ips_.end());
    std::sort(r->targets.begin(), r->targets.end());
    r->ports.clear();
    for (size_t p = 0; p < ports_.size(); ++p) {
      if (ports_[p]) r->ports.push_back(static_cast<uint16_t>(p));
    }
    r->target_count = ips_.size();
  }
  RunStats Stats(const ImportedScan& in) const {
    RunStats s = stats_;
    s.targets_done = s.open_ports;
    s.end = in.end.value_or(std::chrono::system_clock::now());
    return s;
  }
  uint64_t records() const { return stats_.open_ports; }

 private:
  std::unordered_set<std::string> ips_;
  std::vector<bool> ports_ = std::vector<bool>(65536);
  RunStats stats_;
};

Status StoreMachines(Inventory& inv, int64_t id, const ImportedScan& in) {
  for (MachineRecord m : in.machines) {
    if (m.time == TimePoint{})
      m.time = in.end.value_or(std::chrono::system_clock::now());
    AMTSCOPE_RETURN_IF_ERROR(inv.RecordMachine(id, m));
  }
  return Status::Ok();
}

using BatchQueue = BoundedQueue<std::vector<Observation>>;

// What the parsing thread leaves for the storing one, read after join().
struct Parsed {
  Tally tally;
  ScanRecord scope;  // targets, ports, target_count
  Status status;     // a read error
};

// The parsing thread: batches of observations into `queue` until the file
// ends or fails, or the storer cancels; then the scope (sorting the
// addresses here keeps it off the storing thread).
void ParseBatches(NdjsonImportFile& file, BatchQueue& queue, Parsed* out) {
  Tally* tally = &out->tally;
  std::vector<Finding> findings;
  for (bool more = true; more;) {
    findings.clear();
    auto next = file.Next(kImportBatch, &findings);
    if (!next.ok()) {
      out->status = next.status();
      break;
    }
    more = *next;
    std::vector<Observation> batch;
    batch.reserve(findings.size());
    for (Finding& f : findings) {
      tally->Add(f);
      batch.push_back({std::move(f), 0});
    }
    if (!batch.empty() && !queue.Push(std::move(batch))) break;
  }
  queue.Close();
  tally->Scope(&out->scope);
}

// The storing side of a streamed import. The scan is begun with the first
// batch: a file without records may still be an error, which creates no
// scan. After a failed batch the rest is only counted (by the parser), so
// the failed scan's totals are the file's, as when it was read whole.
class Storer {
 public:
  Storer(Inventory& inv, ScanRecord record)
      : inv_(inv), record_(std::move(record)) {}

  // False once the scan could not be begun (nothing more to do).
  bool Take(std::span<const Observation> batch) {
    if (!Begin()) return false;
    if (stored_.ok()) stored_ = inv_.AddObservations(id_, batch);
    return true;
  }
  bool Begin() {
    if (id_ != 0 || !begun_.ok()) return begun_.ok();
    auto id = inv_.BeginScan(record_);
    begun_ = id.status();
    id_ = id.ok() ? *id : 0;
    return begun_.ok();
  }
  int64_t id() const { return id_; }
  const Status& begun() const { return begun_; }
  const Status& stored() const { return stored_; }

 private:
  Inventory& inv_;
  ScanRecord record_;
  int64_t id_ = 0;
  Status begun_, stored_;
};

// Scope, totals and status once every record went by; the store's error
// first, with `path` as context.
Status FinishImport(Inventory& inv, const Storer& storer,
                    const std::string& path, const ImportedScan& in,
                    const Parsed& parsed) {
  Status scoped = inv.SetScanScope(storer.id(), parsed.scope);
  bool ok = storer.stored().ok() && parsed.status.ok() && scoped.ok();
  Status finished =
      inv.FinishScan(storer.id(), ok ? ScanStatus::kDone : ScanStatus::kFailed,
                     parsed.tally.Stats(in));
  AMTSCOPE_RETURN_IF_ERROR(storer.stored().WithContext(path));
  AMTSCOPE_RETURN_IF_ERROR(parsed.status);
  AMTSCOPE_RETURN_IF_ERROR(scoped);
  return finished;
}

Result<ImportOutcome> StreamImport(Inventory& inv, const std::string& path,
                                   NdjsonImportFile& file,
                                   const std::string& site) {
  BatchQueue queue(kBatchesAhead);
  Parsed parsed;
  std::thread parser([&] { ParseBatches(file, queue, &parsed); });
  Storer storer(inv, ImportRecord(path, file.summary(), site));
  while (auto batch = queue.Pop()) {
    if (!storer.Take(*batch)) queue.Cancel();
  }
  parser.join();
  AMTSCOPE_RETURN_IF_ERROR(storer.begun());
  Result<ImportedScan> in = file.summary();
  if (parsed.status.ok()) in = file.Finish();
  if (!in.ok()) return in.status().WithContext(path);  // no record: no scan
  if (storer.id() == 0 && !parsed.status.ok()) return parsed.status;
  if (!storer.Begin()) return storer.begun();
  AMTSCOPE_RETURN_IF_ERROR(FinishImport(inv, storer, path, *in, parsed));
  return ImportOutcome{storer.id(), in->format, parsed.tally.records(), 0,
                       in->skipped};
}

}  // namespace

Result<int64_t> StoreImportedScan(Inventory& inv, const std::string& path,
                                  const ImportedScan& in,
                                  const std::string& site) {
  ScanRecord record = ImportRecord(path, in, site);
  Tally tally;
  for (const Finding& f : in.findings) tally.Add(f);
  tally.Scope(&record);
  AMTSCOPE_ASSIGN_OR_RETURN(int64_t id, inv.BeginScan(record));
  Status stored = StoreFindings(inv, id, in.findings, kImportBatch);
  if (stored.ok()) stored = StoreMachines(inv, id, in);
  Status finished =
      inv.FinishScan(id, stored.ok() ? ScanStatus::kDone : ScanStatus::kFailed,
                     tally.Stats(in));
  AMTSCOPE_RETURN_IF_ERROR(stored.WithContext(path));
  AMTSCOPE_RETURN_IF_ERROR(finished);
  return id;
}

Result<ImportOutcome> ImportFileInto(Inventory& inv, const std::string& path,
                                     const std::string& site) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto stream, NdjsonImportFile::Open(path));
  if (stream) return StreamImport(inv, path, *stream, site);
  AMTSCOPE_ASSIGN_OR_RETURN(ImportedScan in, ImportFile(path));
  AMTSCOPE_ASSIGN_OR_RETURN(int64_t id, StoreImportedScan(inv, path, in, site));
  return ImportOutcome{id, in.format, in.findings.size(), in.machines.size(),
                       in.skipped};
}

}  // namespace amtscope::cli
