#include "cli/config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/option_binding.h"
#include "core/bounded_file.h"
#include "core/strings.h"

namespace amtscope::cli {
namespace {

constexpr std::string_view kDumpFlag = "--dump-config";

struct Valued {
  std::string value;
  std::string origin;  // "/etc/amtscope/amtscope.conf:3", "environment ..."
};

using RowRef = std::pair<const CLI::Option*, const BoundRow*>;

std::vector<RowRef> ConfigRows(const CLI::App& app) {
  std::vector<RowRef> rows;
  for (const CLI::Option* opt : app.get_options()) {
    const BoundRow* row = FindBoundRow(opt);
    if (row != nullptr && row->config) rows.emplace_back(opt, row);
  }
  return rows;
}

// The command below the root that `app` belongs to: its config section.
const CLI::App* TopCommand(const CLI::App* app) {
  while (app->get_parent() != nullptr &&
         app->get_parent()->get_parent() != nullptr) {
    app = app->get_parent();
  }
  return app;
}

// Every command (at any depth) in the section named `section`.
void CommandsIn(const CLI::App& app, std::vector<const CLI::App*>* out) {
  out->push_back(&app);
  for (const CLI::App* sub : app.get_subcommands({})) CommandsIn(*sub, out);
}

bool HasConfigRow(const CLI::App& top, std::string_view key) {
  std::vector<const CLI::App*> apps;
  CommandsIn(top, &apps);
  for (const CLI::App* app : apps) {
    for (const auto& [opt, row] : ConfigRows(*app)) {
      if (row->name == key) return true;
    }
  }
  return false;
}

Status UnknownKey(const ConfigLayer& layer, const ConfigEntry& e) {
  std::string where = fmt::format("{}:{}", layer.origin, e.line);
  if (e.key == "target" || e.key == "targets" || e.key == "input-list" ||
      e.key == "il") {
    return Status::InvalidArgument(
        fmt::format("{}: '{}' cannot be set in a config file", where, e.key),
        "a config file never names scan targets: give them on the command "
        "line (the amtscope-scan@ units pass $TARGETS from scan-NAME.conf)");
  }
  return Status::InvalidArgument(
      fmt::format("{}: unknown key '{}'{}", where, e.key,
                  e.section.empty() ? "" : " in [" + e.section + "]"),
      "`amtscope --example-config` lists every key a config file may set");
}

std::string Quoted(const std::string& v) {
  bool plain =
      !v.empty() && v.find_first_of(" \t#;\"'\\[") == std::string::npos;
  return plain ? v : nlohmann::json(v).dump();
}

// What each running command took from which layer (for --dump-config).
std::map<const CLI::App*, std::map<std::string, std::vector<Valued>>>&
Applied() {
  static auto* applied =
      new std::map<const CLI::App*,
                   std::map<std::string, std::vector<Valued>>>();
  return *applied;
}

// The values for `row` in `layers`, lowest precedence first.
std::vector<Valued> LayerValues(const std::vector<ConfigLayer>& layers,
                                const std::string& section,
                                const std::string& name) {
  std::vector<Valued> out;
  for (const ConfigLayer& layer : layers) {
    for (const ConfigEntry& e : layer.entries) {
      if (e.key != name || (!e.section.empty() && e.section != section))
        continue;
      out.push_back(
          {e.value, e.line == 0 ? layer.origin
                                : fmt::format("{}:{}", layer.origin, e.line)});
    }
  }
  return out;
}

ConfigLayer EnvironmentLayer(const CLI::App& app) {
  ConfigLayer env{"environment", {}};
  for (const auto& [opt, row] : ConfigRows(app)) {
    std::string name = ConfigEnvName(row->name);
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') continue;
    env.entries.push_back({"", row->name, v, 0});
    env.origin = "environment";
  }
  return env;
}

bool Resuming(const CLI::App& app) {
  const CLI::Option* resume = app.get_option_no_throw("--resume");
  return resume != nullptr && resume->count() > 0;
}

// One row: lists collect every layer's values; a scalar takes the highest
// layer's, unless the command line gave it.
Status ApplyRow(const CLI::Option* opt, const BoundRow* row,
                std::vector<Valued> values, std::vector<Valued>* applied) {
  if (values.empty()) return Status::Ok();
  if (row->kind != OptionKind::kList) {
    if (opt->count() > 0) return Status::Ok();
    values.erase(values.begin(), values.end() - 1);
  }
  for (const Valued& v : values) {
    Status st = row->set(v.value);
    if (!st.ok()) {
      return Status::InvalidArgument(
          fmt::format("{}: {}", v.origin, st.message()), st.hint());
    }
    applied->push_back(v);
  }
  return Status::Ok();
}

Status ApplyToCommand(CLI::App* app) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<ConfigLayer> layers,
                            LoadConfigFiles(CurrentConfigFilePaths()));
  const CLI::App* root = app;
  while (root->get_parent() != nullptr) root = root->get_parent();
  AMTSCOPE_RETURN_IF_ERROR(ValidateConfig(*root, layers));
  layers.push_back(EnvironmentLayer(*app));  // entries have line 0
  std::string section = TopCommand(app)->get_name();
  auto& applied = Applied()[app];
  applied.clear();
  bool resuming = Resuming(*app);
  for (const auto& [opt, row] : ConfigRows(*app)) {
    // A resumed scan takes what it scans from its resume file.
    if (resuming && row->scope != OptionScope::kPace) continue;
    std::vector<Valued> values = LayerValues(layers, section, row->name);
    for (Valued& v : values) {
      if (v.origin == "environment") v.origin += " " + ConfigEnvName(row->name);
    }
    AMTSCOPE_RETURN_IF_ERROR(
        ApplyRow(opt, row, std::move(values), &applied[row->name]));
  }
  return Status::Ok();
}

std::string DumpConfig(const CLI::App& app) {
  ConfigFilePaths paths = CurrentConfigFilePaths();
  auto exists = [](const std::string& p) {
    std::error_code ec;
    return !p.empty() && std::filesystem::exists(p, ec) ? "" : " (absent)";
  };
  std::string out = fmt::format(
      "# amtscope {}: effective values; precedence: command line > "
      "environment > user file > system file\n# system file: {}{}\n# user "
      "file:   {}{}\n",
      TopCommand(&app)->get_name(), paths.system, exists(paths.system),
      paths.user.empty() ? "(none: no HOME)" : paths.user, exists(paths.user));
  const auto& applied = Applied()[&app];
  for (const auto& [opt, row] : ConfigRows(app)) {
    auto it = applied.find(row->name);
    std::vector<std::string> values = row->get();
    if (values.empty()) out += fmt::format("{} = \"\"  # default\n", row->name);
    size_t from_config = 0;
    for (const std::string& v : values) {
      std::string origin = opt->count() > 0 ? "command line" : "default";
      if (it != applied.end() && from_config < it->second.size() &&
          (row->kind != OptionKind::kList ||
           it->second[from_config].value == v)) {
        origin = it->second[from_config++].origin;
      }
      out += fmt::format("{} = {}  # {}\n", row->name, Quoted(v), origin);
    }
  }
  return out;
}

void Install(CLI::App* app) {
  for (CLI::App* sub : app->get_subcommands({})) Install(sub);
  if (ConfigRows(*app).empty() || app->get_parent() == nullptr) return;
  app->add_flag_function(
      std::string(kDumpFlag), [](int64_t) {},
      "Print the config values (config file, environment, command "
      "line) with where each came from, then exit");
  app->parse_complete_callback([app] {
    ThrowIfError(ApplyToCommand(app));
    if (app->get_option(std::string(kDumpFlag))->count() > 0) {
      std::cout << DumpConfig(*app) << std::flush;
      throw CLI::Success();
    }
  });
}

std::string CommentedHelp(std::string_view help) {
  std::string out = "# ";
  size_t col = 2;
  size_t start = 0;
  while (start < help.size()) {
    size_t end = help.find(' ', start);
    if (end == std::string_view::npos) end = help.size();
    std::string_view word = help.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (col + word.size() > 76 && col > 2) {
      out.back() = '\n';
      out += "# ";
      col = 2;
    }
    out += std::string(word) + " ";
    col += word.size() + 1;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\n";
}

}  // namespace

std::string ConfigEnvName(std::string_view row_name) {
  std::string out = "AMTSCOPE_";
  for (char c : row_name) out += c == '-' ? '_' : Upper(std::string(1, c))[0];
  return out;
}

ConfigFilePaths CurrentConfigFilePaths() {
  ConfigFilePaths paths;
  const char* sysconf = std::getenv("AMTSCOPE_SYSCONFDIR");
  paths.system = sysconf != nullptr && *sysconf != '\0'
                     ? std::string(sysconf) + "/amtscope.conf"
                     : std::string(kSystemConfigPath);
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  // XDG Base Directory: a relative XDG_CONFIG_HOME is invalid and ignored.
  if (xdg != nullptr && xdg[0] == '/') {
    paths.user = std::string(xdg) + "/amtscope/amtscope.conf";
  } else if (home != nullptr && *home != '\0') {
    paths.user = std::string(home) + "/.config/amtscope/amtscope.conf";
  }
  return paths;
}

Result<std::vector<ConfigLayer>> LoadConfigFiles(const ConfigFilePaths& paths) {
  std::vector<ConfigLayer> layers;
  for (const std::string& path : {paths.system, paths.user}) {
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) continue;
    auto text = ReadBoundedFile(path, kMaxConfigFileBytes, "config file");
    if (!text.ok()) {
      return Status::InvalidArgument(text.status().message(),
                                     "fix or remove the config file");
    }
    AMTSCOPE_ASSIGN_OR_RETURN(auto entries, ParseConfigText(*text, path));
    layers.push_back({path, std::move(entries)});
  }
  return layers;
}

Status ValidateConfig(const CLI::App& root,
                      const std::vector<ConfigLayer>& layers) {
  for (const ConfigLayer& layer : layers) {
    for (const ConfigEntry& e : layer.entries) {
      if (e.section.empty()) {
        if (!HasConfigRow(root, e.key)) return UnknownKey(layer, e);
        continue;
      }
      const CLI::App* top = nullptr;
      for (const CLI::App* sub : root.get_subcommands({})) {
        if (sub->get_name() == e.section) top = sub;
      }
      if (top == nullptr) {
        return Status::InvalidArgument(
            fmt::format("{}:{}: unknown section [{}]", layer.origin, e.line,
                        e.section),
            "sections name commands: [scan], [check], [emulate], ...");
      }
      if (!HasConfigRow(*top, e.key)) return UnknownKey(layer, e);
    }
  }
  return Status::Ok();
}

void InstallConfig(CLI::App& root) { Install(&root); }

std::string ExampleConfig(const CLI::App& root) {
  std::string out =
      "# amtscope config file: /etc/amtscope/amtscope.conf (system) and\n"
      "# ~/.config/amtscope/amtscope.conf (user; $XDG_CONFIG_HOME). Generated\n"
      "# from the option tables by `amtscope --example-config`; every line is\n"
      "# a commented default. Precedence: command line > environment\n"
      "# (AMTSCOPE_<KEY>) > user file > system file; list keys (exclude)\n"
      "# collect the values of every layer. `amtscope COMMAND --dump-config`\n"
      "# shows the effective values and where each came from.\n"
      "#\n"
      "# A config file never names scan targets: `amtscope scan` scans only\n"
      "# what its command line gives it (see docs/packaging.md).\n"
      "# Keys outside a [section] apply to every command that has them.\n";
  // Keys several commands share (db, site) go before any section.
  std::map<std::string, std::vector<std::string>> users;
  std::map<std::string, std::string> text;
  std::vector<std::pair<std::string, std::vector<std::string>>> sections;
  for (const CLI::App* top : root.get_subcommands({})) {
    std::vector<const CLI::App*> apps;
    CommandsIn(*top, &apps);
    auto& names =
        sections.emplace_back(top->get_name(), std::vector<std::string>{})
            .second;
    for (const CLI::App* app : apps) {
      for (const auto& [opt, row] : ConfigRows(*app)) {
        if (std::find(names.begin(), names.end(), row->name) != names.end())
          continue;
        names.push_back(row->name);
        users[row->name].push_back(top->get_name());
        if (text.count(row->name) > 0) continue;
        // Nothing is parsed yet: the bound options hold the defaults.
        std::vector<std::string> def = row->get();
        std::string value = row->kind == OptionKind::kList ? "[]"
                            : def.empty()                  ? "\"\""
                                                           : Quoted(def[0]);
        text[row->name] = CommentedHelp(opt->get_description()) +
                          fmt::format("#{} = {}\n", row->name, value);
      }
    }
  }
  for (const auto& [name, commands] : users) {
    if (commands.size() < 2) continue;
    out += fmt::format("\n# ({})\n{}", fmt::join(commands, ", "), text[name]);
  }
  for (const auto& [section, names] : sections) {
    std::string body;
    for (const std::string& name : names) {
      if (users[name].size() < 2) body += "\n" + text[name];
    }
    if (!body.empty()) out += fmt::format("\n[{}]\n{}", section, body);
  }
  return out;
}

}  // namespace amtscope::cli
