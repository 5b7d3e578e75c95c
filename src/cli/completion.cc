#include "cli/completion.h"

#include <fmt/format.h>

#include <map>
#include <string_view>
#include <vector>

#include "cli/option_binding.h"

namespace amtscope::cli {
namespace {

// What completion needs of one command, at "inventory scans"-style paths.
struct CommandInfo {
  std::string path;  // "" for amtscope itself
  const CLI::App* app = nullptr;
  std::vector<const CLI::App*> subs;
};

std::vector<const CLI::App*> Visible(const CLI::App& app) {
  std::vector<const CLI::App*> subs;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_name().empty() && !sub->get_group().empty())
      subs.push_back(sub);
  }
  return subs;
}

void Collect(const CLI::App& app, const std::string& path,
             std::vector<CommandInfo>* out) {
  out->push_back({path, &app, Visible(app)});
  for (const CLI::App* sub : Visible(app)) {
    Collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(),
            out);
  }
}

std::vector<std::string> Names(const CLI::Option* opt) {
  std::vector<std::string> names;
  for (const std::string& s : opt->get_snames()) names.push_back("-" + s);
  for (const std::string& l : opt->get_lnames()) names.push_back("--" + l);
  return names;
}

bool Shown(const CLI::Option* opt) {
  return opt->nonpositional() && !opt->get_group().empty();
}

std::vector<std::string> Choices(const CLI::Option* opt) {
  const BoundRow* row = FindBoundRow(opt);
  return row == nullptr ? std::vector<std::string>{} : row->choices;
}

std::string Join(const std::vector<std::string>& words) {
  return fmt::format("{}", fmt::join(words, " "));
}

// A bash associative-array key or value in double quotes.
std::string BashQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
    out += c;
  }
  return out + "\"";
}

constexpr char kBashFunction[] = R"(
_amtscope() {
  local cur prev path=amtscope skip=0 i w
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    if [[ " ${_amtscope_valopts[$path]} " == *" $w "* ]]; then skip=1; continue; fi
    if [[ $w != -* && " ${_amtscope_subs[$path]} " == *" $w "* ]]; then
      path="$path $w"
    fi
  done
  if [[ " ${_amtscope_valopts[$path]} " == *" $prev "* ]]; then
    local choices="${_amtscope_choices[$path $prev]}"
    if [[ -n $choices ]]; then
      COMPREPLY=($(compgen -W "$choices" -- "$cur"))
    else
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${_amtscope_opts[$path]}" -- "$cur"))
  elif [[ -n ${_amtscope_subs[$path]} ]]; then
    COMPREPLY=($(compgen -W "${_amtscope_subs[$path]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
  return 0
}
complete -F _amtscope amtscope
)";

// zsh _arguments text: no ' (ends the quoting), [] and : escaped.
std::string ZshText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == ':' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string ZshFunctionName(const std::string& path) {
  std::string name = "_amtscope_cmd";
  for (char c : path) name += c == ' ' || c == '-' ? '_' : c;
  return name;
}

std::string ZshSpecs(const CLI::App& app) {
  std::string out;
  for (const CLI::Option* opt : app.get_options()) {
    if (!opt->get_group().empty() && !opt->nonpositional()) {
      out += " \\\n    '*:" + ZshText(opt->get_name()) + ":_files'";
      continue;
    }
    if (!Shown(opt)) continue;
    std::string repeat = opt->get_expected_max() > 1 ? "*" : "";
    std::string value;
    if (opt->get_expected_min() > 0) {
      std::vector<std::string> choices = Choices(opt);
      value = choices.empty() ? ":value:_files"
                              : ":value:(" + ZshText(Join(choices)) + ")";
    }
    for (const std::string& name : Names(opt)) {
      out += fmt::format(" \\\n    '{}{}[{}]{}'", repeat, name,
                         ZshText(opt->get_description()), value);
    }
  }
  return out;
}

std::string ZshFunction(const CommandInfo& info) {
  std::string fn = ZshFunctionName(info.path) + "() {\n";
  if (info.subs.empty())
    return fn + "  _arguments -s" + ZshSpecs(*info.app) + "\n}\n";
  fn +=
      "  local curcontext=\"$curcontext\" state line\n  typeset -A opt_args\n";
  fn += "  _arguments -C" + ZshSpecs(*info.app) +
        " \\\n    '1:command:->cmd' '*::arg:->args'\n";
  fn += "  case $state in\n    cmd)\n      local -a cmds\n      cmds=(";
  for (const CLI::App* sub : info.subs) {
    fn += fmt::format("\n        '{}:{}'", ZshText(sub->get_name()),
                      ZshText(sub->get_description()));
  }
  fn +=
      "\n      )\n      _describe -t commands 'amtscope command' cmds ;;\n    "
      "args)\n      case $words[1] in\n";
  for (const CLI::App* sub : info.subs) {
    std::string path =
        info.path.empty() ? sub->get_name() : info.path + " " + sub->get_name();
    fn += fmt::format("        {}) {} ;;\n", sub->get_name(),
                      ZshFunctionName(path));
  }
  return fn + "      esac ;;\n  esac\n}\n";
}

}  // namespace

std::string BashCompletion(const CLI::App& app) {
  std::vector<CommandInfo> commands;
  Collect(app, "", &commands);
  std::string out =
      "# bash completion for amtscope; generated by `amtscope --completion "
      "bash` from the option tables, do not edit.\n"
      "declare -gA _amtscope_subs _amtscope_opts _amtscope_valopts "
      "_amtscope_choices\n";
  for (const CommandInfo& info : commands) {
    // Keys are "amtscope", "amtscope inventory scans": bash refuses "".
    std::string key = info.path.empty() ? "amtscope" : "amtscope " + info.path;
    std::vector<std::string> subs, opts, valopts;
    for (const CLI::App* sub : info.subs) subs.push_back(sub->get_name());
    for (const CLI::Option* opt : info.app->get_options()) {
      if (!Shown(opt)) continue;
      for (const std::string& name : Names(opt)) {
        opts.push_back(name);
        if (opt->get_expected_min() == 0) continue;
        valopts.push_back(name);
        std::vector<std::string> choices = Choices(opt);
        if (choices.empty()) continue;
        out += fmt::format("_amtscope_choices[{}]={}\n",
                           BashQuote(fmt::format("{} {}", key, name)),
                           BashQuote(Join(choices)));
      }
    }
    std::string quoted = BashQuote(key);
    if (!subs.empty())
      out +=
          fmt::format("_amtscope_subs[{}]={}\n", quoted, BashQuote(Join(subs)));
    out +=
        fmt::format("_amtscope_opts[{}]={}\n", quoted, BashQuote(Join(opts)));
    out += fmt::format("_amtscope_valopts[{}]={}\n", quoted,
                       BashQuote(Join(valopts)));
  }
  return out + kBashFunction;
}

std::string ZshCompletion(const CLI::App& app) {
  std::vector<CommandInfo> commands;
  Collect(app, "", &commands);
  std::string out =
      "#compdef amtscope\n# zsh completion for amtscope; generated by "
      "`amtscope --completion zsh` from the option tables, do not edit.\n\n";
  for (auto it = commands.rbegin(); it != commands.rend(); ++it)
    out += ZshFunction(*it) + "\n";
  return out + ZshFunctionName("") + " \"$@\"\n";
}

}  // namespace amtscope::cli
