// Whether stdout is a terminal and how wide, decided once in the CLI and
// handed to the table writer as WriterOptions (report/ never probes).
#ifndef AMTSCOPE_CLI_TERMINAL_H_
#define AMTSCOPE_CLI_TERMINAL_H_

#include <string>

#include "report/output_writer.h"

namespace amtscope::cli {

/// What the process knows about its stdout.
struct TerminalFacts {
  bool is_tty = false;     // isatty(STDOUT_FILENO)
  std::string no_color;    // $NO_COLOR, "" when unset
  std::string term;        // $TERM, "" when unset
  std::string columns;     // $COLUMNS, "" when unset
  int window_columns = 0;  // TIOCGWINSZ ws_col, 0 when unknown
};

/// Probes stdout (isatty, TIOCGWINSZ) and the environment.
TerminalFacts StdoutTerminal();

/// Table options for `facts`: colour only on a TTY with NO_COLOR unset or
/// empty (https://no-color.org) and TERM not "dumb"; width on a TTY from a
/// positive $COLUMNS, else the window size, else 0 (no cut); off the TTY
/// neither.
WriterOptions TableStyle(const TerminalFacts& facts);

}  // namespace amtscope::cli

#endif  // AMTSCOPE_CLI_TERMINAL_H_
