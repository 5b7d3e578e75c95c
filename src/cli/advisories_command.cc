// PLACEHOLDER until the advisories issue lands: registers the name, does nothing.
#include "cli/command.h"

namespace amtscope::cli {

void AddAdvisoriesCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("advisories", "(not yet available)");
  sub->callback([&ctx] {
    ctx.exit_code = ReportError(Status::Unavailable(
        "'advisories' is not implemented in this build", "see the README"));
  });
}

}  // namespace amtscope::cli
