// PLACEHOLDER until the lookup issue lands: registers the name, does nothing.
#include "cli/command.h"

namespace amtscope::cli {

void AddLookupCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* sub = app.add_subcommand("lookup", "(not yet available)");
  sub->callback([&ctx] {
    ctx.exit_code = ReportError(Status::Unavailable(
        "'lookup' is not implemented in this build", "see the README"));
  });
}

}  // namespace amtscope::cli
