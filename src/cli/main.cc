// amtscope: thin CLI over the library; the only place that exits.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/config.h"
#include "cli/generate.h"
#include "cli/nmap_args.h"  // nmap's -iL, -oX ... for scan
#include "cli/usage.h"
#include "cli/version.h"

namespace {

int RunMain(int argc, char** argv) {
  using namespace amtscope::cli;
  CLI::App app{
      "amtscope: find, assess and mitigate Intel AMT / ME exposure "
      "(INTEL-SA-00075, CVE-2017-5689 and later advisories)",
      "amtscope"};
  app.set_version_flag("--version",
                       [] { return VersionLine(CurrentBuildFacts()); });
  app.require_subcommand(1);  // none: HandleTopLevel prints the usage
  app.fallthrough();
  app.footer(
      "Examples:\n"
      "  amtscope demo                          scan an emulated fleet on "
      "loopback\n"
      "  amtscope scan 198.18.0.0/24            find AMT and decide "
      "CVE-2017-5689\n"
      "  amtscope check                         is this machine affected?\n"
      "  amtscope report -o fleet.html          the recorded fleet as one page "
      "with charts\n"
      "  amtscope advisories match 8.1.70.3600  which advisories apply to a "
      "version\n"
      "  amtscope lookup --vendor HP --model \"HP EliteBook 850 G3\"\n"
      "  amtscope emulate --listen 127.0.0.2 --firmware 8.1.40 --mode "
      "vulnerable\n"
      "Exit codes: 0 done, 1 findings (--fail-on-findings), 2 usage error,\n"
      "            3 runtime error (partial results written), 130 "
      "interrupted.");
  CommandContext ctx;
  std::vector<const char*> typed(argv, argv + argc);
  typed[0] = "amtscope";  // not the build path, like nmap's "nmap ..."
  ctx.command_line = ShellCommandLine(argc, typed.data());
  app.add_option(
      "--advisories", ctx.advisories_file,
      "Use this advisory database (JSON) instead of the built-in one");
  app.add_option(
      "--vendors", ctx.vendors_file,
      "Use this vendor fix database (JSON) instead of the built-in one");
  AddCommands(app, ctx);  // commands_linux.cc, commands_windows.cc
  InstallConfig(app);     // after every command: config rows are bound
  std::vector<std::string> typed_args(argv + 1, argv + argc);
  if (auto handled = HandleGenerators(app, typed_args)) return *handled;
  if (auto handled = HandleTopLevel(app, typed_args)) return *handled;
  auto args = amtscope::cli::RewriteNmapStyleArgs(typed_args);
  if (!args.ok()) return ReportError(args.status());
  std::reverse(args->begin(), args->end());  // CLI11 takes them reversed
  try {
    app.parse(*args);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    // One line with a hint, like every other error (not CLI11's two).
    return ReportError(FromParseError(e, CommandWord(typed_args)));
  }
  return ctx.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return RunMain(argc, argv);
  } catch (const std::exception& e) {  // a bug or out of memory: one line
    std::fprintf(stderr,
                 "amtscope: internal error: %s (hint: please report it)\n",
                 e.what());
  } catch (...) {
    std::fprintf(stderr, "amtscope: internal error (hint: please report it)\n");
  }
  return amtscope::cli::kExitRuntime;
}
