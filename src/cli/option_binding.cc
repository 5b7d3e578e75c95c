#include "cli/option_binding.h"

#include <map>

namespace amtscope::cli {
namespace {

// One process builds one command tree; the map lives as long as it does.
// A rebuilt tree (tests) overwrites entries at reused addresses.
std::map<const CLI::Option*, BoundRow>& Rows() {
  static auto* rows = new std::map<const CLI::Option*, BoundRow>();
  return *rows;
}

}  // namespace

void RememberRow(const CLI::Option* option, BoundRow row) {
  row.option_name = option->get_name();
  Rows().insert_or_assign(option, std::move(row));
}

const BoundRow* FindBoundRow(const CLI::Option* option) {
  auto it = Rows().find(option);
  // An entry of a destroyed tree whose address a new option reuses.
  if (it == Rows().end() || it->second.option_name != option->get_name())
    return nullptr;
  return &it->second;
}

void ThrowIfError(const Status& status) {
  if (!status.ok()) throw CLI::ValidationError(status.ToString());
}

std::string OptionHelp(std::string_view help, std::string_view syntax) {
  std::string out(help);
  if (!syntax.empty()) out += " " + std::string(syntax);
  return out;
}

}  // namespace amtscope::cli
