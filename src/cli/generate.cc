#include "cli/generate.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "cli/completion.h"
#include "cli/config.h"
#include "cli/manpage.h"

// The commit's date (CMakeLists.txt sets it on this file): the pages' date
// changes with the source, not with the day they were built.
#ifndef AMTSCOPE_COMMIT_DATE
#define AMTSCOPE_COMMIT_DATE ""
#endif

namespace amtscope::cli {
namespace {

ManContext Context() { return {AMTSCOPE_VERSION, AMTSCOPE_COMMIT_DATE}; }

int Usage(std::string_view what) {
  return ReportError(Status::InvalidArgument(
      fmt::format("{} needs an argument", what),
      "--help-man [PAGE], --help-man-all DIR, --completion bash|zsh, "
      "--example-config"));
}

// `name` is a page ("amtscope-scan") or a command ("scan").
int PrintPage(const CLI::App& app, std::string name) {
  if (!name.starts_with("amtscope")) name = "amtscope-" + name;
  for (const ManPage& page : ManPages(app, Context())) {
    if (page.name != name) continue;
    std::cout << page.text;
    return kExitOk;
  }
  return ReportError(Status::InvalidArgument(
      fmt::format("no man page '{}'", name),
      "pages are amtscope and amtscope-COMMAND (or just COMMAND)"));
}

int WriteAll(const CLI::App& app, const std::string& dir) {
  for (const ManPage& page : ManPages(app, Context())) {
    std::filesystem::path sub =
        std::filesystem::path(dir) / fmt::format("man{}", page.section);
    std::error_code ec;
    std::filesystem::create_directories(sub, ec);
    std::filesystem::path file =
        sub / fmt::format("{}.{}", page.name, page.section);
    std::ofstream out(file, std::ios::trunc);
    out << page.text;
    out.close();
    if (ec || !out) {
      return ReportError(
          Status::IoError(fmt::format("cannot write {}: {}", file.string(),
                                      std::strerror(errno)),
                          "check the directory is writable"));
    }
  }
  return kExitOk;
}

}  // namespace

std::optional<int> HandleGenerators(const CLI::App& app,
                                    const std::vector<std::string>& args) {
  if (args.empty()) return std::nullopt;
  const std::string& word = args[0];
  std::string arg = args.size() > 1 ? args[1] : "";
  if (word == "--help-man")
    return PrintPage(app, arg.empty() ? "amtscope" : arg);
  if (word == "--help-man-all")
    return arg.empty() ? Usage(word) : WriteAll(app, arg);
  if (word == "--example-config") {
    std::cout << ExampleConfig(app);
    return kExitOk;
  }
  if (word != "--completion") return std::nullopt;
  if (arg == "bash") {
    std::cout << BashCompletion(app);
  } else if (arg == "zsh") {
    std::cout << ZshCompletion(app);
  } else {
    return ReportError(Status::InvalidArgument(
        fmt::format("no completion for shell '{}'", arg), "use bash or zsh"));
  }
  return kExitOk;
}

}  // namespace amtscope::cli
