// TLS client contexts, one per connection class.
#ifndef AMTSCOPE_NET_TLS_CLIENT_H_
#define AMTSCOPE_NET_TLS_CLIENT_H_

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "core/result.h"

namespace amtscope {

/// Which peers a TLS connection talks to.
enum class TlsClass {
  /// Intel AMT 6-11 on 16993/664: TLS 1.0/1.1, RSA key exchange with
  /// AES-CBC, no RFC 5746 secure renegotiation (docs/protocol.md §2.9,
  /// §6). Allowed for these connections only, never as a process default.
  kLegacyAmt,
  /// Anything else: OpenSSL defaults (TLS 1.2+).
  kModern,
};

/// Client contexts (no certificate verification: the scanner identifies
/// devices, it does not trust them). Thread-safe after Create().
class TlsClientContexts {
 public:
  /// Builds both contexts; IoError with a hint when OpenSSL refuses.
  static Result<std::shared_ptr<TlsClientContexts>> Create();
  boost::asio::ssl::context& Get(TlsClass cls);

  TlsClientContexts(boost::asio::ssl::context legacy,
                    boost::asio::ssl::context modern)
      : legacy_(std::move(legacy)), modern_(std::move(modern)) {}

 private:
  boost::asio::ssl::context legacy_;
  boost::asio::ssl::context modern_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_NET_TLS_CLIENT_H_
