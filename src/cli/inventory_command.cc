// `amtscope inventory`: what every scan and check recorded (issue 12):
// scans, devices, diff, import, export, prune.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <span>
#include <sstream>

#include "cli/command.h"
#include "cli/inventory_import.h"
#include "cli/inventory_render.h"
#include "cli/inventory_scope.h"
#include "cli/option_binding.h"
#include "inventory/diff.h"
#include "inventory/import.h"
#include "inventory/inventory.h"
#include "report/output_writer.h"

namespace amtscope::cli {

namespace {

struct InventoryOptions {
  std::string db;  // --db; "" = AMTSCOPE_DB or the default path
  bool json = false;
  bool vulnerable = false;
  std::string site;
  int64_t from = 0;  // 0 = default
  int64_t to = 0;
  int64_t scan = 0;
  std::string format = "ndjson";
  uint64_t keep = 0;
  std::vector<std::string> files;
  std::string campaign;  // --campaign NAME (scans, export)
};

Result<std::unique_ptr<Inventory>> Open(const InventoryOptions& o) {
  return OpenInventory(o.db.empty() ? DefaultInventoryPath() : o.db);
}

Result<std::string> Scans(const InventoryOptions& o) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto inv, Open(o));
  if (!o.campaign.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(int64_t id, inv->FindCampaign(o.campaign));
    AMTSCOPE_ASSIGN_OR_RETURN(ScanRecord scan, inv->GetScan(id));
    AMTSCOPE_ASSIGN_OR_RETURN(auto shards, inv->CampaignShards(id));
    return o.json ? CampaignToJson(scan, shards).dump(2) + "\n"
                  : CampaignToText(scan, shards);
  }
  AMTSCOPE_ASSIGN_OR_RETURN(auto scans, inv->Scans());
  return o.json ? ScansToJson(scans).dump(2) + "\n" : ScansToText(scans);
}

Result<std::string> Devices(const InventoryOptions& o) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto inv, Open(o));
  AMTSCOPE_ASSIGN_OR_RETURN(auto devices, inv->Devices({o.vulnerable, o.site}));
  return o.json ? DevicesToJson(devices).dump(2) + "\n"
                : DevicesToText(devices);
}

// The newest finished scan before `limit` (exclusive, 0 = any) whose
// targets overlap `with` (empty = any); 0 when none.
int64_t PickScan(const std::vector<ScanRecord>& newest_first, int64_t below,
                 const ScanRecord* with) {
  std::vector<AddressRange> scope;
  if (with != nullptr) scope = TargetRanges(with->targets);
  for (const ScanRecord& s : newest_first) {
    if (s.status != ScanStatus::kDone || s.source == "import:check") continue;
    if (below != 0 && s.id >= below) continue;
    if (with != nullptr && !RangesOverlap(scope, TargetRanges(s.targets)))
      continue;
    return s.id;
  }
  return 0;
}

const ScanRecord* FindScan(const std::vector<ScanRecord>& scans, int64_t id) {
  for (const ScanRecord& s : scans) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

// --from/--to, or the last two finished scans whose targets overlap.
Status ChooseDiffScans(const std::vector<ScanRecord>& scans,
                       InventoryOptions* o) {
  if (o->to == 0) o->to = o->from == 0 ? PickScan(scans, 0, nullptr) : 0;
  const ScanRecord* to = FindScan(scans, o->to);
  if (o->to == 0 && o->from != 0) {
    for (const ScanRecord& s : scans) {
      if (s.id > o->from && s.status == ScanStatus::kDone) to = &s;
    }
    o->to = to ? to->id : 0;
  }
  if (to == nullptr) {
    return Status::NotFound(o->to == 0 ? "no finished scan to compare"
                                       : fmt::format("no scan {}", o->to),
                            "list them with: amtscope inventory scans");
  }
  if (o->from == 0) o->from = PickScan(scans, to->id, to);
  if (o->from == 0 || FindScan(scans, o->from) == nullptr) {
    return Status::NotFound(
        fmt::format("no earlier finished scan overlapping scan {}'s targets",
                    to->id),
        "scan the same networks again, or name both with --from ID --to ID");
  }
  return Status::Ok();
}

Result<std::string> DiffCommand(InventoryOptions o) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto inv, Open(o));
  AMTSCOPE_ASSIGN_OR_RETURN(auto scans, inv->Scans());
  AMTSCOPE_RETURN_IF_ERROR(ChooseDiffScans(scans, &o));
  // Only what Diff compares: reading whole observations tripled its time.
  AMTSCOPE_ASSIGN_OR_RETURN(auto before, inv->ScanVerdicts(o.from));
  AMTSCOPE_ASSIGN_OR_RETURN(auto after, inv->ScanVerdicts(o.to));
  std::vector<AddressRange> scope =
      TargetRanges(FindScan(scans, o.to)->targets);
  ScanDiff diff = Diff(before, after, [&scope](const std::string& ip) {
    return RangesCover(scope, ip);
  });
  diff.from_scan = o.from;
  diff.to_scan = o.to;
  return o.json ? DiffToJson(diff) + "\n" : DiffToText(diff);
}

Result<std::string> Import(const InventoryOptions& o) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto inv, Open(o));
  std::string out;
  for (const std::string& path : o.files) {
    AMTSCOPE_ASSIGN_OR_RETURN(ImportOutcome in,
                              ImportFileInto(*inv, path, o.site));
    out += fmt::format(
        "{}: scan {} ({}): {} open ports, {} machines{}\n", path, in.scan_id,
        ToString(in.format), in.findings, in.machines,
        in.skipped ? fmt::format(", {} records skipped", in.skipped) : "");
  }
  return out;
}

Result<std::string> Export(const InventoryOptions& o) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto inv, Open(o));
  int64_t id = o.scan;
  if (!o.campaign.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(id, inv->FindCampaign(o.campaign));
  }
  if (id == 0) {
    AMTSCOPE_ASSIGN_OR_RETURN(auto scans, inv->Scans());
    if (scans.empty())
      return Status::NotFound("no scans recorded yet",
                              "run amtscope scan first");
    id = scans.front().id;
  }
  AMTSCOPE_ASSIGN_OR_RETURN(ScanRecord scan, inv->GetScan(id));
  AMTSCOPE_ASSIGN_OR_RETURN(auto observations, inv->ScanObservations(id));
  std::ostringstream text;
  AMTSCOPE_ASSIGN_OR_RETURN(auto writer, MakeOutputWriter(o.format, text));
  ScanInfo info{scan.command_line, scan.ports, scan.target_count,
                scan.start,        "connect",  0};
  AMTSCOPE_RETURN_IF_ERROR(writer->Begin(info));
  for (const Observation& ob : observations) {
    AMTSCOPE_RETURN_IF_ERROR(writer->Record(ob.finding));
  }
  RunStats stats{scan.targets_done,
                 scan.open_ports,
                 scan.amt_found,
                 scan.vulnerable,
                 scan.status == ScanStatus::kInterrupted,
                 scan.end};
  AMTSCOPE_RETURN_IF_ERROR(writer->End(stats));
  return text.str();
}

Result<std::string> Prune(const InventoryOptions& o) {
  AMTSCOPE_ASSIGN_OR_RETURN(auto inv, Open(o));
  AMTSCOPE_ASSIGN_OR_RETURN(uint64_t n, inv->Prune(o.keep));
  return fmt::format("Deleted {} scan(s); kept the newest {}.\n", n, o.keep);
}

using Action = Result<std::string> (*)(const InventoryOptions&);

CLI::App* Sub(CLI::App* parent, const char* name, const char* help,
              const std::shared_ptr<InventoryOptions>& o, CommandContext& ctx,
              Action action) {
  CLI::App* sub = parent->add_subcommand(name, help);
  // Not the top-level footer CLI11 copies down (other commands' examples).
  sub->footer(
      "Exit codes: 0 done, 2 usage error or no such scan, 3 database "
      "error.");
  // A table row, so a config file's `db` (cli/config.h) reaches it too.
  static const OptionRow<InventoryOptions> kDbRow{
      .name = "db",
      .flags = "--db",
      .help =
          "Inventory: a SQLite file or postgresql:// URL (default "
          "$AMTSCOPE_DB, else ~/.local/share/amtscope/inventory.sqlite)",
      .value_name = "PATH|URL",
      .field = StringField(&InventoryOptions::db),
      .config = true};
  BindRow(sub, kDbRow, o.get());
  sub->callback([o, &ctx, action] { FinishWithOutput(ctx, action(*o)); });
  return sub;
}

}  // namespace

void AddInventoryCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* inv = app.add_subcommand("inventory",
                                     "What past scans and checks recorded: "
                                     "scans, devices, diff, import, export");
  inv->require_subcommand(1);
  auto o = std::make_shared<InventoryOptions>();
  CLI::App* scans =
      Sub(inv, "scans", "The recorded scans, newest first", o, ctx, Scans);
  scans->add_flag("--json", o->json, "Print JSON");
  scans->add_option("--campaign", o->campaign,
                    "One campaign and each shard's progress");
  CLI::App* devices =
      Sub(inv, "devices", "Each device's current state", o, ctx, Devices);
  devices->add_flag("--vulnerable", o->vulnerable,
                    "Only devices vulnerable now");
  devices->add_option("--site", o->site,
                      "Only devices last seen by scans of this --site");
  devices->add_flag("--json", o->json, "Print JSON");
  CLI::App* diff =
      Sub(inv, "diff", "What changed between two scans", o, ctx,
          [](const InventoryOptions& x) { return DiffCommand(x); });
  diff->add_option("--from", o->from,
                   "The earlier scan (default: the one before --to "
                   "whose targets overlap)")
      ->type_name("SCAN");
  diff->add_option("--to", o->to, "The later scan (default: the last finished)")
      ->type_name("SCAN");
  diff->add_flag("--json", o->json,
                 "Print JSON: new, fixed, regressed, "
                 "still_vulnerable, gone, moved");
  CLI::App* import =
      Sub(inv, "import", "Store other scans' results, one scan per file", o,
          ctx, Import);
  import
      ->add_option("files", o->files,
                   "amtscope NDJSON, check --json, nmap XML, "
                   "masscan -oL/-oJ")
      ->required()
      ->type_name("FILE");
  import->add_option("--site", o->site,
                     "Label the imported scans with this site");
  CLI::App* exp = Sub(inv, "export", "A scan's observations as NDJSON or CSV",
                      o, ctx, Export);
  exp->add_option("--scan", o->scan, "Scan id (default: the last)")
      ->type_name("ID");
  exp->add_option("--campaign", o->campaign,
                  "The campaign's scan (all its shards)")
      ->excludes("--scan");
  exp->add_option("--format", o->format, "ndjson or csv")
      ->check(CLI::IsMember({"ndjson", "csv"}));
  CLI::App* prune =
      Sub(inv, "prune", "Delete all but the newest N scans", o, ctx, Prune);
  prune->add_option("--keep", o->keep, "How many scans to keep")
      ->required()
      ->type_name("N");
  inv->footer(
      "Examples:\n"
      "  amtscope inventory scans\n"
      "  amtscope inventory devices --vulnerable --site building-c\n"
      "  amtscope inventory diff --json\n"
      "  amtscope inventory import nmap.xml masscan.json check-*.json\n"
      "  amtscope inventory export --scan 12 --format csv\n"
      "  amtscope inventory scans --campaign weekly-2026-W49\n"
      "Exit codes: 0 done, 2 usage error or no such scan, 3 database error.");
}

}  // namespace amtscope::cli
