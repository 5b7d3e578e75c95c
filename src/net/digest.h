// HTTP Digest (RFC 2617 / 7616, MD5): lenient parsing and computing.
#ifndef AMTSCOPE_NET_DIGEST_H_
#define AMTSCOPE_NET_DIGEST_H_

#include <string>
#include <string_view>

#include "core/result.h"

namespace amtscope {

/// A parsed `WWW-Authenticate: Digest ...` challenge.
struct DigestChallenge {
  std::string realm;
  std::string nonce;
  std::string qop;        // "auth", "auth,auth-int" or ""
  std::string algorithm;  // "" means MD5
  std::string opaque;
  bool stale = false;
};

/// A parsed `Authorization: Digest ...` header. Values are unquoted.
struct DigestCredentials {
  std::string username;
  std::string realm;
  std::string nonce;
  std::string uri;
  std::string response;
  bool has_response =
      false;  // a `response=` parameter was present (maybe empty)
  std::string qop;
  std::string nc;
  std::string cnonce;
  std::string algorithm;
  std::string opaque;
};

/// Parses the value of a WWW-Authenticate header (with or without the
/// "Digest " scheme word). Fails when it is not Digest or lacks a nonce.
Result<DigestChallenge> ParseDigestChallenge(std::string_view value);

/// Parses the value of an Authorization header leniently, accepting every
/// form real tools send (docs/protocol.md §1.2): quoted or
/// unquoted values, missing spaces after commas, any order, empty values.
Result<DigestCredentials> ParseDigestAuthorization(std::string_view value);

/// Lowercase hex MD5 of `data`.
std::string Md5Hex(std::string_view data);

/// The RFC 2617 response: MD5(HA1:nonce:nc:cnonce:qop:HA2), or
/// MD5(HA1:nonce:HA2) when qop is empty.
std::string DigestResponse(std::string_view username, std::string_view realm,
                           std::string_view password, std::string_view method,
                           std::string_view uri, std::string_view nonce,
                           std::string_view nc, std::string_view cnonce,
                           std::string_view qop);

}  // namespace amtscope

#endif  // AMTSCOPE_NET_DIGEST_H_
