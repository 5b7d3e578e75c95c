// Inventory: every scan and check remembered (issue 12). One interface, two
// backends behind OpenInventory(): SQLite (a path, the embedded default) and
// PostgreSQL (a postgresql:// URL, shared by many scanners). docs/inventory.md
// describes the schema, the device identity rule and its limits.
#ifndef AMTSCOPE_INVENTORY_INVENTORY_H_
#define AMTSCOPE_INVENTORY_INVENTORY_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "model/finding.h"
#include "model/output_writer.h"

namespace amtscope {

using TimePoint = std::chrono::system_clock::time_point;

/// Where a scan is: running until FinishScan; interrupted scans can resume.
/// kPartial is a campaign's: every shard stopped, some not done.
enum class ScanStatus { kRunning, kDone, kInterrupted, kFailed, kPartial };
/// "running", "done", "interrupted", "failed", "partial".
std::string_view ToString(ScanStatus status);
/// The inverse of ToString; InvalidArgument on anything else.
Result<ScanStatus> ParseScanStatus(std::string_view text);

/// One scan or one import: what was asked, by whom, and the totals.
struct ScanRecord {
  int64_t id = 0;   // assigned by BeginScan
  TimePoint start;  // ScanInfo::start
  TimePoint end;    // epoch (0) while running
  ScanStatus status = ScanStatus::kRunning;
  std::string command_line;  // as typed
  std::vector<std::string>
      targets;  // target specs as given (CIDR, ranges, names)
  std::vector<uint16_t> ports;
  std::string options;  // JSON object text of the scan options ("{}" if none)
  std::string site;     // --site label, "" when none
  std::string scanner_host;     // hostname of the machine that scanned
  std::string source = "scan";  // "scan", "import:ndjson", "import:check",
                                // "import:nmap", "import:masscan"
  // Totals: from FinishScan's RunStats (target_count from BeginScan).
  uint64_t target_count = 0;
  uint64_t targets_done = 0;
  uint64_t open_ports = 0;
  uint64_t amt_found = 0;
  uint64_t vulnerable = 0;
  std::string campaign;  // --campaign NAME: the shards' one scan; "" if none
  uint32_t shards = 0;   // the campaign's N (--shard i/N); 0 if none
  uint64_t observations = 0;  // rows stored for this scan (read only)
  uint64_t machines = 0;      // machines stored for this scan (read only)
};

/// One shard of a campaign as stored (docs/campaigns.md).
struct ShardRecord {
  uint32_t shard = 0;  // 1-based
  ScanStatus status = ScanStatus::kRunning;
  std::string holder;  // "host:pid" while claimed, "" once released
  TimePoint lease_until;
  TimePoint started;
  TimePoint updated;
  TimePoint end;       // epoch (0) while running
  uint64_t total = 0;  // probe positions of this shard
  uint64_t done = 0;   // positions done
  uint64_t targets_done = 0;
  uint64_t open_ports = 0;
  uint64_t amt_found = 0;
  uint64_t vulnerable = 0;
  std::string checkpoint;  // resume-file text; "" before the first save
};

/// A process asking to scan one shard of a campaign.
struct ShardClaim {
  std::string campaign;
  uint32_t shard = 1;   // 1-based
  uint32_t shards = 1;  // N
  std::string key;      // what every shard must agree on (targets, ports, N)
  ScanRecord scan;      // the campaign's scan when this shard creates it
  std::string holder;   // "host:pid"
  TimePoint now;
  std::chrono::milliseconds lease{60000};
  /// True when `holder` is a process known to be gone (same host, no such
  /// pid): its lease need not run out.
  std::function<bool(const std::string& holder)> holder_gone;
};

/// What a claim gives: the campaign's scan and where this shard stands.
struct ShardGrant {
  int64_t scan_id = 0;
  bool already_done = false;  // finished earlier: nothing to scan
  std::string checkpoint;     // "" when the shard starts from the beginning
  bool fresh = false;  // never claimed before: none of its results is stored
};

/// A shard's progress, saved with each batch and at the end.
struct ShardProgress {
  uint32_t shard = 1;
  std::string holder;
  TimePoint now;
  std::chrono::milliseconds lease{60000};
  std::string checkpoint;  // "" keeps the stored one
  uint64_t total = 0;
  uint64_t done = 0;
  RunStats stats;  // this shard's totals so far (all its runs)
};

/// One open port seen by one scan: the NDJSON record (with the certificate's
/// fingerprint) and the device it was linked to.
struct Observation {
  Finding finding;
  int64_t device_id =
      0;  // set by the store on read (ScanObservations); ignored on write
};

/// What `inventory diff` compares of one observation: a tenth of an
/// Observation's memory, so reading two 100,000-row scans stays cheap.
struct VerdictRow {
  int64_t device_id = 0;
  std::string ip;
  uint16_t port = 0;
  bool amt = false;
  ScanVerdict verdict = ScanVerdict::kNotAmt;
  FirmwareVersion version;
};

/// One `check` result. identity is a SHA-256 (hex) of the DMI product UUID or
/// /etc/machine-id, never the raw value.
struct MachineRecord {
  std::string identity;
  TimePoint time;
  std::string hostname;  // "" when not given
  std::string vendor;
  std::string model;
  std::string me_version;    // FirmwareVersion text, "" when unknown
  std::string sku;           // "AMT", "ISM", "SBT", "" ...
  std::string provisioning;  // "unprovisioned", "provisioned", "" ...
  std::string lms;           // LMS state as check reports it
  std::string verdicts;      // JSON array text of the check's verdicts
  std::string report;  // the whole `check --json` object text ("" if none)
};

/// A physical AMT device followed across scans and address changes.
struct Device {
  int64_t id = 0;
  TimePoint first_seen;
  TimePoint last_seen;
  std::string ip;  // where it answered last
  uint16_t port = 0;
  ScanVerdict verdict = ScanVerdict::kNotAmt;  // the last observation's
  std::optional<TimePoint>
      first_vulnerable;  // first observation with kVulnerable
  std::optional<TimePoint>
      first_fixed;  // first non-vulnerable AMT answer after that
  std::string realm;
  std::string cert_sha256;
  std::string product;  // Finding::product
  std::string version;  // FirmwareVersion text, "" when unknown
  std::string site;     // site of the last scan that saw it
  int64_t last_scan_id = 0;
};

/// Which devices Devices() returns.
struct DeviceFilter {
  bool vulnerable_only = false;  // current verdict kVulnerable
  std::string site;              // "" = any site
};

/// The store. Thread-compatible: one instance per thread (open several for
/// concurrent writers; the backends serialise writes across processes).
class Inventory {
 public:
  virtual ~Inventory() = default;
  /// "sqlite:PATH" or "postgresql://host/db" without password, for messages.
  virtual std::string Describe() const = 0;
  /// Stores `scan` (id ignored) as running; returns its new id.
  virtual Result<int64_t> BeginScan(const ScanRecord& scan) = 0;
  /// Marks an interrupted scan running again (`--resume`); NotFound if absent.
  virtual Status ResumeScan(int64_t scan_id) = 0;
  /// Stores a batch in one transaction and links each to a device (identity.h).
  /// Idempotent: an (address, port) already stored for this scan is skipped.
  virtual Status AddObservations(int64_t scan_id,
                                 std::span<const Observation> batch) = 0;
  /// Replaces the targets, ports and target_count of scan `scan_id` with
  /// `scope`'s: a streamed import knows them only after its last record.
  virtual Status SetScanScope(int64_t scan_id, const ScanRecord& scope) = 0;
  /// Sets end time, status and totals from `stats` (stats.end is the end time).
  virtual Status FinishScan(int64_t scan_id, ScanStatus status,
                            const RunStats& stats) = 0;
  /// Every scan, newest first, with observation and machine counts.
  virtual Result<std::vector<ScanRecord>> Scans() = 0;
  /// One scan; NotFound with a hint when no such id.
  virtual Result<ScanRecord> GetScan(int64_t scan_id) = 0;
  /// Devices matching `filter`, ordered by id.
  virtual Result<std::vector<Device>> Devices(const DeviceFilter& filter) = 0;
  /// A scan's observations (with device_id), ordered by address and port.
  virtual Result<std::vector<Observation>> ScanObservations(
      int64_t scan_id) = 0;
  /// The same rows, in the same order, with only what Diff reads: Diff picks
  /// the first of equally severe ports, so the order keeps its answer.
  virtual Result<std::vector<VerdictRow>> ScanVerdicts(int64_t scan_id) = 0;
  /// Stores one `check` result under `scan_id`; idempotent per (scan,
  /// identity).
  virtual Status RecordMachine(int64_t scan_id,
                               const MachineRecord& machine) = 0;
  /// A scan's machines, ordered by identity.
  virtual Result<std::vector<MachineRecord>> ScanMachines(int64_t scan_id) = 0;
  /// Joins `claim.shard` of campaign `claim.campaign` (creating the campaign's
  /// scan when it is the first): InvalidArgument when the campaign was begun
  /// with other targets/ports/N, or another live process holds the shard.
  virtual Result<ShardGrant> ClaimShard(const ShardClaim& claim) = 0;
  /// Stores `batch` and the shard's checkpoint in one transaction and renews
  /// its lease; Aborted when the lease was taken over (stop scanning).
  virtual Status SaveShard(int64_t scan_id, const ShardProgress& progress,
                           std::span<const Observation> batch) = 0;
  /// Ends the shard as `status` (releasing it) and updates the campaign:
  /// done when all N shards are, partial when all stopped and some are not.
  virtual Status FinishShard(int64_t scan_id, const ShardProgress& progress,
                             ScanStatus status) = 0;
  /// The scan id of campaign `name`; NotFound with a hint.
  virtual Result<int64_t> FindCampaign(std::string_view name) = 0;
  /// A campaign's shards that have started, by shard number.
  virtual Result<std::vector<ShardRecord>> CampaignShards(int64_t scan_id) = 0;
  /// Deletes all but the newest `keep` scans (and their observations and
  /// machines; devices stay); returns how many scans were deleted.
  virtual Result<uint64_t> Prune(uint64_t keep) = 0;
};

/// Opens (creating and migrating as needed) the inventory at `path_or_url`:
/// "postgresql://..." or "postgres://..." → PostgreSQL, anything else a
/// SQLite file path (parent directories are created). A database with a
/// newer schema is refused, untouched, with a hint.
Result<std::unique_ptr<Inventory>> OpenInventory(std::string_view path_or_url);

/// $AMTSCOPE_DB when set and non-empty, else
/// ${XDG_DATA_HOME:-$HOME/.local/share}/amtscope/inventory.sqlite.
std::string DefaultInventoryPath();

/// The schema version this build writes (docs/inventory.md, "Schema").
inline constexpr int kInventorySchemaVersion = 4;

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_INVENTORY_H_
