// The Linux program's commands, in the order help lists them.
#include "cli/command.h"

namespace amtscope::cli {

void AddCommands(CLI::App& app, CommandContext& ctx) {
  AddDemoCommand(app, ctx);
  AddScanCommand(app, ctx);
  AddCheckCommand(app, ctx);
  AddInventoryCommand(app, ctx);
  AddReportCommand(app, ctx);
  AddAdvisoriesCommand(app, ctx);
  AddLookupCommand(app, ctx);
  AddEmulateCommand(app, ctx);
}

}  // namespace amtscope::cli
