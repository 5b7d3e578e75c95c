// PLACEHOLDER until the emulate issue lands: registers the name, does nothing.
#include "cli/command.h"

namespace amtscope::cli {

void AddEmulateCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("emulate", "(not yet available)");
  sub->callback([&ctx] {
    ctx.exit_code = ReportError(Status::Unavailable(
        "'emulate' is not implemented in this build", "see the README"));
  });
}

}  // namespace amtscope::cli
