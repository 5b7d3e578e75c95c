// `amtscope emulate`: serve emulated Intel AMT web servers (tests, honeypot).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/option_binding.h"
#include "core/option_table.h"
#include "emu/emulator.h"
#include "emu/fleet_config.h"

namespace amtscope::cli {
namespace {

struct EmulateArgs {
  std::string listen;
  std::string ports = "16992,16993";
  std::string firmware;
  std::optional<int> build;
  std::string mode = "vulnerable";
  std::string product = "amt";
  std::string admin_password = "P@ssw0rd";
  std::string realm;
  bool bare_banner = false;
  bool no_web_ui = false;
  std::string cert, key, log, fleet;
  uint64_t seed = 0;
  int threads = 1;
  size_t max_connections = 8192;
  std::chrono::milliseconds read_timeout{10000};
};

using EmulateRow = OptionRow<EmulateArgs>;

constexpr std::array<std::string_view, 3> kModes = {"vulnerable", "patched",
                                                    "any-password"};
constexpr std::array<std::string_view, 4> kProducts = {"amt", "ism", "sbt",
                                                       "web"};

// What one emulated host is.
std::vector<EmulateRow> HostRows() {
  return {
      {.name = "listen",
       .flags = "--listen",
       .help = "Address to bind (only it is bound), e.g. 127.0.0.2",
       .field = StringField(&EmulateArgs::listen)},
      {.name = "ports",
       .flags = "--ports",
       .help = "Ports: 16992,16993, 623, 664, N/http, N/tls",
       .field = StringField(&EmulateArgs::ports)},
      {.name = "firmware",
       .flags = "--firmware",
       .help = "Firmware version, 3 or 4 parts (8.1.40, 11.8.50.3425)",
       .field = StringField(&EmulateArgs::firmware)},
      {.name = "build",
       .flags = "--build",
       .help = "Build number shown in the footer and WS-Man (default: <3000 "
               "when vulnerable, 3xxx when patched)",
       .field = OptionalUintField(&EmulateArgs::build, 0, INT32_MAX,
                                  "write the build number, e.g. 3425")},
      {.name = "mode",
       .flags = "--mode",
       .help = "vulnerable (CVE-2017-5689 bypass works), patched, or "
               "any-password (a wrong password works too: honeypot)",
       .field = ChoiceField(&EmulateArgs::mode, kModes,
                            "use vulnerable, patched or any-password")},
      {.name = "product",
       .flags = "--product",
       .help = "amt, ism, sbt, or web (an ordinary web server, not AMT)",
       .field = ChoiceField(&EmulateArgs::product, kProducts,
                            "use amt, ism, sbt or web")},
      {.name = "admin-password",
       .flags = "--admin-password",
       .help = "Password of the admin account",
       .field = StringField(&EmulateArgs::admin_password)},
      {.name = "realm",
       .flags = "--realm",
       .help = "Digest realm (default: Digest:<hex> stable per address and "
               "--seed)",
       .field = StringField(&EmulateArgs::realm)},
      {.name = "bare-banner",
       .flags = "--bare-banner",
       .help = "Send `Server: AMT` instead of the full product/version",
       .field = BoolField(&EmulateArgs::bare_banner)},
      {.name = "no-web-ui",
       .flags = "--no-web-ui",
       .help = "Web UI disabled: HTML pages 404, /wsman still answers",
       .field = BoolField(&EmulateArgs::no_web_ui)},
  };
}

// How the emulator serves them.
std::vector<EmulateRow> ServerRows() {
  return {
      {.name = "cert",
       .flags = "--cert",
       .help = "PEM certificate for TLS ports (default: self-signed, made at "
               "start)",
       .field = StringField(&EmulateArgs::cert)},
      {.name = "key",
       .flags = "--key",
       .help = "PEM private key for --cert",
       .field = StringField(&EmulateArgs::key)},
      {.name = "fleet",
       .flags = "--fleet",
       .help = "JSON file with many hosts (see below)",
       .field = StringField(&EmulateArgs::fleet)},
      {.name = "seed",
       .flags = "--seed",
       .help = "Seed for derived realms and names (single-host mode)",
       .field = UintField(&EmulateArgs::seed, 0, UINT64_MAX,
                          "give a whole number, e.g. --seed 42")},
      {.name = "log",
       .flags = "--log",
       .help = "Honeypot log, NDJSON, one line per connection and request "
               "('-' = stdout)",
       .field = StringField(&EmulateArgs::log)},
      {.name = "threads",
       .flags = "--threads",
       .help = "Server threads",
       .field = UintField(&EmulateArgs::threads, 1, 64, "use 1 to 64")},
      {.name = "max-connections",
       .flags = "--max-connections",
       .help = "Global cap on open connections",
       .field = UintField(&EmulateArgs::max_connections, 0, SIZE_MAX,
                          "give a whole number, e.g. 8192")},
      {.name = "read-timeout",
       .flags = "--read-timeout",
       .help = "Time allowed to send one request",
       .field = DurationField(
           &EmulateArgs::read_timeout, std::chrono::milliseconds(50),
           std::chrono::hours(1), "write e.g. 10s or 500ms")},
  };
}

// The emulate command's option table (core/option_table.h).
const std::vector<EmulateRow>& EmulateOptionTable() {
  static const auto* table = [] {
    auto* rows = new std::vector<EmulateRow>(HostRows());
    for (EmulateRow& row : ServerRows()) rows->push_back(std::move(row));
    return rows;
  }();
  return *table;
}

constexpr char kFooter[] = R"(
Examples:
  # one vulnerable AMT 8.1.40 on 127.0.0.2 (HTTP 16992, TLS 16993)
  amtscope emulate --listen 127.0.0.2 --firmware 8.1.40 --mode vulnerable
  curl --digest -u admin:P@ssw0rd http://127.0.0.2:16992/index.htm

  # a patched 11.8 device with a bare `Server: AMT` banner and no web UI
  amtscope emulate --listen 127.0.0.3 --firmware 11.8.50.3425 --mode patched \
      --bare-banner --no-web-ui

  # many hosts from one process, honeypot log to a file
  amtscope emulate --fleet fleet.json --log events.ndjson

Fleet file (JSON): a list of hosts, or {"seed": N, "hosts": [...]}:
  [{"address": "127.0.1.1", "count": 100, "firmware": "7.1.91", "mode": "vulnerable"},
   {"address": "127.0.2.1", "ports": [16992, "16993"], "firmware": "9.1.41",
    "build": 3024, "mode": "patched", "product": "ism", "admin_password": "S3cret!",
    "realm": "", "bare_banner": false, "web_ui": true, "cert": "", "key": ""}]
  Ports: 16992/623 are HTTP, 16993/664 TLS; other ports as "N/http" or "N/tls".
  Beyond the web server (docs/emulate.md): "rmcp": amt|off|bmc|truncated|
  wrong-enterprise|echo (UDP 623 presence pong; default amt for AMT hosts),
  "RmcpPingResponseEnabled": false, "rmcp_port": N, "provisioning": pre|in|post
  (pre: no web server, the pong says pre), "redirection": true|false and
  "redirection_ports": [16994, "16995"] (default: 16994 beside 16992/623,
  16995 beside 16993/664).

Stops on SIGINT/SIGTERM, flushes the log and prints a summary by
classification on stderr; SIGHUP reopens the --log file (for logrotate).
Exit codes: 130 stopped by SIGINT, 143 by SIGTERM, 2 bad configuration,
3 cannot listen.)";

Result<emu::FleetConfig> FleetFromArgs(const EmulateArgs& a) {
  if (!a.fleet.empty()) {
    if (!a.listen.empty() || !a.firmware.empty()) {
      return Status::InvalidArgument(
          "--fleet cannot be combined with --listen/--firmware",
          "put every host in the fleet file");
    }
    return emu::LoadFleetFile(a.fleet);
  }
  if (a.listen.empty() || a.firmware.empty()) {
    return Status::InvalidArgument(
        "give --listen ADDR and --firmware VERSION, or --fleet FILE",
        "see `amtscope emulate --help`");
  }
  emu::HostConfig h;
  h.address = a.listen;
  h.ports.clear();
  size_t start = 0;
  while (start <= a.ports.size()) {
    size_t comma = a.ports.find(',', start);
    std::string item = a.ports.substr(
        start, comma == std::string::npos ? std::string::npos : comma - start);
    AMTSCOPE_ASSIGN_OR_RETURN(emu::ListenPort p, emu::ListenPort::Parse(item));
    h.ports.push_back(p);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  h.firmware = a.firmware;
  h.build = a.build;
  AMTSCOPE_ASSIGN_OR_RETURN(h.mode, emu::ParseMode(a.mode));
  AMTSCOPE_ASSIGN_OR_RETURN(h.product, emu::ParseProduct(a.product));
  h.admin_password = a.admin_password;
  h.realm = a.realm;
  h.bare_banner = a.bare_banner;
  h.web_ui = !a.no_web_ui;
  h.cert_file = a.cert;
  h.key_file = a.key;
  emu::FleetConfig fleet;
  fleet.seed = a.seed;
  fleet.hosts.push_back(h);
  AMTSCOPE_RETURN_IF_ERROR(emu::ValidateFleet(fleet));
  return fleet;
}

std::string Describe(const emu::Emulator& e, const emu::BoundEndpoint& ep) {
  const emu::HostProfile& p = e.profile(ep.host_index);
  std::string addr = ep.address.find(':') != std::string::npos
                         ? "[" + ep.address + "]"
                         : ep.address;
  if (ep.service == "rmcp") {
    return fmt::format("{}:{}/udp (rmcp {}, AMT {}.{}, provisioning {})", addr,
                       ep.port, emu::ToString(p.rmcp), p.version.major(),
                       p.version.minor(), ToString(p.config.provisioning));
  }
  if (ep.service == "redirection") {
    return fmt::format("{}:{} (redirection{}, AMT {}.{})", addr, ep.port,
                       ep.tls ? " tls" : "", p.version.major(),
                       p.version.minor());
  }
  return fmt::format("{}:{} ({}, {} {} {}, realm {})", addr, ep.port,
                     ep.tls ? "tls" : "http", emu::ToString(p.config.product),
                     p.version.ToString(), emu::ToString(p.config.mode),
                     p.realm);
}

void PrintEndpoints(const emu::Emulator& e) {
  const auto& notes = e.notes();
  for (size_t i = 0; i < notes.size() && i < 3; ++i)
    std::cerr << "amtscope emulate: note: " << notes[i] << "\n";
  if (notes.size() > 3)
    std::cerr << fmt::format("amtscope emulate: note: {} more like these\n",
                             notes.size() - 3);
  const auto& web = e.endpoints();
  const auto& side = e.side_endpoints();
  if (web.size() + side.size() <= 32) {
    for (const auto* list : {&web, &side}) {
      for (const auto& ep : *list)
        std::cerr << "amtscope emulate: listening on " << Describe(e, ep)
                  << "\n";
    }
  } else {
    if (!web.empty()) {
      std::cerr << fmt::format(
          "amtscope emulate: listening on {} endpoints of {} hosts ({} ... "
          "{})\n",
          web.size(), web.back().host_index + 1, Describe(e, web.front()),
          Describe(e, web.back()));
    }
    size_t rmcp = std::count_if(side.begin(), side.end(), [](const auto& ep) {
      return ep.service == "rmcp";
    });
    std::cerr << fmt::format(
        "amtscope emulate: {} also: {} RMCP (udp) and {} redirection "
        "listeners\n",
        web.empty() ? "listening on no web port;" : "", rmcp,
        side.size() - rmcp);
  }
  std::cerr.flush();
}

// Serves until SIGINT/SIGTERM (flush, summary, exit 130/143 like a shell's
// 128 + signal); SIGHUP reopens the log file for logrotate.
int WaitForStop(emu::Emulator& emulator, const sigset_t& set,
                const std::string& log) {
  for (;;) {
    int sig = 0;
    sigwait(&set, &sig);
    if (sig == SIGHUP) {
      Status st = emulator.ReopenLog();
      if (!st.ok()) {
        std::cerr << "amtscope: " << st.ToString() << "\n";
      } else if (!log.empty() && log != "-") {
        std::cerr << "amtscope emulate: SIGHUP: reopened " << log << "\n";
      }
      continue;
    }
    emulator.Stop();
    std::cerr << "amtscope emulate: stopped by "
              << (sig == SIGINT ? "SIGINT" : "SIGTERM") << "; "
              << emulator.Summary() << "\n";
    return sig == SIGINT ? kExitInterrupted : kExitTerminated;
  }
}

int Run(const EmulateArgs& a) {
  auto fleet = FleetFromArgs(a);
  if (!fleet.ok()) return ReportError(fleet.status());
  emu::EmulatorOptions opt;
  opt.log_path = a.log;
  opt.threads = a.threads;
  opt.max_connections = a.max_connections;
  opt.read_timeout = a.read_timeout;
  // Block the signals before the server threads start, so only sigwait
  // below sees them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto emulator = emu::Emulator::Start(*fleet, opt);
  if (!emulator.ok()) return ReportError(emulator.status());
  PrintEndpoints(**emulator);
  return WaitForStop(**emulator, set, a.log);
}

}  // namespace

void AddEmulateCommand(CLI::App& app, CommandContext& ctx) {
  auto args = std::make_shared<EmulateArgs>();
  CLI::App* sub =
      app.add_subcommand("emulate",
                         "Serve emulated Intel AMT web servers (vulnerable or "
                         "patched) for tests and as a honeypot");
  BindOptions(sub, EmulateOptionTable(), args.get());
  sub->footer(kFooter);
  sub->callback([args, &ctx] { ctx.exit_code = Run(*args); });
}

}  // namespace amtscope::cli
