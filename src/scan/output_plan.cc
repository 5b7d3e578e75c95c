#include "scan/output_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace amtscope {

namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  if (text.size() <= suffix.size()) return false;
  std::string tail(text.substr(text.size() - suffix.size()));
  std::transform(tail.begin(), tail.end(), tail.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return tail == suffix;
}

// "-" is stdout, as in nmap (-oX -).
std::string PathOf(const std::string& name) {
  return name == "-" ? std::string() : name;
}

Status CheckDistinct(const std::vector<OutputTarget>& targets) {
  for (size_t i = 0; i < targets.size(); ++i) {
    for (size_t j = i + 1; j < targets.size(); ++j) {
      if (targets[i].path != targets[j].path) continue;
      if (targets[i].path.empty()) {
        return Status::InvalidArgument(
            fmt::format("both {} and {} output would go to stdout",
                        OutputFormatName(targets[i].format),
                        OutputFormatName(targets[j].format)),
            "send one of them to a file (-o FILE, -oX FILE, ...)");
      }
      return Status::InvalidArgument(
          fmt::format("'{}' is named for two outputs", targets[i].path),
          "give each output its own file");
    }
  }
  return Status::Ok();
}

}  // namespace

OutputFormat FormatForPath(std::string_view path) {
  if (EndsWith(path, ".xml")) return OutputFormat::kXml;
  if (EndsWith(path, ".ndjson") || EndsWith(path, ".jsonl") ||
      EndsWith(path, ".json")) {
    return OutputFormat::kNdjson;
  }
  if (EndsWith(path, ".csv")) return OutputFormat::kCsv;
  if (EndsWith(path, ".gnmap")) return OutputFormat::kGnmap;
  return OutputFormat::kTable;
}

Result<std::vector<OutputTarget>> PlanOutputs(const ScanOptions& o) {
  std::vector<OutputTarget> extra;
  auto add = [&extra](const std::string& name, OutputFormat format) {
    if (!name.empty()) extra.push_back({format, PathOf(name)});
  };
  add(o.output_normal, OutputFormat::kTable);
  add(o.output_xml, OutputFormat::kXml);
  add(o.output_grepable, OutputFormat::kGnmap);
  add(o.output_ndjson, OutputFormat::kNdjson);
  if (o.output_all == "-") {
    return Status::InvalidArgument("-oA needs a base file name, not '-'",
                                   "write e.g. -oA scan-2026-12-02");
  }
  for (auto [ext, format] : {std::pair{"nmap", OutputFormat::kTable},
                             {"xml", OutputFormat::kXml},
                             {"gnmap", OutputFormat::kGnmap},
                             {"ndjson", OutputFormat::kNdjson}}) {
    if (o.output_all.empty()) break;
    extra.push_back({format, fmt::format("{}.{}", o.output_all, ext)});
  }
  std::vector<OutputTarget> all;
  std::string main_path = PathOf(o.output);
  OutputFormat format = o.format            ? *o.format
                        : main_path.empty() ? OutputFormat::kTable
                                            : FormatForPath(main_path);
  // Like nmap, "-oX -" replaces the table on stdout unless --format or -o
  // asked for the main output explicitly.
  bool stdout_taken = std::any_of(extra.begin(), extra.end(),
                                  [](const auto& t) { return t.path.empty(); });
  if (!o.output.empty() || o.format || !stdout_taken) {
    all.push_back({format, main_path});
  }
  all.insert(all.end(), extra.begin(), extra.end());
  AMTSCOPE_RETURN_IF_ERROR(CheckDistinct(all));
  return all;
}

}  // namespace amtscope
