#include "cli/manpage.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "cli/command.h"
#include "cli/config.h"
#include "cli/option_binding.h"

namespace amtscope::cli {
namespace {

// A name or flag in roff: every '-' is a minus sign, so `man` shows and
// searches the flag as typed (groff_char(7)).
std::string RoffName(std::string_view text) {
  std::string out;
  for (char c : RoffEscape(text))
    out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

// Lines of preformatted text (.nf), every '-' a minus: the footers are
// command lines and flags.
std::string RoffBlock(std::string_view text) {
  std::string out = ".nf\n";
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    out += line.find_first_not_of(' ') == std::string_view::npos
               ? std::string("\n")
               : RoffName(line) + "\n";
    start = end + 1;
  }
  return out + ".fi\n";
}

bool Hidden(const CLI::Option* opt) { return opt->get_group().empty(); }

// "-p, --ports VALUE" in roff fonts; positionals are "targets ...".
std::string OptionTag(const CLI::Option* opt) {
  if (opt->get_snames().empty() && opt->get_lnames().empty()) {
    std::string tag = "\\fI" + RoffName(opt->get_name()) + "\\fR";
    return opt->get_expected_max() > 1 ? tag + " ..." : tag;
  }
  std::vector<std::string> names;
  for (const std::string& s : opt->get_snames())
    names.push_back("\\fB\\-" + RoffName(s) + "\\fR");
  for (const std::string& l : opt->get_lnames())
    names.push_back("\\fB\\-\\-" + RoffName(l) + "\\fR");
  std::string tag = fmt::format("{}", fmt::join(names, ", "));
  if (opt->get_expected_min() > 0) {
    std::string type = opt->get_type_name();
    if (type.empty() || type == "TEXT" || type.starts_with("TEXT"))
      type = "VALUE";
    if (type.starts_with("INT") || type.starts_with("UINT")) type = "N";
    tag += " \\fI" + RoffName(type) + "\\fR";
  }
  return tag;
}

// The option's help, then what the table adds: choices, default, config.
std::string OptionBody(const CLI::Option* opt) {
  std::string body = RoffEscape(opt->get_description());
  if (!body.empty() && body.back() != '.') body += '.';
  const BoundRow* row = FindBoundRow(opt);
  if (row != nullptr && !row->choices.empty()) {
    std::vector<std::string> names;
    for (const std::string& c : row->choices)
      names.push_back("\\fB" + RoffName(c) + "\\fR");
    body += fmt::format(" One of: {}.", fmt::join(names, ", "));
  }
  std::string def = opt->get_default_str();
  if (!def.empty() && opt->get_expected_min() > 0)
    body += " Default: \\fB" + RoffName(def) + "\\fR.";
  if (opt->get_expected_max() > 1 && !opt->get_lnames().empty())
    body += " May be given more than once.";
  if (row != nullptr && row->config) {
    body += fmt::format(
        " Also \\fB{}\\fR in the config file and \\fB{}\\fR in the "
        "environment (see \\fBFILES\\fR).",
        RoffName(row->name), RoffName(ConfigEnvName(row->name)));
  }
  return body;
}

std::string OptionsSection(const CLI::App& app, std::string_view title) {
  std::string out;
  for (const CLI::Option* opt : app.get_options()) {
    if (Hidden(opt)) continue;
    out += ".TP\n" + OptionTag(opt) + "\n" + OptionBody(opt) + "\n";
  }
  return out.empty() ? "" : fmt::format(".SH {}\n{}", title, out);
}

std::string Positionals(const CLI::App& app) {
  std::string out;
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->nonpositional() || Hidden(opt)) continue;
    out += " [" + OptionTag(opt) + "]";
  }
  return out;
}

std::vector<const CLI::App*> Subcommands(const CLI::App& app) {
  std::vector<const CLI::App*> subs;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_name().empty() && !sub->get_group().empty())
      subs.push_back(sub);
  }
  return subs;
}

// What `app` and its subcommands read from config files and AMTSCOPE_*.
void CollectConfigRows(const CLI::App& app,
                       std::vector<const BoundRow*>* rows) {
  for (const CLI::Option* opt : app.get_options()) {
    const BoundRow* row = FindBoundRow(opt);
    if (row == nullptr || !row->config) continue;
    bool seen = std::any_of(rows->begin(), rows->end(), [&](const BoundRow* r) {
      return r->name == row->name;
    });
    if (!seen) rows->push_back(row);
  }
  for (const CLI::App* sub : Subcommands(app)) CollectConfigRows(*sub, rows);
}

std::string EnvironmentSection(const CLI::App& app) {
  std::vector<const BoundRow*> rows;
  CollectConfigRows(app, &rows);
  std::string out = ".SH ENVIRONMENT\n";
  for (const BoundRow* row : rows) {
    out += fmt::format(
        ".TP\n.B {}\nThe value of \\fB{}\\fR; above the config files, below "
        "the command line.\n",
        RoffName(ConfigEnvName(row->name)), RoffName(row->name));
  }
  out +=
      ".TP\n.B AMTSCOPE_SYSCONFDIR\nRead the system config from this directory "
      "instead of \\fI/etc/amtscope\\fR (tests).\n"
      ".TP\n.B XDG_CONFIG_HOME\nThe user config is "
      "\\fI$XDG_CONFIG_HOME/amtscope/amtscope.conf\\fR (default "
      "\\fI~/.config\\fR).\n"
      ".TP\n.B NO_COLOR\nNo colour in tables on a terminal.\n";
  return out;
}

std::string FilesSection() {
  return fmt::format(
      ".SH FILES\n"
      ".TP\n.I {}\nSystem config file (INI: \\fIkey = value\\fR lines, "
      "\\fI[scan]\\fR, \\fI[check]\\fR, \\fI[emulate]\\fR sections; keys "
      "outside a section apply to every command that has the option).\n"
      ".TP\n.I {}\nUser config file; its values win over the system "
      "file's. Precedence: command line, then environment, then user file, "
      "then system file; list options (\\fBexclude\\fR) collect the values "
      "of every layer. \\fB\\-\\-dump\\-config\\fR prints each value and "
      "where it came from. A config file never names scan targets.\n"
      ".TP\n.I ~/.local/share/amtscope/inventory.sqlite\nThe default "
      "inventory (\\fB\\-\\-db\\fR).\n",
      RoffName(kSystemConfigPath),
      RoffName("~/.config/amtscope/amtscope.conf"));
}

std::string ExitSection() {
  std::string out = ".SH EXIT STATUS\n";
  for (const ExitCodeDoc& doc : ExitCodeDocs()) {
    out += fmt::format(".TP\n.B {}\n{}\n", doc.code, RoffEscape(doc.meaning));
  }
  return out;
}

std::string PageName(const CLI::App& sub) {
  return "amtscope-" + sub.get_name();
}

std::string SeeAlso(const CLI::App& root, std::string_view self) {
  std::vector<std::string> refs;
  if (self != "amtscope") refs.push_back("\\fBamtscope\\fR(1)");
  for (const CLI::App* sub : Subcommands(root)) {
    std::string name = PageName(*sub);
    if (name == self) continue;
    refs.push_back(fmt::format("\\fB{}\\fR({})", RoffName(name),
                               ManSection(sub->get_name())));
  }
  refs.push_back("\\fBsystemd.exec\\fR(5)");
  return ".SH SEE ALSO\n" + fmt::format("{}\n", fmt::join(refs, ",\n"));
}

std::string Header(std::string_view name, int section, std::string_view summary,
                   const ManContext& ctx) {
  std::string upper;
  for (char c : name)
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format(
      ".\\\" Generated by `amtscope --help-man-all` from the option tables; "
      "do not edit.\n"
      ".TH \"{}\" \"{}\" \"{}\" \"amtscope {}\" \"amtscope manual\"\n"
      ".SH NAME\n{} \\- {}\n",
      RoffName(upper), section, ctx.date, ctx.version, RoffName(name),
      RoffEscape(summary));
}

// A nested command (`amtscope inventory scans`): its own subsection.
std::string NestedCommand(const CLI::App& sub, const std::string& path) {
  std::string out =
      fmt::format(".SS \"{} {}\"\n", RoffName(path), RoffName(sub.get_name()));
  out += fmt::format(".B {} {}\n[\\fIOPTIONS\\fR]{}\n.PP\n{}\n", RoffName(path),
                     RoffName(sub.get_name()), Positionals(sub),
                     RoffEscape(sub.get_description()));
  for (const CLI::Option* opt : sub.get_options()) {
    if (Hidden(opt) || opt->get_name() == "--help") continue;
    out += ".TP\n" + OptionTag(opt) + "\n" + OptionBody(opt) + "\n";
  }
  if (!sub.get_footer().empty() &&
      sub.get_footer() != sub.get_parent()->get_footer())
    out += ".PP\n" + RoffBlock(sub.get_footer());
  return out;
}

std::string Summary(const CLI::App& app) {
  std::string d = app.get_description();
  if (d.starts_with("amtscope: ")) d = d.substr(10);
  return d;
}

ManPage CommandPage(const CLI::App& root, const CLI::App& sub,
                    const ManContext& ctx) {
  ManPage page{PageName(sub), ManSection(sub.get_name()), ""};
  std::string& t = page.text;
  t = Header(page.name, page.section, sub.get_description(), ctx);
  t += fmt::format(".SH SYNOPSIS\n.B amtscope {}\n[\\fIOPTIONS\\fR]{}\n",
                   RoffName(sub.get_name()), Positionals(sub));
  auto nested = Subcommands(sub);
  if (!nested.empty()) t += fmt::format("\\fICOMMAND\\fR\n");
  t += ".SH DESCRIPTION\n" + RoffEscape(sub.get_description()) + ".\n";
  t += OptionsSection(sub, "OPTIONS");
  if (!nested.empty()) {
    t += ".SH COMMANDS\n";
    for (const CLI::App* n : nested)
      t += NestedCommand(*n, "amtscope " + sub.get_name());
  }
  if (!sub.get_footer().empty())
    t += ".SH NOTES AND EXAMPLES\n" + RoffBlock(sub.get_footer());
  t += ExitSection() + EnvironmentSection(sub) + FilesSection() +
       SeeAlso(root, page.name);
  return page;
}

ManPage RootPage(const CLI::App& app, const ManContext& ctx) {
  ManPage page{"amtscope", 1, ""};
  std::string& t = page.text;
  t = Header("amtscope", 1, Summary(app), ctx);
  t += ".SH SYNOPSIS\n.B amtscope\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR "
       "[\\fIOPTIONS\\fR]\n";
  t += ".br\n.B amtscope help\n[\\fICOMMAND\\fR]\n.br\n.B amtscope "
       "\\-\\-version\n";
  t += ".SH DESCRIPTION\n" + RoffEscape(Summary(app)) +
       ". Each command has its own page; \\fBamtscope help\\fR \\fICOMMAND\\fR "
       "shows its options.\n";
  t += ".SH COMMANDS\n";
  for (const CLI::App* sub : Subcommands(app)) {
    t += fmt::format(".TP\n\\fB{}\\fR({})\n{}\n", RoffName(PageName(*sub)),
                     ManSection(sub->get_name()),
                     RoffEscape(sub->get_description()));
  }
  t += OptionsSection(app, "GLOBAL OPTIONS");
  if (!app.get_footer().empty())
    t += ".SH EXAMPLES\n" + RoffBlock(app.get_footer());
  t += ExitSection() + EnvironmentSection(app) + FilesSection() +
       SeeAlso(app, "amtscope");
  return page;
}

}  // namespace

int ManSection(std::string_view name) { return name == "check" ? 8 : 1; }

std::string RoffEscape(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::vector<ManPage> ManPages(const CLI::App& app, const ManContext& context) {
  std::vector<ManPage> pages{RootPage(app, context)};
  for (const CLI::App* sub : Subcommands(app))
    pages.push_back(CommandPage(app, *sub, context));
  return pages;
}

}  // namespace amtscope::cli
