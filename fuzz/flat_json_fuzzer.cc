// libFuzzer target, differential: whatever line the fast NDJSON reader
// (inventory/flat_json.h) accepts, nlohmann accepts too, and both give the
// same Finding, so `inventory import` stores the same whichever read it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "inventory/flat_json.h"
#include "inventory/import_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  amtscope::FlatJson flat;
  if (!flat.Parse(line)) return 0;
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (!j.is_object()) std::abort();  // the fast reader took invalid JSON
  auto a = amtscope::FindingFromJson(flat);
  auto b = amtscope::FindingFromJson(j);
  if (a.has_value() != b.has_value()) std::abort();
  if (a && (a->ip != b->ip || a->port != b->port || a->verdict != b->verdict ||
            a->advisories != b->advisories || a->server != b->server ||
            a->time != b->time || a->bypass_status != b->bypass_status)) {
    std::abort();
  }
  return 0;
}
