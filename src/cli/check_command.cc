// amtscope check: is THIS machine affected, why, and what to do now (Linux
// and Windows; the OS-specific parts are in check_platform_*.cc).
#include <fmt/format.h>

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
#include "cli/check_platform.h"
#include "cli/command.h"
#include "cli/option_binding.h"
#include "core/option_table.h"
#include "core/strings.h"
#include "core/text_escape.h"  // Rfc3339
#include "local/assessment.h"
#include "local/capture.h"
#include "local/check_report.h"
#include "local/local_facts.h"
#include "local/mei_capture.h"
#include "local/mei_client.h"
#include "local/services.h"
#include "local/smbios.h"

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
  // --db given on the command line, not from a config file or AMTSCOPE_DB:
  // only that is an error on Windows (a shared environment must not break
  // check there).
  bool db_on_command_line = false;
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
       .help = "Disable and stop LMS (Linux: systemctl disable --now "
               "lms.service; Windows: the LMS service via the SCM)",
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
  if (!StdinIsTerminal()) {
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
  LiveMachine machine = OpenLiveMachine(o.device);
  MeiTransport& mei = *machine.mei;
  MeiFacts facts = QueryMei(mei);
  if (facts.amthi_connect != MeiStatus::kOk) {
    return Status::Unavailable(
        fmt::format("cannot reach the AMT host interface ({}: {})",
                    ToString(facts.amthi_connect), facts.amthi_detail),
        facts.amthi_connect == MeiStatus::kBusy
            ? "stop LMS first (--disable-lms), then retry"
        : facts.amthi_connect == MeiStatus::kNoSuchClient
            ? "this ME has no AMT: nothing to unprovision"
            : ElevationHint());
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
                  MeiDeviceName(o.device),
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
                  DisableLmsPlan()),
      o.yes));
  AMTSCOPE_RETURN_IF_ERROR(DisableLmsNow());
  std::fprintf(stderr, "LMS disabled.\n");
  return Status::Ok();
}

// What fleet collection needs beside the facts: which schema and tool wrote
// the record, for which machine (only when live: a captured tree is not this
// host), and when.
nlohmann::json WithRunInfo(nlohmann::json j, bool live) {
  j["schema_version"] = 1;
  j["tool"] = {{"name", "amtscope"}, {"version", AMTSCOPE_VERSION}};
  std::string host = live ? HostName() : std::string();
  j["hostname"] =
      !host.empty() ? nlohmann::json(host) : nlohmann::json(nullptr);
  j["timestamp"] = Rfc3339(std::chrono::system_clock::now());
  return j;
}

Status RunCapture(const CheckOptions& o) {
  const bool live = o.root.empty();
  RealFileSystem tree(live ? "/" : o.root);
  std::unique_ptr<FileSystem> live_fs = live ? LiveFileSystem() : nullptr;
  const FileSystem& fs = live ? *live_fs : tree;
  LiveMachine machine;
  CaptureExtras extras;
  if (live) {
    machine = OpenLiveMachine(o.device);
    if (machine.windows) {
      // Never serials or UUIDs: only the sanitised table (smbios.h).
      auto table = RawSmbiosTable(machine.smbios);
      if (table.ok()) {
        std::vector<SmbiosStructure> partial;
        auto parsed = ParseSmbiosTable(*table, &partial);
        extras.smbios = SanitizedSmbiosTable(parsed.ok() ? *parsed : partial);
      }
      extras.services = FormatServicesCapture(machine.services);
    }
  }
  HttpWebProbe web("127.0.0.1", 16992, o.web_timeout);
  AMTSCOPE_ASSIGN_OR_RETURN(
      std::vector<std::string> written,
      CaptureTree(fs, o.capture, live ? machine.mei.get() : nullptr,
                  live && !o.no_web ? &web : nullptr, extras));
  std::printf(
      "Captured %zu files into %s (no serial numbers, UUIDs or asset tags):\n",
      written.size(), o.capture.c_str());
  for (const std::string& w : written) std::printf("  %s\n", w.c_str());
  std::printf("Check it with: amtscope check --root %s\n", o.capture.c_str());
  return Status::Ok();
}

Result<LocalFacts> Gather(const CheckOptions& o) {
  const bool live = o.root.empty();
  RealFileSystem tree(live ? "/" : o.root);
  std::unique_ptr<FileSystem> live_fs = live ? LiveFileSystem() : nullptr;
  const FileSystem& fs = live ? *live_fs : tree;
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
  LiveMachine machine;
  if (live) {
    machine = OpenLiveMachine(o.device);
    mei = std::move(machine.mei);
    src.mei_source = machine.mei_source;
    src.windows = machine.windows;
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
    for (const std::string& why : tree.unreadable())
      facts.sysfs.notes.push_back(why);
  }
  if (live && machine.dmi) facts.dmi = *machine.dmi;
  if (live && machine.windows)
    ApplyServices(std::move(machine.services), &facts.lms);
  for (const std::string& note : machine.notes)
    facts.sysfs.notes.push_back(note);
  facts.as_root = live && machine.elevated;
  return facts;
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
  // The report is printed before it is recorded: a database that fails
  // (or --db on Windows) must not take the answer away.
  if (o.json) {
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << CheckToText(*facts, a);
  }
  std::cout.flush();
  if (!o.no_db) {
    if (Status st = RecordCheckPlatform(o.db, o.db_on_command_line, o.root,
                                        o.site, ctx, report);
        !st.ok())
      return ReportError(st);
  }
  return o.fail_on_findings && a.AnyVulnerable() ? kExitFindings : kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* sub = app.add_subcommand("check",
                                     "Is this machine affected by the AMT/ME "
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
  sub->callback([opts, sub, &ctx] {
    opts->db_on_command_line = sub->get_option("--db")->count() > 0;
    ctx.exit_code = Run(*opts, ctx);
  });
}

}  // namespace amtscope::cli
