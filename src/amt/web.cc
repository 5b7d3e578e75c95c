#include "amt/web.h"

#include <algorithm>

#include "core/strings.h"

namespace amtscope {

bool IsAmtPort(uint16_t port) {
  return port == kAmtHttpPort || port == kAmtHttpsPort ||
         port == kAmtAltHttpPort || port == kAmtAltHttpsPort;
}

bool IsAmtTlsPort(uint16_t port) {
  return port == kAmtHttpsPort || port == kAmtAltHttpsPort;
}

std::string_view ServiceName(uint16_t port, bool tls) {
  if (IsAmtPort(port)) return tls ? "amt-soap-https" : "amt-soap-http";
  if (port == kAmtRedirPort) return "amt-redir-tcp";
  if (port == kAmtRedirTlsPort) return "amt-redir-tls";
  return tls ? "https" : "http";
}

bool IsAmtRealm(std::string_view realm) {
  if (!IStartsWith(realm, kRealmPrefix) || realm.size() <= kRealmPrefix.size())
    return false;
  return std::all_of(realm.begin() + kRealmPrefix.size(), realm.end(),
                     [](char c) {
                       return (c >= '0' && c <= '9') ||
                              (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                     });
}

bool FirmwareAcceptsResponse(std::string_view expected, std::string_view given,
                             bool flawed) {
  if (!flawed) return given == expected;
  return given.size() <= expected.size() &&
         expected.compare(0, given.size(), given) == 0;
}

}  // namespace amtscope
