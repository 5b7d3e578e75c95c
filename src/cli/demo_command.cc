// `amtscope demo`: an emulated fleet on loopback, scanned and explained.
#include <fmt/format.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "advisory/advisory_db.h"
#include "cli/command.h"
#include "cli/inventory_recorder.h"
#include "cli/report_file.h"
#include "cli/terminal.h"
#include "cli/version.h"
#include "emu/emulator.h"
#include "fleetreport/fleet.h"
#include "fleetreport/formats.h"
#include "net/tls_client.h"
#include "report/output_writer.h"
#include "scan/engine.h"
#include "scan/writer_sink.h"

namespace amtscope::cli {
namespace {

constexpr const char* kNet = "127.42.0.";

struct DemoHost {
  int octet;
  const char* what;
  emu::HostConfig config;
};

emu::HostConfig Amt(int octet, const char* fw, emu::Mode mode,
                    bool tls_port = false) {
  emu::HostConfig h;
  h.address = fmt::format("{}{}", kNet, octet);
  h.firmware = fw;
  h.mode = mode;
  h.ports = {emu::ListenPort::Standard(16992)};
  if (tls_port) h.ports.push_back(emu::ListenPort::Standard(16993));
  return h;
}

// Not AMT at all: `Server: nginx`, 200 "It works!" on every path.
emu::HostConfig WebServer(int octet) {
  emu::HostConfig h = Amt(octet, "8.1.40", emu::Mode::kPatched);
  h.product = emu::Product::kPlainWeb;
  return h;
}

std::vector<DemoHost> DemoFleet() {
  using emu::Mode;
  std::vector<DemoHost> f = {
      {11, "AMT 6.2 (2010 firmware), unpatched",
       Amt(11, "6.2.40", Mode::kVulnerable)},
      {12, "AMT 7.1, unpatched", Amt(12, "7.1.20", Mode::kVulnerable)},
      {13, "AMT 8.1 on HTTP and TLS, unpatched",
       Amt(13, "8.1.40", Mode::kVulnerable, true)},
      {14, "AMT 9.5, unpatched", Amt(14, "9.5.30", Mode::kVulnerable)},
      {15, "AMT 10.0, unpatched", Amt(15, "10.0.47", Mode::kVulnerable)},
      {16, "AMT 11.6, unpatched", Amt(16, "11.6.25", Mode::kVulnerable)},
      {17, "AMT 8.1.71.3608, Intel's fix",
       Amt(17, "8.1.71.3608", Mode::kPatched)},
      {18, "AMT 11.8 (not affected)",
       Amt(18, "11.8.50.3425", Mode::kPatched, true)},
      {19, "ME 11.x answering 'Server: AMT'",
       Amt(19, "11.0.22", Mode::kVulnerable)},
      {20, "Intel Standard Manageability 9.0",
       Amt(20, "9.0.30", Mode::kVulnerable)},
      {21, "AMT 10.0, TLS only (16993)", Amt(21, "10.0.47", Mode::kVulnerable)},
      {22, "AMT 9.1 with the web UI disabled",
       Amt(22, "9.1.30", Mode::kVulnerable)},
      {23, "an ordinary web server", WebServer(23)},
      {24, "a honeypot that accepts any password",
       Amt(24, "8.1.40", Mode::kAnyPassword)},
  };
  f[8].config.bare_banner = true;
  f[9].config.product = emu::Product::kIsm;
  f[10].config.ports = {emu::ListenPort::Standard(16993)};
  f[11].config.web_ui = false;
  return f;
}

// The running fleet: the emulator and the targets to scan.
struct RunningFleet {
  std::unique_ptr<emu::Emulator> emulator;
  std::vector<ProbeTarget> targets;
  std::vector<uint16_t> tls_ports;
  std::vector<uint16_t> ports;
};

Status StartFleet(std::vector<DemoHost>& hosts, bool ephemeral,
                  RunningFleet* out) {
  emu::FleetConfig fleet;
  fleet.seed = 42;
  for (DemoHost& h : hosts) {
    if (ephemeral) {
      for (auto& p : h.config.ports) p.port = 0;
    }
    fleet.hosts.push_back(h.config);
  }
  AMTSCOPE_ASSIGN_OR_RETURN(out->emulator, emu::Emulator::Start(fleet));
  return Status::Ok();
}

// Every demo address on every port in use: closed combinations show
// nothing, as in a real scan.
void PlanTargets(const std::vector<DemoHost>& hosts, RunningFleet* f) {
  std::set<uint16_t> ports;
  std::set<uint16_t> tls;
  for (const auto& ep : f->emulator->endpoints()) {
    ports.insert(ep.port);
    if (ep.tls) tls.insert(ep.port);
  }
  f->ports.assign(ports.begin(), ports.end());
  f->tls_ports.assign(tls.begin(), tls.end());
  for (const DemoHost& h : hosts) {
    for (uint16_t p : f->ports) {
      f->targets.push_back(
          {boost::asio::ip::make_address(fmt::format("{}{}", kNet, h.octet)), p,
           f->targets.size()});
    }
  }
}

class ListSource : public TargetSource {
 public:
  explicit ListSource(const std::vector<ProbeTarget>& t) : targets_(t) {}
  bool Next(ProbeTarget* out) override {
    size_t i = next_.fetch_add(1);
    if (i >= targets_.size()) return false;
    *out = targets_[i];
    return true;
  }

 private:
  const std::vector<ProbeTarget>& targets_;
  std::atomic<size_t> next_{0};
};

// The recorder stays the demo's (its status is read after the run); the tee
// owns only this forwarder.
class RecorderRef : public OutputWriter {
 public:
  explicit RecorderRef(InventoryRecorder& r) : r_(r) {}
  Status Begin(const ScanInfo& info) override { return r_.Begin(info); }
  Status Record(const Finding& f) override { return r_.Record(f); }
  Status End(const RunStats& stats) override { return r_.End(stats); }

 private:
  InventoryRecorder& r_;
};

void Explain(const std::vector<DemoHost>& hosts, const RunningFleet& f,
             bool ephemeral, const RunStats& stats) {
  std::cout << "\nWhat you are looking at\n";
  std::cout << fmt::format(
      "  {} emulated devices on {}11-{}24 ({}), scanned in-process on "
      "loopback.\n",
      hosts.size(), kNet, kNet,
      ephemeral ? "ports 16992/16993 were busy, so ephemeral ports were used"
                : "ports 16992/16993");
  for (const DemoHost& h : hosts)
    std::cout << fmt::format("    {}{:<3} {}\n", kNet, h.octet, h.what);
  std::cout
      << "  vulnerable      the web server let us in with an EMPTY Digest "
         "response (CVE-2017-5689)\n"
         "                  and refused a wrong one: proof, not a guess from "
         "the version number.\n"
         "  not-vulnerable  the empty response was refused (basis bypass), or "
         "the version is\n"
         "                  outside INTEL-SA-00075 (basis version).\n"
         "  unknown         AMT-like, but the evidence does not decide: the "
         "honeypot accepts a\n"
         "                  wrong password too, so its 'login' proves "
         "nothing.\n"
         "  not-amt         an open port that is not an AMT web server.\n";
  std::cout << fmt::format("  {} open ports, {} AMT, {} vulnerable.\n",
                           stats.open_ports, stats.amt_found, stats.vulnerable);
  std::cout
      << "Next: amtscope scan 198.18.0.0/24 (only networks you may test); "
         "--format ndjson|csv|xml; --passive for no login attempts.\n";
  (void)f;
}

// The demo's scan as the HTML report a newcomer opens (issue 13): recorded
// into a temporary inventory, rendered into a file that stays.
Result<std::string> WriteDemoReport(Inventory& inventory,
                                    const AdvisoryDb& advisories) {
  AMTSCOPE_ASSIGN_OR_RETURN(Fleet fleet, LoadFleet(inventory, {}));
  fleet.inventory = "the demo's scan";
  AMTSCOPE_ASSIGN_OR_RETURN(VendorDb vendors, VendorDb::Embedded());
  AMTSCOPE_ASSIGN_OR_RETURN(std::string dir, MakeTempDir("amtscope-demo-"));
  std::string path = dir + "/report.html";
  ReportContext context{&advisories, &vendors, ShortVersion(),
                        std::chrono::system_clock::now()};
  AMTSCOPE_RETURN_IF_ERROR(
      WriteReportFile(path, ReportFormat::kHtml, fleet, context));
  return path;
}

Status RunDemo(const CommandContext& ctx) {
  AMTSCOPE_ASSIGN_OR_RETURN(AdvisoryDb db,
                            AdvisoryDb::Load(ctx.advisories_file));
  AMTSCOPE_ASSIGN_OR_RETURN(auto tls, TlsClientContexts::Create());
  std::vector<DemoHost> hosts = DemoFleet();
  RunningFleet fleet;
  bool ephemeral = false;
  if (Status st = StartFleet(hosts, false, &fleet); !st.ok()) {
    fleet = RunningFleet();
    ephemeral = true;
    hosts = DemoFleet();
    AMTSCOPE_RETURN_IF_ERROR(StartFleet(hosts, true, &fleet));
  }
  PlanTargets(hosts, &fleet);
  std::cout << fmt::format(
      "amtscope demo: {} emulated devices on {}11-{}24{}; scanning {} "
      "address:port pairs\n\n",
      hosts.size(), kNet, kNet,
      ephemeral ? " (16992/16993 busy: ephemeral ports)" : "",
      fleet.targets.size());
  AMTSCOPE_ASSIGN_OR_RETURN(
      auto table,
      MakeOutputWriter("table", std::cout, TableStyle(StdoutTerminal())));
  AMTSCOPE_ASSIGN_OR_RETURN(auto store, TempInventory::Create());
  ScanRecord record;
  record.command_line = "amtscope demo";
  record.targets = {std::string(kNet) + "11-24"};
  record.ports = fleet.ports;
  record.target_count = hosts.size();
  record.start = std::chrono::system_clock::now();
  AMTSCOPE_ASSIGN_OR_RETURN(int64_t scan_id,
                            store->inventory().BeginScan(record));
  InventoryRecorder recorder(store->inventory(), scan_id);
  std::vector<NamedWriter> writers;
  writers.push_back({"stdout", std::move(table)});
  writers.push_back({"report", std::make_unique<RecorderRef>(recorder)});
  auto writer = MakeTeeWriter(std::move(writers));
  EngineOptions opt;
  opt.probe.timeout = std::chrono::milliseconds(1500);
  opt.concurrency = 64;
  opt.tls_ports = fleet.tls_ports;
  opt.handle_signals = true;
  WriterSink sink(*writer);
  ScanInfo info{"amtscope demo", fleet.ports, hosts.size(),
                std::chrono::system_clock::now()};
  AMTSCOPE_RETURN_IF_ERROR(writer->Begin(info));
  ScanEngine engine(opt, db, tls);
  ListSource source(fleet.targets);
  Status run = engine.Run(source, sink);
  RunStats stats = sink.stats();
  stats.interrupted = !run.ok();
  stats.end = std::chrono::system_clock::now();
  AMTSCOPE_RETURN_IF_ERROR(writer->End(stats));
  std::cout.flush();
  AMTSCOPE_RETURN_IF_ERROR(run);
  Explain(hosts, fleet, ephemeral, stats);
  AMTSCOPE_RETURN_IF_ERROR(recorder.status());
  AMTSCOPE_RETURN_IF_ERROR(
      store->inventory().FinishScan(scan_id, ScanStatus::kDone, stats));
  AMTSCOPE_ASSIGN_OR_RETURN(std::string report,
                            WriteDemoReport(store->inventory(), db));
  std::cout << "Report: " << report << " (open it in a browser)\n";
  return sink.status();
}

}  // namespace

void AddDemoCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("demo",
                                     "Start an emulated AMT fleet on loopback, "
                                     "scan it and explain the result");
  sub->footer(
      "Runs unprivileged: binds 127.42.0.11-127.42.0.24 on 16992/16993 "
      "(ephemeral ports\n"
      "when those are busy) and sends traffic only there.\n"
      "Examples:\n"
      "  amtscope demo\n"
      "  amtscope demo --advisories my-advisories.json");
  sub->callback([&ctx] {
    Status st = RunDemo(ctx);
    ctx.exit_code = st.ok() ? kExitOk : ReportError(st);
  });
}

}  // namespace amtscope::cli
