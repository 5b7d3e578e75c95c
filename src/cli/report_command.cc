// `amtscope report`: the inventory as one HTML page, Markdown, SARIF or CSV
// (issue 13; docs/report.md).
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "cli/command.h"
#include "cli/inventory_import.h"
#include "cli/option_binding.h"
#include "cli/report_file.h"
#include "cli/version.h"
#include "core/text_escape.h"
#include "fleetreport/fleet.h"
#include "fleetreport/formats.h"
#include "inventory/import.h"

namespace amtscope::cli {

namespace {

struct ReportOptions {
  std::string db;  // "" = AMTSCOPE_DB or the default path
  int64_t scan = 0;
  std::string since;
  std::string site;
  std::string output;
  std::string format;  // "" = by the extension of `output`
  std::string from_ndjson;
};

Result<ReportFormat> ChooseFormat(const ReportOptions& o) {
  if (!o.format.empty()) return ParseReportFormat(o.format);
  if (o.output == "-")
    return Status::InvalidArgument("-o - needs --format",
                                   "give --format html|md|sarif|csv");
  return ReportFormatForPath(o.output);
}

Result<FleetQuery> Query(const ReportOptions& o) {
  FleetQuery q{o.site, o.scan, std::nullopt};
  if (!o.since.empty()) {
    std::string text = o.since.size() == 10 ? o.since + "T00:00:00Z" : o.since;
    q.since = ParseRfc3339(text);
    if (!q.since)
      return Status::InvalidArgument(
          "--since: not a date: " + PrintableLine(o.since),
          "give YYYY-MM-DD or 2026-11-25T01:00:00Z (UTC)");
  }
  return q;
}

// A report reads an inventory; it never creates an empty one by accident.
Result<std::unique_ptr<Inventory>> OpenExisting(const std::string& given) {
  std::string where = given.empty() ? DefaultInventoryPath() : given;
  bool url =
      where.starts_with("postgresql://") || where.starts_with("postgres://");
  std::error_code ec;
  if (!url && !std::filesystem::exists(where, ec)) {
    return Status::NotFound(
        "no inventory at " + PrintableLine(where),
        "record a scan first (amtscope scan ...), give --db PATH|URL, or "
        "--from-ndjson FILE");
  }
  return OpenInventory(where);
}

Result<Fleet> LoadFromNdjson(const ReportOptions& o, const FleetQuery& q,
                             std::unique_ptr<TempInventory>* keep) {
  AMTSCOPE_ASSIGN_OR_RETURN(*keep, TempInventory::Create());
  AMTSCOPE_RETURN_IF_ERROR(
      ImportFileInto((*keep)->inventory(), o.from_ndjson, o.site).status());
  AMTSCOPE_ASSIGN_OR_RETURN(Fleet fleet, LoadFleet((*keep)->inventory(), q));
  fleet.inventory = "file:" + o.from_ndjson;
  return fleet;
}

Result<std::string> RunReport(const CommandContext& ctx,
                              const ReportOptions& o) {
  AMTSCOPE_ASSIGN_OR_RETURN(ReportFormat format, ChooseFormat(o));
  AMTSCOPE_ASSIGN_OR_RETURN(FleetQuery query, Query(o));
  AMTSCOPE_ASSIGN_OR_RETURN(AdvisoryDb advisories,
                            AdvisoryDb::Load(ctx.advisories_file));
  AMTSCOPE_ASSIGN_OR_RETURN(VendorDb vendors, VendorDb::Load(ctx.vendors_file));
  std::unique_ptr<TempInventory> temp;
  Fleet fleet;
  if (!o.from_ndjson.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(fleet, LoadFromNdjson(o, query, &temp));
  } else {
    AMTSCOPE_ASSIGN_OR_RETURN(auto inv, OpenExisting(o.db));
    AMTSCOPE_ASSIGN_OR_RETURN(fleet, LoadFleet(*inv, query));
  }
  ReportContext context{&advisories, &vendors, ShortVersion(),
                        std::chrono::system_clock::now()};
  AMTSCOPE_RETURN_IF_ERROR(WriteReportFile(o.output, format, fleet, context));
  if (o.output == "-") return std::string();
  FleetSummary s = Summarize(fleet);
  return fmt::format(
      "Wrote {}: {} devices ({} AMT, {} vulnerable, {} unknown) from {} "
      "scan(s).\n",
      PrintableLine(o.output), s.devices, s.amt, s.vulnerable, s.unknown,
      fleet.scans.size());
}

}  // namespace

void AddReportCommand(CLI::App& app, CommandContext& ctx) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(
      "report",
      "The inventory as a report: one HTML page with charts, Markdown, "
      "SARIF 2.1.0 or CSV");
  // A table row, so a config file's `db` (cli/config.h) reaches it too.
  static const OptionRow<ReportOptions> kDbRow{
      .name = "db",
      .flags = "--db",
      .help =
          "Inventory: a SQLite file or postgresql:// URL (default "
          "$AMTSCOPE_DB, else ~/.local/share/amtscope/inventory.sqlite)",
      .value_name = "PATH|URL",
      .field = StringField(&ReportOptions::db),
      .config = true};
  BindRow(sub, kDbRow, o.get());
  CLI::Option* db = sub->get_option("--db");
  sub->add_option("--scan", o->scan,
                  "The fleet as this scan saw it (default: every device's "
                  "current state)")
      ->type_name("ID");
  sub->add_option("--since", o->since,
                  "Only scans started at or after DATE, and devices seen "
                  "since")
      ->type_name("DATE");
  sub->add_option("--site", o->site, "Only this --site's scans and devices");
  sub->add_option("-o,--output", o->output,
                  "Report file; its extension picks the format (- = stdout)")
      ->required()
      ->type_name("FILE");
  sub->add_option("--format", o->format, "html, md, sarif or csv")
      ->check(CLI::IsMember({"html", "md", "markdown", "sarif", "csv"}));
  sub->add_option("--from-ndjson", o->from_ndjson,
                  "Report on one scan's NDJSON (or another importable file) "
                  "without a database")
      ->type_name("FILE")
      ->excludes(db);
  sub->footer(
      "Examples:\n"
      "  amtscope report -o fleet.html\n"
      "  amtscope report --site building-c --since 2026-11-01 -o c.md\n"
      "  amtscope report --format sarif -o amt.sarif\n"
      "  amtscope report --from-ndjson scan.ndjson -o scan.html\n"
      "Exit codes: 0 written, 2 usage error or no such scan/inventory, 3 "
      "database or write error.");
  sub->callback([o, &ctx] { FinishWithOutput(ctx, RunReport(ctx, *o)); });
}

}  // namespace amtscope::cli
