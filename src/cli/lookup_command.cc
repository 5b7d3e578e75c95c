// amtscope lookup: which vendor update fixes this model, and what it fixes.
#include <cstdio>
#include <memory>
#include <string>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"
#include "cli/advisories_render.h"
#include "cli/command.h"

namespace amtscope::cli {

namespace {

struct LookupOptions {
  LookupQuery query;
  bool json = false;
};

void RunLookup(CommandContext& ctx, const LookupOptions& opts) {
  auto advisories = AdvisoryDb::Load(ctx.advisories_file);
  if (!advisories.ok()) {
    ReportError(advisories.status());
    ctx.exit_code = kExitUsage;  // a broken data file is a config error
    return;
  }
  auto vendors = VendorDb::Load(ctx.vendors_file);
  if (!vendors.ok()) {
    ReportError(vendors.status());
    ctx.exit_code = kExitUsage;
    return;
  }
  FinishWithOutput(ctx,
                   RenderLookup(*advisories, *vendors, opts.query, opts.json));
}

}  // namespace

void AddLookupCommand(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<LookupOptions>();
  CLI::App* sub = app.add_subcommand(
      "lookup", "Which vendor update (ME build, BIOS) fixes a model");
  sub->add_option("--vendor", opts->query.vendor,
                  "Vendor as DMI or the vendor names it: HP, Hewlett-Packard, "
                  "Dell Inc., LENOVO, Fujitsu...");
  sub->add_option("--model", opts->query.model,
                  "Model, with or without the vendor prefix "
                  "(Lenovo: the product_version, e.g. \"ThinkPad X230\")")
      ->required();
  sub->add_option("--advisory", opts->query.advisory,
                  "Advisory whose fix to show first (default INTEL-SA-00075)");
  sub->add_flag("--json", opts->json, "Print one JSON object");
  sub->footer(
      "Examples:\n"
      "  amtscope lookup --vendor HP --model \"HP EliteBook 850 G3\"\n"
      "  amtscope lookup --vendor Hewlett-Packard --model \"elitebook 850 "
      "g3\"\n"
      "  amtscope lookup --vendor LENOVO --model \"ThinkPad X230\" --json\n"
      "  amtscope lookup --vendor Dell --model \"PowerEdge T20\"\n"
      "An unknown model prints the vendor's advisory page; the vendor data is\n"
      "built in (data/vendors.json) and --vendors FILE replaces it.");
  sub->callback([&ctx, opts] { RunLookup(ctx, *opts); });
}

}  // namespace amtscope::cli
