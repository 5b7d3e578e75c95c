#include "cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>

namespace amtscope::cli {

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

}  // namespace

TerminalFacts StdoutTerminal() {
  TerminalFacts facts;
  facts.is_tty = isatty(STDOUT_FILENO) != 0;
  facts.no_color = Env("NO_COLOR");
  facts.term = Env("TERM");
  facts.columns = Env("COLUMNS");
  winsize size{};
  if (facts.is_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0) {
    facts.window_columns = size.ws_col;
  }
  return facts;
}

WriterOptions TableStyle(const TerminalFacts& facts) {
  WriterOptions options;
  if (!facts.is_tty) return options;
  options.color = facts.no_color.empty() && facts.term != "dumb";
  int columns = 0;
  const char* end = facts.columns.data() + facts.columns.size();
  auto [ptr, ec] = std::from_chars(facts.columns.data(), end, columns);
  if (ec == std::errc() && ptr == end && columns > 0) {
    options.width = columns;
  } else if (facts.window_columns > 0) {
    options.width = facts.window_columns;
  }
  return options;
}

}  // namespace amtscope::cli
