// amtscope check: is THIS Linux machine affected, why, and what to do now.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <openssl/sha.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>
#include <vector>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "cli/command.h"
#include "cli/option_binding.h"
#include "core/option_table.h"
#include "core/strings.h"
#include "core/text_escape.h"  // Rfc3339
#include "inventory/inventory.h"
#include "local/assessment.h"
#include "local/capture.h"
#include "local/check_report.h"
#include "local/command_runner.h"
#include "local/linux_mei.h"
#include "local/local_facts.h"
#include "local/mei_capture.h"
#include "local/mei_client.h"

namespace amtscope::cli {

namespace {

struct CheckOptions {
  std::string root;
  std::string capture;
  std::string device;
  bool json = false;
  bool fail_on_findings = false;
  bool unprovision = false;
  bool disable_lms = false;
  bool yes = false;
  bool no_web = false;
  std::chrono::milliseconds web_timeout{700};
  std::string db;  // --db; "" = $AMTSCOPE_DB or the default path
  bool no_db = false;
  std::string site;
};

using CheckRow = OptionRow<CheckOptions>;

// A mistyped --device must not pass silently as "no MEI" (exit 0).
OptionField<CheckOptions> DeviceField() {
  OptionField<CheckOptions> field = StringField(&CheckOptions::device);
  field.set = [](CheckOptions& o, std::string_view v, std::string_view flag) {
    std::error_code ec;
    if (!std::filesystem::exists(std::string(v), ec)) {
      return BadOptionValue(flag, v, "no such file",
                            "name the MEI device node, e.g. /dev/mei0");
    }
    o.device = std::string(v);
    return Status::Ok();
  };
  return field;
}

std::vector<CheckRow> CheckActionRows() {
  return {
      {.name = "unprovision",
       .flags = "--unprovision",
       .help = "Unprovision AMT via AMTHI (client control mode only; admin "
               "control mode needs MEBx)",
       .field = BoolField(&CheckOptions::unprovision)},
      {.name = "disable-lms",
       .flags = "--disable-lms",
       .help = "Run systemctl disable --now lms.service",
       .field = BoolField(&CheckOptions::disable_lms)},
      {.name = "yes",
       .flags = "-y,--yes",
       .help = "Do --unprovision/--disable-lms without asking",
       .field = BoolField(&CheckOptions::yes)},
  };
}

std::vector<CheckRow> BuildCheckTable() {
  std::vector<CheckRow> rows = {
      {.name = "root",
       .flags = "--root",
       .help = "Check a captured tree (reads sys/, proc/, etc/, run/ under "
               "DIR; never the live MEI)",
       .value_name = "DIR",
       .field = StringField(&CheckOptions::root)},
      {.name = "capture",
       .flags = "--capture",
       .help = "Write the files the check reads into DIR (no serials/UUIDs) "
               "for a bug report",
       .value_name = "DIR",
       .field = StringField(&CheckOptions::capture)},
      {.name = "json",
       .flags = "--json",
       .help = "Print the facts and verdicts as JSON",
       .field = BoolField(&CheckOptions::json)},
      {.name = "fail-on-findings",
       .flags = "--fail-on-findings",
       .help = "Exit 1 when any advisory is vulnerable",
       .field = BoolField(&CheckOptions::fail_on_findings)},
  };
  for (CheckRow& row : CheckActionRows()) rows.push_back(std::move(row));
  rows.push_back({.name = "no-web",
                  .flags = "--no-web",
                  .help = "Do not probe the local AMT web server on "
                          "127.0.0.1:16992",
                  .field = BoolField(&CheckOptions::no_web),
                  .config = true});
  rows.push_back({.name = "web-timeout",
                  .flags = "--web-timeout",
                  .help = "Web probe timeout",
                  .field = DurationField(
                      &CheckOptions::web_timeout, std::chrono::milliseconds(10),
                      std::chrono::seconds(10), "write e.g. 700ms or 2s"),
                  .config = true});
  rows.push_back({.name = "db",
                  .flags = "--db",
                  .help = "Record into this inventory (SQLite file or "
                          "postgresql:// URL; default $AMTSCOPE_DB, else "
                          "~/.local/share/amtscope/inventory.sqlite)",
                  .value_name = "PATH|URL",
                  .field = StringField(&CheckOptions::db),
                  .config = true});
  rows.push_back({.name = "no-db",
                  .flags = "--no-db",
                  .help = "Record nothing in the inventory",
                  .field = BoolField(&CheckOptions::no_db),
                  .config = true});
  rows.push_back({.name = "site",
                  .flags = "--site",
                  .help = "Label this check with a site name in the inventory",
                  .field = StringField(&CheckOptions::site),
                  .config = true});
  rows.push_back({.name = "device",
                  .flags = "--device",
                  .help = "MEI device node (default /dev/mei0, then /dev/mei)",
                  .value_name = "PATH",
                  .field = DeviceField()});
  return rows;
}

// The check's option table (core/option_table.h).
const std::vector<CheckRow>& CheckOptionTable() {
  static const auto* table = new std::vector<CheckRow>(BuildCheckTable());
  return *table;
}

// Prints the plan on stderr and asks on a TTY; without one, --yes decides.
Status Confirm(const std::string& plan, bool yes) {
  std::fprintf(stderr, "%s\n", plan.c_str());
  if (yes) return Status::Ok();
  if (!::isatty(STDIN_FILENO)) {
    return Status::InvalidArgument(
        "not running on a terminal, so cannot ask for confirmation",
        "add --yes to proceed without asking");
  }
  std::fprintf(stderr, "Proceed? [y/N] ");
  std::string answer;
  std::getline(std::cin, answer);
  if (answer == "y" || answer == "Y" || answer == "yes") return Status::Ok();
  return Status::Interrupted("cancelled; nothing was changed");
}

Status RunUnprovision(const CheckOptions& o) {
  LinuxMei mei(o.device);
  MeiFacts facts = QueryMei(mei);
  if (facts.amthi_connect != MeiStatus::kOk) {
    return Status::Unavailable(
        fmt::format("cannot reach the AMT host interface ({}: {})",
                    ToString(facts.amthi_connect), facts.amthi_detail),
        facts.amthi_connect == MeiStatus::kBusy
            ? "stop LMS first (--disable-lms), then retry"
        : facts.amthi_connect == MeiStatus::kNoSuchClient
            ? "this ME has no AMT: nothing to unprovision"
            : "run as root on the machine itself");
  }
  if (facts.provisioning_state.value_or(1) == 0) {
    std::fprintf(stderr, "AMT is not provisioned: nothing to unprovision.\n");
    return Status::Ok();
  }
  if (facts.control_mode == 2u) {
    return Status::PermissionDenied(
        "AMT is provisioned in admin control mode; it cannot be unprovisioned "
        "from the OS",
        "unprovision in Intel MEBx: press Ctrl+P during boot");
  }
  AMTSCOPE_RETURN_IF_ERROR(Confirm(
      fmt::format("Will unprovision Intel AMT: send AMTHI Unprovision (command "
                  "0x04000010, mode 0) to the "
                  "AMT host interface on {} — AMT is {} in {} mode; its "
                  "network configuration, users and "
                  "certificates are erased.",
                  o.device.empty() ? "/dev/mei0" : o.device,
                  ProvisioningStateName(facts.provisioning_state.value_or(2)),
                  ControlModeName(facts.control_mode.value_or(1))),
      o.yes));
  AMTSCOPE_RETURN_IF_ERROR(UnprovisionAmt(mei));
  std::fprintf(stderr, "AMT unprovisioned.\n");
  return Status::Ok();
}

Status RunDisableLms(const CheckOptions& o) {
  AMTSCOPE_RETURN_IF_ERROR(Confirm(
      fmt::format("Will disable and stop the Local Manageability Service: {}",
                  fmt::join(DisableLmsCommand(), " ")),
      o.yes));
  RealCommandRunner runner;
  AMTSCOPE_RETURN_IF_ERROR(DisableLms(runner));
  std::fprintf(stderr, "LMS disabled.\n");
  return Status::Ok();
}

// What fleet collection needs beside the facts: which schema and tool wrote
// the record, for which machine (only when live: a captured tree is not this
// host), and when.
nlohmann::json WithRunInfo(nlohmann::json j, bool live) {
  j["schema_version"] = 1;
  j["tool"] = {{"name", "amtscope"}, {"version", AMTSCOPE_VERSION}};
  char host[256] = {};
  j["hostname"] = live && gethostname(host, sizeof host - 1) == 0
                      ? nlohmann::json(host)
                      : nlohmann::json(nullptr);
  j["timestamp"] = Rfc3339(std::chrono::system_clock::now());
  return j;
}

Status RunCapture(const CheckOptions& o) {
  const bool live = o.root.empty();
  RealFileSystem fs(live ? "/" : o.root);
  LinuxMei mei(o.device);
  HttpWebProbe web("127.0.0.1", 16992, o.web_timeout);
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<std::string> written,
                            CaptureTree(fs, o.capture, live ? &mei : nullptr,
                                        live && !o.no_web ? &web : nullptr));
  std::printf(
      "Captured %zu files into %s (no serial numbers, UUIDs or asset tags):\n",
      written.size(), o.capture.c_str());
  for (const std::string& w : written) std::printf("  %s\n", w.c_str());
  std::printf("Check it with: amtscope check --root %s\n", o.capture.c_str());
  return Status::Ok();
}

Result<LocalFacts> Gather(const CheckOptions& o) {
  const bool live = o.root.empty();
  RealFileSystem fs(live ? "/" : o.root);
  if (!live && !fs.Exists("")) {
    return Status::InvalidArgument(
        fmt::format("--root {}: no such directory", o.root),
        "give a tree written by amtscope check --capture");
  }
  FactSources src;
  src.fs = &fs;
  src.live = live;
  std::unique_ptr<MeiTransport> mei;
  std::unique_ptr<WebProbe> web;
  if (live) {
    mei = std::make_unique<LinuxMei>(o.device);
    src.mei_source = o.device.empty() ? "/dev/mei0" : o.device;
    if (!o.no_web)
      web = std::make_unique<HttpWebProbe>("127.0.0.1", 16992, o.web_timeout);
    src.web_skipped = "--no-web";
  } else {
    // A captured tree is not the live machine: MEI and web facts come only
    // from what the capture recorded (never /dev/mei0 or 127.0.0.1).
    if (auto text = fs.ReadFile(kMeiCaptureFile); text.ok()) {
      mei = std::make_unique<ReplayMei>(ReplayMei::Parse(*text));
      src.mei_source = fs.Display(kMeiCaptureFile);
    }
    if (auto text = fs.ReadFile(kWebCaptureFile, size_t{64} * 1024);
        text.ok()) {
      web = std::make_unique<CapturedWebProbe>(*text,
                                               fs.Display(kWebCaptureFile));
    }
    src.web_skipped =
        "captured tree: the live web server is not this machine's";
  }
  src.mei = mei.get();
  src.web = web.get();
  LocalFacts facts = GatherFacts(src, live ? "/" : o.root);
  // In a captured tree an unreadable file is a problem to report, not an
  // absent fact (on the live machine some files are root-only by design).
  if (!live) {
    for (const std::string& why : fs.unreadable())
      facts.sysfs.notes.push_back(why);
  }
  facts.as_root = live && geteuid() == 0;
  return facts;
}

// SHA-256 (hex) of the DMI product UUID, else /etc/machine-id: the
// machine's identity in the inventory, never the raw value.
std::string MachineIdentity(const std::string& root) {
  RealFileSystem fs(root.empty() ? "/" : root);
  for (const char* path : {"sys/class/dmi/id/product_uuid", "etc/machine-id"}) {
    auto text = fs.ReadFile(path, 4096);
    if (!text.ok()) continue;
    std::string id = Lower(Trim(*text));
    if (id.empty()) continue;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(id.data()), id.size(),
           digest);
    std::string hex;
    for (unsigned char b : digest) hex += fmt::format("{:02x}", b);
    return hex;
  }
  return {};
}

// Stores this check as one scan with one machine (source "check").
Status RecordCheck(const CheckOptions& o, const CommandContext& ctx,
                   const nlohmann::json& report) {
  auto inv = OpenInventory(o.db.empty() ? DefaultInventoryPath() : o.db);
  if (!inv.ok()) return inv.status().WithContext("cannot open the inventory");
  ScanRecord scan;
  scan.start = std::chrono::system_clock::now();
  scan.command_line = ctx.command_line;
  scan.source = "check";
  scan.site = o.site;
  scan.scanner_host = report.value("hostname", nlohmann::json()).is_string()
                          ? report["hostname"].get<std::string>()
                          : "";
  AMTSCOPE_ASSIGN_OR_RETURN(int64_t id, (*inv)->BeginScan(scan));
  MachineRecord m;
  m.identity = MachineIdentity(o.root);
  m.time = scan.start;
  m.hostname = scan.scanner_host;
  m.vendor = report["machine"].value("vendor", nlohmann::json()).is_string()
                 ? report["machine"]["vendor"].get<std::string>()
                 : "";
  m.model = report["machine"].value("model", nlohmann::json()).is_string()
                ? report["machine"]["model"].get<std::string>()
                : "";
  m.me_version = report["me"]["version"].is_string()
                     ? report["me"]["version"].get<std::string>()
                     : "";
  m.sku = report["me"]["sku"].is_string()
              ? report["me"]["sku"].get<std::string>()
              : "";
  const auto& prov = report["amt"]["provisioned"];
  m.provisioning = prov.is_boolean()
                       ? (prov.get<bool>() ? "provisioned" : "unprovisioned")
                       : "";
  m.lms = report["lms"]["running"].is_boolean() &&
                  report["lms"]["running"].get<bool>()
              ? "running"
              : "";
  m.verdicts = report["advisories"].dump();
  m.report = report.dump();
  Status st = (*inv)->RecordMachine(id, m);
  RunStats stats;
  stats.end = std::chrono::system_clock::now();
  Status fin = (*inv)->FinishScan(
      id, st.ok() ? ScanStatus::kDone : ScanStatus::kFailed, stats);
  AMTSCOPE_RETURN_IF_ERROR(st);
  return fin;
}

int Run(const CheckOptions& o, const CommandContext& ctx) {
  if ((o.unprovision || o.disable_lms) && !o.root.empty()) {
    return ReportError(Status::InvalidArgument(
        "--unprovision and --disable-lms act on the live machine",
        "drop --root"));
  }
  auto advisories = AdvisoryDb::Load(ctx.advisories_file);
  if (!advisories.ok()) return ReportError(advisories.status());
  auto vendors = VendorDb::Load(ctx.vendors_file);
  if (!vendors.ok()) return ReportError(vendors.status());
  if (!o.capture.empty()) {
    Status s = RunCapture(o);
    return s.ok() ? kExitOk : ReportError(s);
  }
  if (o.disable_lms) {
    if (Status s = RunDisableLms(o); !s.ok()) return ReportError(s);
  }
  if (o.unprovision) {
    if (Status s = RunUnprovision(o); !s.ok()) return ReportError(s);
  }
  auto facts = Gather(o);
  if (!facts.ok()) return ReportError(facts.status());
  Assessment a = Assess(*facts, *advisories, *vendors);
  nlohmann::json report = WithRunInfo(CheckToJson(*facts, a), facts->live);
  if (!o.no_db) {
    if (Status st = RecordCheck(o, ctx, report); !st.ok())
      return ReportError(st);
  }
  if (o.json) {
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << CheckToText(*facts, a);
  }
  std::cout.flush();
  return o.fail_on_findings && a.AnyVulnerable() ? kExitFindings : kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* sub =
      app.add_subcommand("check",
                         "Is this Linux machine affected by the AMT/ME "
                         "advisories, why, and what to do now");
  BindOptions(sub, CheckOptionTable(), opts.get());
  sub->footer(
      "Examples:\n"
      "  amtscope check                           report for this machine "
      "(root adds MEI facts)\n"
      "  sudo amtscope check --json               facts and verdicts as JSON\n"
      "  amtscope check --root ./pc42             check a tree captured on "
      "another machine\n"
      "  sudo amtscope check --capture ./pc42     capture this machine for a "
      "bug report\n"
      "  sudo amtscope check --unprovision        unprovision AMT (client "
      "control mode)\n"
      "  sudo amtscope check --disable-lms --yes  stop and disable LMS without "
      "asking\n"
      "  amtscope check --fail-on-findings        exit 1 when anything is "
      "vulnerable\n"
      "Exit codes: 0 done, 1 vulnerable (--fail-on-findings), 2 usage error, 3 "
      "runtime error.");
  sub->callback([opts, &ctx] { ctx.exit_code = Run(*opts, ctx); });
}

}  // namespace amtscope::cli
