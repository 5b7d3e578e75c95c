// The HTTP requests the AMT probe sends (at most four per port).
#ifndef AMTSCOPE_SCAN_AMT_REQUESTS_H_
#define AMTSCOPE_SCAN_AMT_REQUESTS_H_

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace amtscope {

/// Which resource a request targets.
enum class AmtResource { kIndex, kWsman };

/// "/index.htm" or "/wsman".
std::string_view PathOf(AmtResource resource);

/// "198.18.0.1:16992" or "[::1]:16992" for the Host header.
std::string HostHeader(const boost::asio::ip::address& address, uint16_t port);

/// What goes into an Authorization header.
struct DigestAttempt {
  std::string_view realm;
  std::string_view nonce;
  std::string_view qop;       // from the challenge; "" → RFC 2069 form
  std::string_view response;  // "" for the bypass, 32 wrong hex for the control
  std::string_view cnonce;
  int nc = 1;
};

/// `Digest username="admin", realm=..., nonce=..., uri=..., response=...,
/// qop=auth, nc=00000001, cnonce=...` (the Greenbone/curl form,
/// docs/protocol.md §1.2).
std::string DigestAuthorization(std::string_view uri, const DigestAttempt& a);

/// A complete request: GET /index.htm, or POST /wsman with a WS-Man Get of
/// CIM_SoftwareIdentity "AMT FW Core Version" (§1.5 nixawk, §2.7);
/// `authorization` may be empty.
std::string BuildRequest(AmtResource resource, std::string_view host,
                         std::string_view authorization);

/// `n` random lowercase hex digits (cnonce, control response).
std::string RandomHex(size_t n);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_AMT_REQUESTS_H_
