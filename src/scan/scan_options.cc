#include "scan/scan_options.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>

#include "net/port_list.h"
#include "model/output_writer.h"
#include "scan/output_plan.h"

namespace amtscope {

namespace {

using Spec = ScanOptionSpec;
using Texts = std::vector<std::string>;

Status Bad(std::string_view flag, std::string_view value, std::string_view why,
           std::string_view hint) {
  return Status::InvalidArgument(
      fmt::format("bad {} '{}': {}", flag, value, why), hint);
}

Result<uint64_t> ParseUnsigned(std::string_view flag, std::string_view text,
                               uint64_t min, uint64_t max,
                               std::string_view hint) {
  uint64_t value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Bad(flag, text, "not a whole number", hint);
  }
  if (value < min || value > max) {
    return Bad(flag, text, fmt::format("must be {} to {}", min, max), hint);
  }
  return value;
}

Result<bool> ParseBool(std::string_view flag, std::string_view text) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  return Bad(flag, text, "not true or false", "write true or false");
}

std::string Millis(std::chrono::milliseconds ms) {
  return ms.count() % 1000 == 0 ? fmt::format("{}s", ms.count() / 1000)
                                : fmt::format("{}ms", ms.count());
}

Result<std::chrono::milliseconds> ParseBoundedDuration(std::string_view flag,
                                                       std::string_view text) {
  auto d = ParseDuration(text);
  if (!d.ok())
    return Bad(flag, text, "not a duration", "write e.g. 3s, 500ms or 1m");
  if (d->count() <= 0 || *d > std::chrono::hours(1)) {
    return Bad(flag, text, "must be above 0 and at most 1h",
               "write e.g. 3s, 500ms or 1m");
  }
  return *d;
}

Result<uint64_t> ParseBytes(std::string_view text) {
  std::string_view digits = text;
  uint64_t unit = 1;
  for (auto [suffix, mult] : {std::pair{"KiB", 1024},
                              {"MiB", 1 << 20},
                              {"k", 1024},
                              {"K", 1024},
                              {"m", 1 << 20},
                              {"M", 1 << 20}}) {
    std::string_view s(suffix);
    if (digits.size() > s.size() &&
        digits.substr(digits.size() - s.size()) == s) {
      digits.remove_suffix(s.size());
      unit = static_cast<uint64_t>(mult);
      break;
    }
  }
  AMTSCOPE_ASSIGN_OR_RETURN(uint64_t n,
                            ParseUnsigned("--max-response", digits, 1, 1 << 24,
                                          "write e.g. 65536 or 64k"));
  if (n * unit < 1024 || n * unit > (16u << 20)) {
    return Bad("--max-response", text, "must be 1k to 16M",
               "write e.g. 65536 or 64k");
  }
  return n * unit;
}

// Rows are built from these helpers so each stays one line in the table.
template <typename T>
Texts One(const T& value) {
  return {fmt::format("{}", value)};
}
Texts Bool(bool value) { return {value ? "true" : "false"}; }
Texts Unless(const std::string& value) {  // nothing for an unset string
  return value.empty() ? Texts{} : Texts{value};
}

#define AMTSCOPE_UINT_SETTER(field, flag, min, max, hint)              \
  [](ScanOptions& o, std::string_view v) -> Status {                   \
    AMTSCOPE_ASSIGN_OR_RETURN(uint64_t n,                              \
                              ParseUnsigned(flag, v, min, max, hint)); \
    o.field = static_cast<decltype(o.field)>(n);                       \
    return Status::Ok();                                               \
  }
#define AMTSCOPE_BOOL_SETTER(field, flag)                   \
  [](ScanOptions& o, std::string_view v) -> Status {        \
    AMTSCOPE_ASSIGN_OR_RETURN(o.field, ParseBool(flag, v)); \
    return Status::Ok();                                    \
  }
#define AMTSCOPE_STRING_SETTER(field)                \
  [](ScanOptions& o, std::string_view v) -> Status { \
    o.field = std::string(v);                        \
    return Status::Ok();                             \
  }
#define AMTSCOPE_LIST_SETTER(field)                  \
  [](ScanOptions& o, std::string_view v) -> Status { \
    o.field.emplace_back(v);                         \
    return Status::Ok();                             \
  }

Status SetPorts(ScanOptions& o, std::string_view v) {
  AMTSCOPE_ASSIGN_OR_RETURN(o.ports, ParsePortList(v));
  return Status::Ok();
}

Status SetShard(ScanOptions& o, std::string_view v) {
  AMTSCOPE_ASSIGN_OR_RETURN(o.shard, Shard::Parse(v));
  return Status::Ok();
}

Status SetFormat(ScanOptions& o, std::string_view v) {
  bool known = v == "auto";
  for (auto f : OutputFormats()) known = known || v == f;
  if (!known) {
    return Bad("--format", v, "unknown format",
               "use auto, table, ndjson, csv, xml or gnmap");
  }
  o.format = std::string(v);
  return Status::Ok();
}

Status SetScanType(ScanOptions& o, std::string_view v) {
  if (v != "auto" && v != "syn" && v != "connect") {
    return Bad("--scan-type", v, "unknown scan type",
               "use auto, syn (-sS) or connect (-sT)");
  }
  o.scan_type = std::string(v);
  return Status::Ok();
}

Status SetProgress(ScanOptions& o, std::string_view v) {
  if (v != "auto" && v != "tty" && v != "lines" && v != "none") {
    return Bad("--progress", v, "unknown mode", "use auto, tty, lines or none");
  }
  o.progress = std::string(v);
  return Status::Ok();
}

Status SetSeed(ScanOptions& o, std::string_view v) {
  AMTSCOPE_ASSIGN_OR_RETURN(
      o.seed, ParseUnsigned("--seed", v, 0, UINT64_MAX,
                            "give a whole number, e.g. --seed 42"));
  return Status::Ok();
}

constexpr std::string_view kRateHint =
    "--rate is new connections per second, e.g. --rate 5000";
constexpr std::string_view kConcHint =
    "--concurrency is probes in flight, e.g. --concurrency 2000";

const std::vector<Spec>* BuildTable() {
  return new std::vector<Spec>{
      {"target", "",
       "Targets: IPs, CIDR (198.18.0.0/24), ranges (198.18.0.1-9, "
       "198.18.0-3.*), names",
       Spec::kList, true, AMTSCOPE_LIST_SETTER(targets),
       [](const ScanOptions& o) { return o.targets; }},
      {"input-list", "--iL,--input-list",
       "Read targets from FILE (- = stdin; nmap lists, masscan -oL, zmap "
       "output)",
       Spec::kList, true, AMTSCOPE_LIST_SETTER(input_lists),
       [](const ScanOptions& o) { return o.input_lists; }},
      {"exclude", "--exclude",
       "Never touch these targets (same syntax, comma-separated)", Spec::kList,
       true, AMTSCOPE_LIST_SETTER(excludes),
       [](const ScanOptions& o) { return o.excludes; }},
      {"exclude-file", "--excludefile,--exclude-file",
       "Never touch the targets listed in FILE", Spec::kList, true,
       AMTSCOPE_LIST_SETTER(exclude_files),
       [](const ScanOptions& o) { return o.exclude_files; }},
      {"confirm-large", "--confirm-large",
       "Allow more than 2^24 probes (addresses x ports)", Spec::kFlag, true,
       AMTSCOPE_BOOL_SETTER(confirm_large, "--confirm-large"),
       [](const ScanOptions& o) { return Bool(o.confirm_large); }},
      {"ports", "-p,--ports",
       "Ports: list and ranges (16992 HTTP, 16993 TLS; also 623, 664)",
       Spec::kValue, true, SetPorts,
       [](const ScanOptions& o) { return Texts{FormatPortList(o.ports)}; }},
      {"rate", "--rate,--max-rate", "New connections per second", Spec::kValue,
       true, AMTSCOPE_UINT_SETTER(rate, "--rate", 1, 10000000, kRateHint),
       [](const ScanOptions& o) { return One(o.rate); }},
      {"concurrency", "--concurrency", "Probes in flight at once", Spec::kValue,
       true,
       AMTSCOPE_UINT_SETTER(concurrency, "--concurrency", 1, 1000000,
                            kConcHint),
       [](const ScanOptions& o) { return One(o.concurrency); }},
      {"timeout", "--timeout",
       "Timeout per step (connect, TLS handshake, each read)", Spec::kValue,
       true,
       [](ScanOptions& o, std::string_view v) -> Status {
         AMTSCOPE_ASSIGN_OR_RETURN(o.timeout,
                                   ParseBoundedDuration("--timeout", v));
         return Status::Ok();
       },
       [](const ScanOptions& o) { return Texts{Millis(o.timeout)}; }},
      {"syn-timeout", "--syn-timeout",
       "SYN discovery: wait this long for each SYN's answer (then retry, "
       "then filtered)",
       Spec::kValue, true,
       [](ScanOptions& o, std::string_view v) -> Status {
         AMTSCOPE_ASSIGN_OR_RETURN(o.syn_timeout,
                                   ParseBoundedDuration("--syn-timeout", v));
         return Status::Ok();
       },
       [](const ScanOptions& o) { return Texts{Millis(o.syn_timeout)}; }},
      {"retries", "--retries,--max-retries",
       "Extra connection attempts when a SYN gets no answer", Spec::kValue,
       true,
       AMTSCOPE_UINT_SETTER(retries, "--retries", 0, 10,
                            "use 0 to 10, e.g. --retries 1"),
       [](const ScanOptions& o) { return One(o.retries); }},
      {"probe-deadline", "--probe-deadline",
       "Deadline for the whole probe of one ip:port (tarpits, slow drips)",
       Spec::kValue, true,
       [](ScanOptions& o, std::string_view v) -> Status {
         AMTSCOPE_ASSIGN_OR_RETURN(o.probe_deadline,
                                   ParseBoundedDuration("--probe-deadline", v));
         return Status::Ok();
       },
       [](const ScanOptions& o) { return Texts{Millis(o.probe_deadline)}; }},
      {"max-response", "--max-response",
       "Largest HTTP response read (bytes; 64k, 1M)", Spec::kValue, true,
       [](ScanOptions& o, std::string_view v) -> Status {
         AMTSCOPE_ASSIGN_OR_RETURN(uint64_t n, ParseBytes(v));
         o.max_response_bytes = static_cast<uint32_t>(n);
         return Status::Ok();
       },
       [](const ScanOptions& o) { return One(o.max_response_bytes); }},
      {"scan-type", "--scan-type",
       "How open ports are found: syn (raw SYNs, needs root or "
       "CAP_NET_RAW; -sS), connect (a connect() per target; -sT), auto (syn "
       "when allowed)",
       Spec::kValue, true, SetScanType,
       [](const ScanOptions& o) { return Texts{o.scan_type}; }},
      {"passive", "--passive",
       "No active Digest requests: decide by version only", Spec::kFlag, true,
       AMTSCOPE_BOOL_SETTER(passive, "--passive"),
       [](const ScanOptions& o) { return Bool(o.passive); }},
      {"seed", "--seed",
       "Seed of the scan order (0 or absent: random; recorded in --echo and "
       "resume files)",
       Spec::kValue, true, SetSeed,
       [](const ScanOptions& o) { return One(o.seed); }},
      {"shard", "--shard,--shards",
       "Scan only shard i of N (1-based, like masscan: 1/3, 2/3, 3/3); same "
       "--seed on every shard",
       Spec::kValue, true, SetShard,
       [](const ScanOptions& o) { return Texts{o.shard.ToString()}; }},
      {"format", "--format",
       "Output format: auto (from the -o file's extension: .xml, .ndjson, "
       ".json, .csv, .gnmap; else table), table, ndjson, csv, xml "
       "(nmap-compatible), gnmap (nmap -oG)",
       Spec::kValue, true, SetFormat,
       [](const ScanOptions& o) { return Texts{o.format}; }},
      {"output", "-o,--output", "Write results to FILE instead of stdout",
       Spec::kValue, true, AMTSCOPE_STRING_SETTER(output),
       [](const ScanOptions& o) { return Unless(o.output); }},
      {"output-normal", "--oN", "Also write the table to FILE (nmap -oN)",
       Spec::kValue, true, AMTSCOPE_STRING_SETTER(output_normal),
       [](const ScanOptions& o) { return Unless(o.output_normal); }},
      {"output-xml", "--oX", "Also write nmap XML to FILE (nmap -oX)",
       Spec::kValue, true, AMTSCOPE_STRING_SETTER(output_xml),
       [](const ScanOptions& o) { return Unless(o.output_xml); }},
      {"output-grepable", "--oG",
       "Also write nmap's greppable lines to FILE (nmap -oG)", Spec::kValue,
       true, AMTSCOPE_STRING_SETTER(output_grepable),
       [](const ScanOptions& o) { return Unless(o.output_grepable); }},
      {"output-ndjson", "--oJ", "Also write NDJSON to FILE (like masscan -oJ)",
       Spec::kValue, true, AMTSCOPE_STRING_SETTER(output_ndjson),
       [](const ScanOptions& o) { return Unless(o.output_ndjson); }},
      {"output-all", "--oA",
       "Also write BASE.nmap, BASE.xml, BASE.gnmap and BASE.ndjson (nmap -oA)",
       Spec::kValue, true, AMTSCOPE_STRING_SETTER(output_all),
       [](const ScanOptions& o) { return Unless(o.output_all); }},
      {"fail-on-findings", "--fail-on-findings",
       "Exit 1 when a vulnerable host is found", Spec::kFlag, true,
       AMTSCOPE_BOOL_SETTER(fail_on_findings, "--fail-on-findings"),
       [](const ScanOptions& o) { return Bool(o.fail_on_findings); }},
      {"quiet", "-q,--quiet", "No progress on stderr", Spec::kFlag, true,
       AMTSCOPE_BOOL_SETTER(quiet, "--quiet"),
       [](const ScanOptions& o) { return Bool(o.quiet); }},
      {"verbose", "-v,--verbose",
       "Per-port evidence on stderr: each request, its status, the headers "
       "that decided",
       Spec::kFlag, true, AMTSCOPE_BOOL_SETTER(verbose, "--verbose"),
       [](const ScanOptions& o) { return Bool(o.verbose); }},
      {"packet-trace", "--packet-trace",
       "Same as -vv: -v plus each HTTP exchange on stderr (headers sent and "
       "received, bodies cut), every line prefixed by IP:PORT",
       Spec::kFlag, true, AMTSCOPE_BOOL_SETTER(packet_trace, "--packet-trace"),
       [](const ScanOptions& o) { return Bool(o.packet_trace); }},
      {"reason", "--reason",
       "Add a REASON column to the table (empty-digest-200/wrong-401, "
       "version ... in fixed range, no AMT banner) and put it in XML's "
       "<state reason=...>",
       Spec::kFlag, true, AMTSCOPE_BOOL_SETTER(reason, "--reason"),
       [](const ScanOptions& o) { return Bool(o.reason); }},
      {"progress", "--progress",
       "Progress on stderr: auto (status line on a TTY, else a line every 10 "
       "s), tty, lines, none",
       Spec::kValue, true, SetProgress,
       [](const ScanOptions& o) { return Texts{o.progress}; }},
      {"db", "--db",
       "Record into this inventory: a SQLite file or postgresql:// URL "
       "(default $AMTSCOPE_DB, else ~/.local/share/amtscope/inventory.sqlite)",
       Spec::kValue, true, AMTSCOPE_STRING_SETTER(db),
       [](const ScanOptions& o) { return Unless(o.db); }},
      {"no-db", "--no-db", "Record nothing in the inventory", Spec::kFlag,
       true, AMTSCOPE_BOOL_SETTER(no_db, "--no-db"),
       [](const ScanOptions& o) { return Bool(o.no_db); }},
      {"site", "--site", "Label this scan with a site name in the inventory",
       Spec::kValue, true, AMTSCOPE_STRING_SETTER(site),
       [](const ScanOptions& o) { return Unless(o.site); }},
      {"db-scan-id", "--db-scan-id",
       "The inventory scan to record into (written in resume files)",
       Spec::kValue, true,
       [](ScanOptions& o, std::string_view v) -> Status {
         int64_t id = 0;
         auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
         if (ec != std::errc() || end != v.data() + v.size() || id < 0) {
           return Status::InvalidArgument(
               fmt::format("bad --db-scan-id '{}'", v),
               "give the scan id from amtscope inventory scans");
         }
         o.db_scan_id = id;
         return Status::Ok();
       },
       [](const ScanOptions& o) {
         return o.db_scan_id == 0 ? Texts{} : Texts{std::to_string(o.db_scan_id)};
       }},
      {"resume", "--resume",
       "Continue the interrupted scan saved in FILE (its options apply)",
       Spec::kValue, false,
       [](ScanOptions& o, std::string_view v) -> Status {
         o.resume = std::string(v);
         return Status::Ok();
       },
       [](const ScanOptions& o) { return Texts{o.resume}; }},
      {"resume-file", "--resume-file",
       "Where the scan saves its progress (every few seconds; removed when "
       "it completes)",
       Spec::kValue, false,
       [](ScanOptions& o, std::string_view v) -> Status {
         o.resume_file = std::string(v);
         return Status::Ok();
       },
       [](const ScanOptions& o) { return Texts{o.resume_file}; }},
      {"force", "--force",
       "Start over although the resume file holds an unfinished scan (its "
       "-o file is overwritten)",
       Spec::kFlag, false, AMTSCOPE_BOOL_SETTER(force, "--force"),
       [](const ScanOptions& o) { return Bool(o.force); }},
      {"echo", "--echo",
       "Print the effective options (as a resume file holds them) and exit",
       Spec::kFlag, false, AMTSCOPE_BOOL_SETTER(echo, "--echo"),
       [](const ScanOptions& o) { return Bool(o.echo); }},
  };
}

// Values that survive "name = value" unquoted; anything else is a JSON string.
bool IsPlain(std::string_view v) {
  return !v.empty() && v.front() != '"' &&
         v.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
             "0123456789._:/,@+*%-") == std::string_view::npos;
}

void ThrowIfError(const Status& status) {
  if (!status.ok()) throw CLI::ValidationError(status.ToString());
}

}  // namespace

const std::vector<ScanOptionSpec>& ScanOptionTable() {
  static const std::vector<Spec>* table = BuildTable();
  return *table;
}

void AddScanOptions(CLI::App* app, ScanOptions* options) {
  for (const Spec& spec : ScanOptionTable()) {
    std::string flags =
        spec.flags.empty() ? "targets" : std::string(spec.flags);
    std::string help(spec.help);
    if (spec.kind == Spec::kFlag) {
      app->add_flag_function(
          flags,
          [&spec, options](int64_t count) {
            ThrowIfError(spec.set(*options, "true"));
            // "-v -v" as nmap reads it: -vv ("-vv" itself is rewritten).
            if (spec.name == "verbose" && count > 1)
              options->packet_trace = true;
          },
          help);
      continue;
    }
    if (spec.kind == Spec::kList) {
      auto* opt = app->add_option_function<std::vector<std::string>>(
          flags,
          [&spec, options](const std::vector<std::string>& values) {
            for (const auto& v : values) ThrowIfError(spec.set(*options, v));
          },
          help);
      // One value per occurrence, so "--exclude X 198.18.0.0/24" leaves the
      // CIDR a target; positional targets take everything left.
      if (!spec.flags.empty()) opt->allow_extra_args(false);
      continue;
    }
    auto values = spec.get(ScanOptions{});
    app->add_option_function<std::string>(
           flags,
           [&spec, options](const std::string& v) {
             ThrowIfError(spec.set(*options, v));
           },
           help)
        ->default_str(values.empty() ? "" : values[0]);
  }
}

Status FinalizeScanOptions(ScanOptions* options) {
  if (!options->resume.empty()) {
    const ScanOptions defaults;
    for (const Spec& spec : ScanOptionTable()) {
      // The pace and verbosity may change on resume, not what is scanned.
      if (!spec.saved || spec.name == "quiet" || spec.name == "progress" ||
          spec.name == "verbose" || spec.name == "packet-trace" ||
          spec.name == "rate" || spec.name == "concurrency") {
        continue;
      }
      if (spec.get(*options) != spec.get(defaults)) {
        return Status::InvalidArgument(
            fmt::format("--resume takes the scan options from its file, but "
                        "'{}' was also given",
                        spec.name),
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
                    Millis(options->probe_deadline), Millis(options->timeout)),
        "the deadline covers the whole probe; make it several timeouts long");
  }
  AMTSCOPE_RETURN_IF_ERROR(PlanOutputs(*options).status());
  while (options->seed == 0) {
    std::random_device rd;
    options->seed = (uint64_t{rd()} << 32) | rd();
  }
  return Status::Ok();
}

std::string EchoScanOptions(const ScanOptions& options) {
  std::string out;
  for (const Spec& spec : ScanOptionTable()) {
    if (!spec.saved) continue;
    for (const std::string& v : spec.get(options)) {
      out += fmt::format("{} = {}\n", spec.name,
                         IsPlain(v) ? v : nlohmann::json(v).dump());
    }
  }
  return out;
}

Status SetScanOption(ScanOptions* options, std::string_view name,
                     std::string_view value) {
  for (const Spec& spec : ScanOptionTable()) {
    if (spec.name != name || !spec.saved) continue;
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
    return spec.set(*options, text);
  }
  return Status::InvalidArgument(
      fmt::format("unknown option '{}'", name),
      "see `amtscope scan --echo` for the option names");
}

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  double unit_ms = 1000;  // a bare number is seconds
  std::string_view number = text;
  for (auto [suffix, ms] :
       {std::pair{"ms", 1.0}, {"s", 1000.0}, {"m", 60000.0}, {"h", 3.6e6}}) {
    std::string_view s(suffix);
    if (number.size() > s.size() &&
        number.substr(number.size() - s.size()) == s) {
      number.remove_suffix(s.size());
      unit_ms = ms;
      break;
    }
  }
  double value = 0;
  auto [end, ec] =
      std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() ||
      end != number.data() + number.size() || !(value >= 0) || value > 1e9) {
    return Status::InvalidArgument(fmt::format("bad duration '{}'", text),
                                   "write e.g. 3s, 500ms or 1m");
  }
  return std::chrono::milliseconds(std::llround(value * unit_ms));
}

}  // namespace amtscope
