// amtscope advisories list|show|match: the advisory database and its verdicts.
#include <cstdio>
#include <memory>
#include <string>

#include "advisory/advisory_db.h"
#include "cli/advisories_render.h"
#include "cli/command.h"

namespace amtscope::cli {

namespace {

struct AdvisoriesOptions {
  bool json = false;
  std::string id;
  MatchQuery match;
};

// A broken --advisories file is a configuration error: exit 2.
bool LoadDb(CommandContext& ctx, AdvisoryDb& db) {
  auto loaded = AdvisoryDb::Load(ctx.advisories_file);
  if (!loaded.ok()) {
    ReportError(loaded.status());
    ctx.exit_code = kExitUsage;
    return false;
  }
  db = std::move(loaded).value();
  return true;
}

void AddList(CLI::App& parent, CommandContext& ctx,
             const std::shared_ptr<AdvisoriesOptions>& opts) {
  CLI::App* cmd = parent.add_subcommand("list", "List every known advisory");
  cmd->add_flag("--json", opts->json, "Print a JSON array of advisories");
  cmd->footer(
      "Examples:\n"
      "  amtscope advisories list\n"
      "  amtscope advisories list --json | jq '.[].id'\n"
      "  amtscope --advisories my.json advisories list   use another database");
  cmd->callback([&ctx, opts] {
    AdvisoryDb db;
    if (LoadDb(ctx, db))
      FinishWithOutput(ctx, RenderAdvisoryList(db, opts->json));
  });
}

void AddShow(CLI::App& parent, CommandContext& ctx,
             const std::shared_ptr<AdvisoriesOptions>& opts) {
  CLI::App* cmd = parent.add_subcommand(
      "show", "Show one advisory: CVEs, vectors, affected lines, fixes");
  cmd->add_option(
         "ID", opts->id,
         "Advisory id (INTEL-SA-00075, SA-00075, 00075) or a CVE it lists")
      ->required();
  cmd->add_flag("--json", opts->json, "Print the advisory as a JSON object");
  cmd->footer(
      "Examples:\n"
      "  amtscope advisories show INTEL-SA-00075\n"
      "  amtscope advisories show 00185 --json\n"
      "  amtscope advisories show CVE-2017-5689");
  cmd->callback([&ctx, opts] {
    AdvisoryDb db;
    if (LoadDb(ctx, db)) {
      FinishWithOutput(ctx, RenderAdvisoryShow(db, opts->id, opts->json));
    }
  });
}

void AddMatch(CLI::App& parent, CommandContext& ctx,
              const std::shared_ptr<AdvisoriesOptions>& opts) {
  CLI::App* cmd = parent.add_subcommand(
      "match", "Decide every advisory for one firmware version");
  cmd->add_option("VERSION", opts->match.version,
                  "Firmware version: 8.1.40, 11.0.25.3001, \"9.5.35-build "
                  "1862\", 0:11.8.50.3425, or AMT (bare banner)")
      ->required();
  cmd->add_option("--sku", opts->match.sku,
                  "Firmware SKU when known: amt, ism, sbt or consumer");
  cmd->add_option("--provisioned", opts->match.provisioned,
                  "Provisioning state when known: yes or no");
  cmd->add_flag("--json", opts->json,
                "Print a JSON array of {id, verdict, reason, title, cves}");
  cmd->footer(
      "Verdicts: vulnerable, not-vulnerable, unknown (with the reason).\n"
      "A 3-part version (no build number) cannot decide INTEL-SA-00075: Intel\n"
      "identifies its fixes by build number (3xxx), so the build decides.\n"
      "Examples:\n"
      "  amtscope advisories match 8.1.70.3600\n"
      "  amtscope advisories match 8.1.40               -> SA-00075 unknown\n"
      "  amtscope advisories match 11.8.50.3425 --sku consumer\n"
      "  amtscope advisories match 9.1.30.1000 --sku amt --provisioned no\n"
      "  amtscope advisories match 11.0.18.3003 --json");
  cmd->callback([&ctx, opts] {
    AdvisoryDb db;
    if (LoadDb(ctx, db)) {
      FinishWithOutput(ctx, RenderAdvisoryMatch(db, opts->match, opts->json));
    }
  });
}

}  // namespace

void AddAdvisoriesCommand(CLI::App& app, CommandContext& ctx) {
  auto opts = std::make_shared<AdvisoriesOptions>();
  CLI::App* sub = app.add_subcommand(
      "advisories", "Intel AMT/ME advisories: list, show, match a version");
  sub->require_subcommand(1);
  sub->footer(
      "Examples:\n"
      "  amtscope advisories list\n"
      "  amtscope advisories show INTEL-SA-00075\n"
      "  amtscope advisories match 8.1.70.3600 --sku amt --provisioned yes\n"
      "The database is built in (data/advisories.json); --advisories FILE\n"
      "replaces it.");
  AddList(*sub, ctx, opts);
  AddShow(*sub, ctx, opts);
  AddMatch(*sub, ctx, opts);
}

}  // namespace amtscope::cli
