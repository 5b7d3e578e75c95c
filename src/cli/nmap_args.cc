#include "cli/nmap_args.h"

#include <fmt/format.h>

#include <string_view>
#include <utility>

#include "scan/scan_options.h"

namespace amtscope::cli {

namespace {

// nmap's (and masscan's -oJ) spellings and the long forms CLI11 accepts.
constexpr std::pair<std::string_view, std::string_view> kRewrites[] = {
    {"-iL", "--iL"},
    {"-sS", "--scan-type=syn"},
    {"-sT", "--scan-type=connect"},
    {"-oN", "--oN"},
    {"-oX", "--oX"},
    {"-oG", "--oG"},
    {"-oJ", "--oJ"},
    {"-oA", "--oA"},
    {"-vv", "--packet-trace"},  // nmap's second verbosity level
};

// True when `flag` ("--rate", "-p") is a scan option whose value is the next
// argument, so that argument is skipped (it may start with a dash).
bool TakesValue(std::string_view flag) {
  for (const ScanOptionRow& row : ScanOptionTable()) {
    if (row.field.kind == OptionKind::kFlag || row.flags.empty()) continue;
    std::string_view names = row.flags;
    while (!names.empty()) {
      size_t comma = names.find(',');
      if (names.substr(0, comma) == flag) return true;
      names = comma == std::string_view::npos ? "" : names.substr(comma + 1);
    }
  }
  return false;
}

// Index of the "scan" subcommand, or npos when another one runs. Only the
// global options --advisories/--vendors take a value before it.
size_t FindScan(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") return std::string::npos;
    if (a == "--advisories" || a == "--vendors") {
      ++i;
      continue;
    }
    if (a.starts_with("-")) continue;
    return a == "scan" ? i : std::string::npos;
  }
  return std::string::npos;
}

Status UnknownOption(std::string_view arg) {
  std::string_view hint =
      arg.starts_with("-o")
          ? "nmap-style outputs are -oN, -oX, -oG, -oA FILE (and -oJ FILE "
            "for NDJSON); -o FILE takes the file after a space"
          : "see amtscope scan --help; of nmap's flags -iL, -sS, -sT, -oN, "
            "-oX, -oG, -oA and -vv are understood";
  return Status::InvalidArgument(fmt::format("unknown option '{}'", arg), hint);
}

}  // namespace

Result<std::vector<std::string>> RewriteNmapStyleArgs(
    const std::vector<std::string>& args) {
  std::vector<std::string> out = args;
  size_t scan = FindScan(args);
  if (scan == std::string::npos) return out;
  for (size_t i = scan + 1; i < out.size(); ++i) {
    std::string& a = out[i];
    if (a == "--") break;  // the rest are targets
    bool rewritten = false;
    for (auto [nmap, ours] : kRewrites) {
      if (a != nmap) continue;
      a = std::string(ours);
      rewritten = true;
      break;
    }
    if (rewritten) {
      if (TakesValue(out[i])) ++i;
      continue;
    }
    if (a.starts_with("--")) {
      if (a.find('=') == std::string::npos && TakesValue(a)) ++i;
      continue;
    }
    if (a.size() < 2 || a[0] != '-') continue;  // a target, or "-"
    if (a.size() == 2) {
      if (TakesValue(a)) ++i;
      continue;
    }
    if (a[1] == 'p') continue;  // "-p16992": the value attached, as in nmap
    return UnknownOption(a);
  }
  return out;
}

}  // namespace amtscope::cli
