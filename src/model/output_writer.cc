#include "model/output_writer.h"

#include <array>

namespace amtscope {

namespace {

constexpr std::array<EnumName<OutputFormat>, 5> kOutputFormatNames = {{
    {OutputFormat::kTable, "table"},
    {OutputFormat::kNdjson, "ndjson"},
    {OutputFormat::kCsv, "csv"},
    {OutputFormat::kXml, "xml"},
    {OutputFormat::kGnmap, "gnmap"},
}};

}  // namespace

std::span<const EnumName<OutputFormat>> OutputFormatNames() {
  return kOutputFormatNames;
}

std::string_view OutputFormatName(OutputFormat format) {
  return EnumNameOf(OutputFormatNames(), format);
}

const std::vector<std::string_view>& OutputFormats() {
  static const std::vector<std::string_view> formats = [] {
    std::vector<std::string_view> names;
    names.reserve(kOutputFormatNames.size());
    for (const auto& entry : kOutputFormatNames) names.push_back(entry.name);
    return names;
  }();
  return formats;
}

}  // namespace amtscope
