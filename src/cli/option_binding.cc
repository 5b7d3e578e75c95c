#include "cli/option_binding.h"

namespace amtscope::cli {

void ThrowIfError(const Status& status) {
  if (!status.ok()) throw CLI::ValidationError(status.ToString());
}

std::string OptionHelp(std::string_view help, std::string_view syntax) {
  std::string out(help);
  if (!syntax.empty()) out += " " + std::string(syntax);
  return out;
}

}  // namespace amtscope::cli
