#include "model/output_writer.h"

namespace amtscope {

const std::vector<std::string_view>& OutputFormats() {
  static const std::vector<std::string_view> formats = {"table", "ndjson",
                                                        "csv", "xml", "gnmap"};
  return formats;
}

}  // namespace amtscope
