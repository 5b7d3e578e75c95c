// The Windows program's commands: check, advisories and lookup work as on
// Linux; scan, emulate, demo, inventory and report need raw sockets, OpenSSL
// and SQLite/libpq, which the Windows build leaves out (docs/windows.md), so
// they answer with one error line instead of "unknown command".
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"

namespace amtscope::cli {

namespace {

void AddLinuxOnly(CLI::App& app, CommandContext& ctx, const std::string& name,
                  const std::string& what) {
  CLI::App* sub =
      app.add_subcommand(name, what + " (Linux only; not in this build)");
  // Whatever follows (targets, flags) is taken and ignored: the answer is
  // the same for any arguments.
  auto rest = std::make_shared<std::vector<std::string>>();
  sub->add_option("args", *rest, "ignored")->allow_extra_args();
  sub->allow_extras();
  sub->prefix_command();
  sub->fallthrough(false);  // "-o x.html" stays here, not an error upstairs
  sub->callback([&ctx, name, rest] {
    ctx.exit_code = ReportError(Status::Unavailable(
        fmt::format("'{}' is not available on Windows", name),
        "run it with the Linux amtscope; on Windows use check, advisories "
        "or lookup"));
  });
}

}  // namespace

void AddCommands(CLI::App& app, CommandContext& ctx) {
  AddLinuxOnly(app, ctx, "demo", "Scan an emulated fleet on loopback");
  AddLinuxOnly(app, ctx, "scan", "Find AMT on the network");
  AddCheckCommand(app, ctx);
  AddLinuxOnly(app, ctx, "inventory", "Query the scan inventory");
  AddLinuxOnly(app, ctx, "report", "Report the recorded fleet");
  AddAdvisoriesCommand(app, ctx);
  AddLookupCommand(app, ctx);
  AddLinuxOnly(app, ctx, "emulate", "Emulate an AMT device");
}

}  // namespace amtscope::cli
