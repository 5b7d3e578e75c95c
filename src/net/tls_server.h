// Server-side TLS contexts: a self-signed certificate made in memory, and
// contexts that speak only what a given AMT generation speaks
// (docs/protocol.md §2.9).
#ifndef AMTSCOPE_NET_TLS_SERVER_H_
#define AMTSCOPE_NET_TLS_SERVER_H_

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <string>

#include "core/result.h"

namespace amtscope {

/// kLegacy: TLS 1.0/1.1 with RSA-AES-CBC suites only, security level 0 on
/// this context (AMT 6–11). kModern: TLS 1.2 and later (AMT 12+).
enum class TlsServerFlavor { kLegacy, kModern };

/// A certificate and private key, PEM encoded.
struct PemCertificate {
  std::string cert;
  std::string key;
};

/// An RSA-2048 self-signed certificate (CN "Intel(R) AMT", 20 years), made
/// once per process and cached: key generation costs ~100 ms.
Result<PemCertificate> SelfSignedCertificate();

/// A server context of `flavor` using the PEM files, or the cached
/// self-signed certificate when both paths are empty.
Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerTlsContext(
    TlsServerFlavor flavor, const std::string& cert_file = {},
    const std::string& key_file = {});

}  // namespace amtscope

#endif  // AMTSCOPE_NET_TLS_SERVER_H_
