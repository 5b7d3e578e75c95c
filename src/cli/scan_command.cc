// PLACEHOLDER until the scan issue lands: registers the name, does nothing.
#include "cli/command.h"

namespace amtscope::cli {

void AddScanCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("scan", "(not yet available)");
  sub->callback([&ctx] {
    ctx.exit_code = ReportError(Status::Unavailable(
        "'scan' is not implemented in this build", "see the README"));
  });
}

}  // namespace amtscope::cli
