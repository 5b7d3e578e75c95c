#include "cli/usage.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/version.h"

namespace amtscope::cli {

namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const CLI::App* FindCommand(const CLI::App& app, std::string_view name) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

std::string ShortUsage(const CLI::App& app) {
  std::string out =
      "Usage: amtscope [--advisories FILE] [--vendors FILE] COMMAND [OPTIONS]\n"
      "\nCommands:\n";
  for (const CLI::App* sub : app.get_subcommands({})) {
    out +=
        fmt::format("  {:<11} {}\n", sub->get_name(), sub->get_description());
  }
  return out +
         "\n`amtscope help COMMAND` or `amtscope COMMAND --help` shows its "
         "options;\n`amtscope demo` scans an emulated fleet on loopback.\n";
}

}  // namespace

std::string CommandWord(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--advisories" || args[i] == "--vendors") {
      ++i;
      continue;
    }
    if (!args[i].starts_with("-")) return args[i];
  }
  return "";
}

std::string NearestCommand(const CLI::App& app, std::string_view word) {
  std::string best;
  size_t best_distance = 3;
  for (const CLI::App* sub : app.get_subcommands({})) {
    const std::string& name = sub->get_name();
    if (word.size() >= 2 && name.starts_with(word)) return name;
    size_t d = EditDistance(word, name);
    if (d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

std::optional<int> HandleTopLevel(const CLI::App& app,
                                  const std::vector<std::string>& args) {
  if (args.empty()) {
    std::cout << ShortUsage(app);
    return kExitOk;
  }
  std::string word = CommandWord(args);
  if (word.empty()) return std::nullopt;  // --version, --help, options
  if (word == "version") {
    std::cout << VersionLine(CurrentBuildFacts()) << "\n";
    return kExitOk;
  }
  if (word == "help") {
    auto it = std::find(args.begin(), args.end(), "help");
    std::string topic = it + 1 == args.end() ? "" : *(it + 1);
    if (topic.empty()) {
      std::cout << app.help();
      return kExitOk;
    }
    word = topic;
    if (const CLI::App* sub = FindCommand(app, topic); sub != nullptr) {
      std::cout << sub->help();
      return kExitOk;
    }
  }
  if (FindCommand(app, word) != nullptr) return std::nullopt;
  std::string nearest = NearestCommand(app, word);
  return ReportError(Status::InvalidArgument(
      fmt::format("unknown command '{}'", word),
      nearest.empty()
          ? "amtscope help lists the commands"
          : fmt::format("did you mean '{}'? amtscope help lists the commands",
                        nearest)));
}

Status FromParseError(const CLI::ParseError& error, std::string_view command) {
  std::string message = error.what();
  std::replace(message.begin(), message.end(), '\n', ' ');
  if (message.find("(hint: ") != std::string::npos) {
    // Our own Status text, thrown through CLI11 by an option's validator.
    size_t hint = message.rfind(" (hint: ");
    std::string text = message.substr(0, hint);
    std::string rest = message.substr(hint + 8);
    if (!rest.empty() && rest.back() == ')') rest.pop_back();
    return Status::InvalidArgument(text, rest);
  }
  return Status::InvalidArgument(
      message, command.empty()
                   ? std::string("see amtscope --help")
                   : fmt::format("see amtscope {} --help", command));
}

}  // namespace amtscope::cli
