// ScanOptions: everything `amtscope scan` can be told, and the ONE table that
// drives the command line, `--echo` and the resume file, so the three cannot
// drift apart (docs/conventions.md §1.6 lesson 6; masscan's resume bugs
// #110, #253, #436, #559 came from fields missing in one of them).
//
// Usage (scan command; cli/option_binding.h binds the table to CLI11):
//   ScanOptions options;
//   BindOptions(sub, ScanOptionTable(), &options);  // registers every flag
//   sub->callback([&] {
//     AMTSCOPE_RETURN_IF_ERROR(FinalizeScanOptions(&options));  // seed, checks
//     if (options.echo) { std::cout << EchoScanOptions(options); return; }
//     ...
//   });
// Adding an option = one field here + one row in ScanOptionTable() (.cc).
#ifndef AMTSCOPE_SCAN_SCAN_OPTIONS_H_
#define AMTSCOPE_SCAN_SCAN_OPTIONS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/option_table.h"
#include "core/result.h"
#include "model/output_writer.h"
#include "net/permutation.h"

namespace amtscope {

/// How open ports are found (--scan-type, -sS, -sT).
enum class ScanType {
  kAuto,     // syn when allowed, else connect
  kSyn,      // raw SYNs (root or CAP_NET_RAW)
  kConnect,  // a connect() per target
};

/// The names table of ScanType: "auto", "syn", "connect".
std::span<const EnumName<ScanType>> ScanTypeNames();

/// Progress on stderr (--progress).
enum class ProgressMode {
  kAuto,   // a status line on a TTY, lines otherwise
  kTty,    // a status line
  kLines,  // a line every 10 s
  kNone,   // nothing
};

/// The names table of ProgressMode: "auto", "tty", "lines", "none".
std::span<const EnumName<ProgressMode>> ProgressModeNames();

/// What to scan and how. Defaults suit an administrator on a LAN.
struct ScanOptions {
  // --- targets (net/target_space.h) ---
  std::vector<std::string> targets;      // positional: IPs, CIDR, ranges, names
  std::vector<std::string> input_lists;  // -iL FILE ("-" = stdin), repeatable
  std::vector<std::string> excludes;     // --exclude LIST, repeatable
  std::vector<std::string> exclude_files;  // --excludefile FILE, repeatable
  bool confirm_large = false;              // allow more than 2^24 addresses
  // -p: AMT's TCP ports (web server) and UDP ports (RMCP ping); defaults
  // are net/port_list.h kDefaultPorts.
  std::vector<uint16_t> ports = {623, 664, 16992, 16993};
  std::vector<uint16_t> udp_ports = {623};
  // --- pace ---
  uint32_t rate = 5000;         // new connections per second (all targets)
  uint32_t concurrency = 2000;  // probes in flight at once
  std::chrono::milliseconds timeout{3000};  // per step: connect, TLS, each read
  // SYN discovery's wait for an answer: a LAN answers in well under a
  // millisecond, and TLS handshakes need not share this budget.
  std::chrono::milliseconds syn_timeout{1000};
  uint32_t retries = 1;  // extra connection attempts when a SYN gets no answer
  std::chrono::milliseconds probe_deadline{
      15000};                               // whole probe of one ip:port
  uint32_t max_response_bytes = 64 * 1024;  // cap on one HTTP response
  ScanType scan_type = ScanType::kAuto;
  // --- what to do ---
  bool passive = false;  // no active Digest requests; version only
  uint64_t seed = 0;     // permutation seed; 0 = pick one (FinalizeScanOptions)
  Shard shard;           // --shard i/N, 1-based
  // --- output ---
  // Absent = auto (from -o's extension, else table); scan/output_plan.h
  // resolves it.
  std::optional<OutputFormat> format;
  std::string output;  // -o FILE; "" or "-" = stdout
  // nmap-style outputs, each in its own format beside the main one:
  std::string output_normal;      // -oN FILE: the table
  std::string output_xml;         // -oX FILE
  std::string output_grepable;    // -oG FILE: nmap's greppable lines
  std::string output_ndjson;      // -oJ FILE
  std::string output_all;         // -oA BASE: BASE.nmap .xml .gnmap .ndjson
  bool fail_on_findings = false;  // exit 1 when anything is vulnerable
  bool quiet = false;             // -q: no progress line on stderr
  bool verbose = false;           // -v: per-port evidence lines on stderr
  bool packet_trace = false;      // -vv, --packet-trace: HTTP exchanges too
  bool reason = false;            // --reason: a REASON column in the table
  ProgressMode progress = ProgressMode::kAuto;
  // --- inventory (saved so --resume records into the same scan) ---
  std::string db;          // --db PATH|URL; "" = $AMTSCOPE_DB or default
  bool no_db = false;      // --no-db: record nothing
  std::string site;        // --site NAME: label in the inventory
  std::string campaign;    // --campaign NAME: shards record into one scan
  int64_t db_scan_id = 0;  // the inventory scan this run records into
  // --- resume (not written into resume files) ---
  std::string resume;  // --resume FILE: continue an interrupted scan
  std::string resume_file =
      "amtscope.resume";  // progress, saved every few seconds while running
  bool echo = false;      // --echo: print the effective options and exit
  bool force = false;     // --force: start over although a resume file exists
};

/// One row of the scan's option table (core/option_table.h).
using ScanOptionRow = OptionRow<ScanOptions>;

/// The table: one row per field of ScanOptions, in --echo order.
const std::vector<ScanOptionRow>& ScanOptionTable();

/// Picks a random seed when none was given and checks the combination
/// (some targets given; --resume not mixed with scan options).
Status FinalizeScanOptions(ScanOptions* options);

/// "name = value" lines (saved options only), in table order: what --echo
/// prints and the first part of a resume file. Values that are not plain
/// are written as JSON strings.
std::string EchoScanOptions(const ScanOptions& options);

/// Applies one "name = value" pair (value as EchoScanOptions wrote it).
/// InvalidArgument for unknown names or bad values.
Status SetScanOption(ScanOptions* options, std::string_view name,
                     std::string_view value);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_SCAN_OPTIONS_H_
