// libFuzzer target: the advisory and vendor database loaders never crash on
// any input, and a database that loads can evaluate versions.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "advisory/advisory_db.h"
#include "advisory/vendor_db.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto db = amtscope::AdvisoryDb::FromJson(text);
  if (db.ok()) {
    for (const char* v : {"8.1.40", "8.1.70.3600", "11.7.0.1500", "6.0", ""}) {
      amtscope::DeviceFacts facts{*amtscope::FirmwareVersion::Parse(v),
                                  amtscope::Sku::kSbt, false};
      (void)db->Evaluate(facts);
    }
    (void)db->Find("SA-00075");
  }
  auto vendors = amtscope::VendorDb::FromJson(text);
  if (vendors.ok()) {
    (void)vendors->Lookup("HP", "HP EliteBook 850 G3");
    (void)vendors->Lookup("", "z");
  }
  return 0;
}
