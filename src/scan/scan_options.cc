#include "scan/scan_options.h"

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <random>

#include "core/text_escape.h"
#include "net/port_list.h"
#include "scan/output_plan.h"

namespace amtscope {

namespace {

using Row = ScanOptionRow;
using Field = OptionField<ScanOptions>;
using Texts = std::vector<std::string>;
using std::chrono::hours;
using std::chrono::milliseconds;

constexpr std::array<EnumName<ScanType>, 3> kScanTypeNames = {{
    {ScanType::kAuto, "auto"},
    {ScanType::kSyn, "syn"},
    {ScanType::kConnect, "connect"},
}};

constexpr std::array<EnumName<ProgressMode>, 4> kProgressModeNames = {{
    {ProgressMode::kAuto, "auto"},
    {ProgressMode::kTty, "tty"},
    {ProgressMode::kLines, "lines"},
    {ProgressMode::kNone, "none"},
}};

Field PortsField() {
  return {.set =
              [](ScanOptions& o, std::string_view v, std::string_view) {
                AMTSCOPE_ASSIGN_OR_RETURN(PortSpec spec, ParsePortSpec(v));
                o.ports = std::move(spec.tcp);
                o.udp_ports = std::move(spec.udp);
                return Status::Ok();
              },
          .get =
              [](const ScanOptions& o) {
                return Texts{FormatPortSpec({o.ports, o.udp_ports})};
              }};
}

Field ShardField() {
  return {
      .set =
          [](ScanOptions& o, std::string_view v, std::string_view) {
            AMTSCOPE_ASSIGN_OR_RETURN(o.shard, Shard::Parse(v));
            return Status::Ok();
          },
      .get = [](const ScanOptions& o) { return Texts{o.shard.ToString()}; }};
}

constexpr std::string_view kRateHint =
    "--rate is new connections per second, e.g. --rate 5000";
constexpr std::string_view kConcHint =
    "--concurrency is probes in flight, e.g. --concurrency 2000";
constexpr std::string_view kDurationHint = "write e.g. 3s, 500ms or 1m";
constexpr std::string_view kFormatHint =
    "use auto, table, ndjson, csv, xml or gnmap";

// A scan step's time limit: above 0, at most an hour.
Field StepDuration(milliseconds ScanOptions::*member) {
  return DurationField(member, milliseconds(1), hours(1), kDurationHint);
}

std::vector<Row> TargetRows() {
  return {
      {.name = "target",
       .help = "Targets: IPs, CIDR (198.18.0.0/24), ranges (198.18.0.1-9, "
               "198.18.0-3.*), names",
       .field = ListField(&ScanOptions::targets)},
      {.name = "input-list",
       .flags = "--iL,--input-list",
       .help = "Read targets from FILE (- = stdin; nmap lists, masscan -oL, "
               "zmap output)",
       .field = ListField(&ScanOptions::input_lists)},
      {.name = "exclude",
       .flags = "--exclude",
       .help = "Never touch these targets (same syntax, comma-separated)",
       .field = ListField(&ScanOptions::excludes),
       .config = true},
      {.name = "exclude-file",
       .flags = "--excludefile,--exclude-file",
       .help = "Never touch the targets listed in FILE",
       .field = ListField(&ScanOptions::exclude_files),
       .config = true},
      {.name = "confirm-large",
       .flags = "--confirm-large",
       .help = "Allow more than 2^24 probes (addresses x ports)",
       .field = BoolField(&ScanOptions::confirm_large)},
      {.name = "ports",
       .flags = "-p,--ports",
       .help = "Ports: list and ranges, nmap's T:/U: prefixes (default "
               "T:623,664,16992,16993,U:623: the AMT web server and the RMCP "
               "ping)",
       .field = PortsField(),
       .config = true},
  };
}

std::vector<Row> PaceRows() {
  return {
      {.name = "rate",
       .flags = "--rate,--max-rate",
       .help = "New connections per second",
       .scope = OptionScope::kPace,
       .field = UintField(&ScanOptions::rate, 1, 10000000, kRateHint),
       .config = true},
      {.name = "concurrency",
       .flags = "--concurrency",
       .help = "Probes in flight at once",
       .scope = OptionScope::kPace,
       .field = UintField(&ScanOptions::concurrency, 1, 1000000, kConcHint),
       .config = true},
      {.name = "timeout",
       .flags = "--timeout",
       .help = "Timeout per step (connect, TLS handshake, each read)",
       .field = StepDuration(&ScanOptions::timeout),
       .config = true},
      {.name = "syn-timeout",
       .flags = "--syn-timeout",
       .help = "SYN discovery: wait this long for each SYN's answer (then "
               "retry, then filtered)",
       .field = StepDuration(&ScanOptions::syn_timeout),
       .config = true},
      {.name = "retries",
       .flags = "--retries,--max-retries",
       .help = "Extra connection attempts when a SYN gets no answer",
       .field = UintField(&ScanOptions::retries, 0, 10,
                          "use 0 to 10, e.g. --retries 1"),
       .config = true},
      {.name = "probe-deadline",
       .flags = "--probe-deadline",
       .help = "Deadline for the whole probe of one ip:port (tarpits, slow "
               "drips)",
       .field = StepDuration(&ScanOptions::probe_deadline),
       .config = true},
      {.name = "max-response",
       .flags = "--max-response",
       .help = "Largest HTTP response read (bytes; 64k, 1M)",
       .field = BytesField(&ScanOptions::max_response_bytes, 1024, 16 << 20,
                           "write e.g. 65536 or 64k"),
       .config = true},
  };
}

std::vector<Row> MethodRows() {
  return {
      {.name = "scan-type",
       .flags = "--scan-type",
       .help = "How open ports are found: syn (raw SYNs, needs root or "
               "CAP_NET_RAW; -sS), connect (a connect() per target; -sT), "
               "auto (syn when allowed)",
       .field = EnumField(&ScanOptions::scan_type, ScanTypeNames(),
                          "unknown scan type",
                          "use auto, syn (-sS) or connect (-sT)"),
       .config = true},
      {.name = "passive",
       .flags = "--passive",
       .help = "No active Digest requests: decide by version only",
       .field = BoolField(&ScanOptions::passive),
       .config = true},
      {.name = "seed",
       .flags = "--seed",
       .help = "Seed of the scan order (0 or absent: random; recorded in "
               "--echo and resume files)",
       .field = UintField(&ScanOptions::seed, 0, UINT64_MAX,
                          "give a whole number, e.g. --seed 42")},
      {.name = "shard",
       .flags = "--shard,--shards",
       .help = "Scan only shard i of N (1-based, like masscan: 1/3, 2/3, "
               "3/3); same --seed on every shard",
       .field = ShardField()},
  };
}

std::vector<Row> OutputRows() {
  return {
      {.name = "format",
       .flags = "--format",
       .help = "Output format: auto (from the -o file's extension: .xml, "
               ".ndjson, .json, .csv, .gnmap; else table), table, ndjson, "
               "csv, xml (nmap-compatible), gnmap (nmap -oG)",
       .field = EnumField(&ScanOptions::format, OutputFormatNames(), "auto",
                          "unknown format", kFormatHint)},
      {.name = "output",
       .flags = "-o,--output",
       .help = "Write results to FILE instead of stdout",
       .field = StringField(&ScanOptions::output)},
      {.name = "output-normal",
       .flags = "--oN",
       .help = "Also write the table to FILE (nmap -oN)",
       .field = StringField(&ScanOptions::output_normal)},
      {.name = "output-xml",
       .flags = "--oX",
       .help = "Also write nmap XML to FILE (nmap -oX)",
       .field = StringField(&ScanOptions::output_xml)},
      {.name = "output-grepable",
       .flags = "--oG",
       .help = "Also write nmap's greppable lines to FILE (nmap -oG)",
       .field = StringField(&ScanOptions::output_grepable)},
      {.name = "output-ndjson",
       .flags = "--oJ",
       .help = "Also write NDJSON to FILE (like masscan -oJ)",
       .field = StringField(&ScanOptions::output_ndjson)},
      {.name = "output-all",
       .flags = "--oA",
       .help = "Also write BASE.nmap, BASE.xml, BASE.gnmap and BASE.ndjson "
               "(nmap -oA)",
       .field = StringField(&ScanOptions::output_all)},
      {.name = "fail-on-findings",
       .flags = "--fail-on-findings",
       .help = "Exit 1 when a vulnerable host is found",
       .field = BoolField(&ScanOptions::fail_on_findings)},
  };
}

std::vector<Row> VerbosityRows() {
  return {
      {.name = "quiet",
       .flags = "-q,--quiet",
       .help = "No progress on stderr",
       .scope = OptionScope::kPace,
       .field = BoolField(&ScanOptions::quiet)},
      {.name = "verbose",
       .flags = "-v,--verbose",
       .help = "Per-port evidence on stderr: each request, its status, the "
               "headers that decided",
       .scope = OptionScope::kPace,
       // "-v -v" as nmap reads it: -vv (cli/nmap_args rewrites "-vv").
       .field = BoolField(&ScanOptions::verbose, &ScanOptions::packet_trace)},
      {.name = "packet-trace",
       .flags = "--packet-trace",
       .help = "Same as -vv: -v plus each HTTP exchange on stderr (headers "
               "sent and received, bodies cut), every line prefixed by "
               "IP:PORT",
       .scope = OptionScope::kPace,
       .field = BoolField(&ScanOptions::packet_trace)},
      {.name = "reason",
       .flags = "--reason",
       .help = "Add a REASON column to the table (empty-digest-200/wrong-401, "
               "version ... in fixed range, no AMT banner) and put it in "
               "XML's <state reason=...>",
       .field = BoolField(&ScanOptions::reason),
       .config = true},
      {.name = "progress",
       .flags = "--progress",
       .help = "Progress on stderr: auto (status line on a TTY, else a line "
               "every 10 s), tty, lines, none",
       .scope = OptionScope::kPace,
       .field = EnumField(&ScanOptions::progress, ProgressModeNames(),
                          "unknown mode", "use auto, tty, lines or none"),
       .config = true},
  };
}

std::vector<Row> RunRows() {
  return {
      {.name = "resume",
       .flags = "--resume",
       .help = "Continue the interrupted scan saved in FILE (its options "
               "apply)",
       .scope = OptionScope::kRun,
       .field = StringField(&ScanOptions::resume)},
      {.name = "resume-file",
       .flags = "--resume-file",
       .help = "Where the scan saves its progress (every few seconds; "
               "removed when it completes)",
       .scope = OptionScope::kRun,
       .field = StringField(&ScanOptions::resume_file)},
      {.name = "force",
       .flags = "--force",
       .help = "Start over although the resume file holds an unfinished scan "
               "(its -o file is overwritten)",
       .scope = OptionScope::kRun,
       .field = BoolField(&ScanOptions::force)},
      {.name = "echo",
       .flags = "--echo",
       .help = "Print the effective options (as a resume file holds them) "
               "and exit",
       .scope = OptionScope::kRun,
       .field = BoolField(&ScanOptions::echo)},
  };
}

// The inventory scan id: 0 (none yet) prints as nothing.
Field ScanIdField() {
  Field field = UintField(&ScanOptions::db_scan_id, 1, INT64_MAX,
                          "give the scan id from amtscope inventory scans");
  field.get = [](const ScanOptions& o) {
    return o.db_scan_id == 0 ? Texts{} : Texts{std::to_string(o.db_scan_id)};
  };
  return field;
}

// Where results are recorded (issue 12); saved, so --resume records into
// the same inventory scan, and not to be changed by a resume.
std::vector<Row> InventoryRows() {
  return {
      {.name = "db",
       .flags = "--db",
       .help = "Record into this inventory: a SQLite file or postgresql:// "
               "URL (default $AMTSCOPE_DB, else "
               "~/.local/share/amtscope/inventory.sqlite)",
       .field = StringField(&ScanOptions::db),
       .config = true},
      {.name = "no-db",
       .flags = "--no-db",
       .help = "Record nothing in the inventory",
       .field = BoolField(&ScanOptions::no_db),
       .config = true},
      {.name = "site",
       .flags = "--site",
       .help = "Label this scan with a site name in the inventory",
       .field = StringField(&ScanOptions::site),
       .config = true},
      {.name = "campaign",
       .flags = "--campaign",
       .help = "Record this shard (--shard i/N) into campaign NAME: one "
               "inventory scan for all N shards, checkpoints in the database "
               "(a restarted shard continues; docs/campaigns.md)",
       .field = StringField(&ScanOptions::campaign),
       .config = true},
      {.name = "db-scan-id",
       .flags = "--db-scan-id",
       .help = "The inventory scan to record into (written in resume files)",
       .field = ScanIdField()},
  };
}

// A campaign's state is in the database, and its shards must scan one
// order: without --seed the seed comes from the name (FNV-1a), so every
// shard, on every machine, agrees without being told.
Status CheckCampaign(ScanOptions* o) {
  if (o->campaign.empty()) return Status::Ok();
  if (o->campaign.size() > 100 ||
      o->campaign.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                                    "QRSTUVWXYZ0123456789._:-") !=
          std::string::npos) {
    return Status::InvalidArgument(
        "bad --campaign name '" + PrintableLine(o->campaign) + "'",
        "use up to 100 letters, digits, '.', '_', ':' or '-', e.g. "
        "weekly-2026-W49");
  }
  if (o->no_db) {
    return Status::InvalidArgument(
        "--campaign records into the inventory, but --no-db was given",
        "drop --no-db, and give every shard the same --db");
  }
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : o->campaign) h = (h ^ c) * 1099511628211ull;
  if (o->seed == 0) o->seed = h == 0 ? 1 : h;
  o->resume_file.clear();  // the checkpoint is in the database
  return Status::Ok();
}

std::vector<Row> BuildTable() {
  std::vector<Row> table;
  for (auto part : {TargetRows, PaceRows, MethodRows, OutputRows, VerbosityRows,
                    InventoryRows, RunRows}) {
    for (Row& row : part()) table.push_back(std::move(row));
  }
  return table;
}

// Values that survive "name = value" unquoted; anything else is a JSON string.
bool IsPlain(std::string_view v) {
  return !v.empty() && v.front() != '"' &&
         v.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
             "0123456789._:/,@+*%-") == std::string_view::npos;
}

}  // namespace

std::span<const EnumName<ScanType>> ScanTypeNames() { return kScanTypeNames; }

std::span<const EnumName<ProgressMode>> ProgressModeNames() {
  return kProgressModeNames;
}

const std::vector<ScanOptionRow>& ScanOptionTable() {
  static const std::vector<Row>* table = new std::vector<Row>(BuildTable());
  return *table;
}

Status FinalizeScanOptions(ScanOptions* options) {
  if (!options->resume.empty()) {
    const ScanOptions defaults;
    for (const Row& row : ScanOptionTable()) {
      // The pace and verbosity may change on resume, not what is scanned.
      if (row.scope != OptionScope::kWhat) continue;
      if (row.field.get(*options) != row.field.get(defaults)) {
        return Status::InvalidArgument(
            fmt::format("--resume takes the scan options from its file, but "
                        "'{}' was also given",
                        row.name),
            "run `amtscope scan --resume FILE` alone (-q, -v, -vv, --progress, "
            "--rate and --concurrency may be added)");
      }
    }
    return Status::Ok();
  }
  if (options->targets.empty() && options->input_lists.empty()) {
    return Status::InvalidArgument(
        "no targets given",
        "name addresses, CIDR blocks or ranges, use -iL FILE, "
        "or continue a scan with --resume FILE");
  }
  if (options->probe_deadline < options->timeout) {
    return Status::InvalidArgument(
        fmt::format("--probe-deadline {} is shorter than --timeout {}",
                    FormatDuration(options->probe_deadline),
                    FormatDuration(options->timeout)),
        "the deadline covers the whole probe; make it several timeouts long");
  }
  AMTSCOPE_RETURN_IF_ERROR(PlanOutputs(*options).status());
  AMTSCOPE_RETURN_IF_ERROR(CheckCampaign(options));
  while (options->seed == 0) {
    std::random_device rd;
    options->seed = (uint64_t{rd()} << 32) | rd();
  }
  return Status::Ok();
}

std::string EchoScanOptions(const ScanOptions& options) {
  std::string out;
  for (const Row& row : ScanOptionTable()) {
    if (row.scope == OptionScope::kRun) continue;
    for (const std::string& v : row.field.get(options)) {
      out += fmt::format("{} = {}\n", row.name,
                         IsPlain(v) ? v : nlohmann::json(v).dump());
    }
  }
  return out;
}

Status SetScanOption(ScanOptions* options, std::string_view name,
                     std::string_view value) {
  for (const Row& row : ScanOptionTable()) {
    if (row.name != name || row.scope == OptionScope::kRun) continue;
    std::string text(value);
    if (!value.empty() && value.front() == '"') {
      auto parsed =
          nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
      if (!parsed.is_string()) {
        return Status::InvalidArgument(
            fmt::format("bad quoted value for '{}'", name),
            "quoted values are JSON strings");
      }
      text = parsed.get<std::string>();
    }
    return row.field.set(*options, text, OptionFlagName(row.flags, row.name));
  }
  return Status::InvalidArgument(
      fmt::format("unknown option '{}'", name),
      "see `amtscope scan --echo` for the option names");
}

}  // namespace amtscope
