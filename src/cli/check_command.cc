// PLACEHOLDER until the check issue lands: registers the name, does nothing.
#include "cli/command.h"

namespace amtscope::cli {

void AddCheckCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("check", "(not yet available)");
  sub->callback([&ctx] {
    ctx.exit_code = ReportError(Status::Unavailable(
        "'check' is not implemented in this build", "see the README"));
  });
}

}  // namespace amtscope::cli
