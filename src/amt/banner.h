// Banner: what the Server header and the Digest realm say about a device.
#ifndef AMTSCOPE_AMT_BANNER_H_
#define AMTSCOPE_AMT_BANNER_H_

#include <string>
#include <string_view>

#include "core/firmware_version.h"

namespace amtscope {

/// The product and version a Server header announces.
struct Banner {
  bool amt = false;          // an Intel manageability firmware web server
  std::string product;       // "amt", "ism", "sbt", "cme", "" when not AMT
  FirmwareVersion version;   // !known() for bare "AMT" or an unparsable one
  std::string version_text;  // the raw version token ("" when none)
};

/// Parses every Server variant of docs/protocol.md §2.1: "Intel(R)
/// Active Management Technology V", "Intel(R) Standard Manageability V",
/// "Intel(R) Small Business Technology V", "Intel(R) Con. Management Engine
/// V" and a bare "AMT". Case-insensitive; tolerates "Intel®"/"Intel" and a
/// missing version. "Intel(R) Management & Security Application" is host
/// software, not firmware, and is not AMT.
Banner ParseServerBanner(std::string_view server);

/// Human product name: "Intel AMT", "Intel ISM", "Intel SBT", ...
std::string_view ProductName(std::string_view product);

}  // namespace amtscope

#endif  // AMTSCOPE_AMT_BANNER_H_
