// PLACEHOLDER until the demo issue lands: registers the name, does nothing.
#include "cli/command.h"

namespace amtscope::cli {

void AddDemoCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("demo", "(not yet available)");
  sub->callback([&ctx] {
    ctx.exit_code = ReportError(Status::Unavailable(
        "'demo' is not implemented in this build", "see the README"));
  });
}

}  // namespace amtscope::cli
