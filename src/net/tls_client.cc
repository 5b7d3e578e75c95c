#include "net/tls_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <string>

namespace amtscope {
namespace {

namespace ssl = boost::asio::ssl;

std::string LastOpenSslError() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

// Settings both classes share: no verification, small idle memory.
void CommonSetup(SSL_CTX* ctx) {
  SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
}

Status SetupLegacy(SSL_CTX* ctx) {
  CommonSetup(ctx);
  // docs/protocol.md §2.9/§6: AMT 6-11 speaks TLS 1.0/1.1 with
  // RSA-AES-CBC and lacks secure renegotiation; OpenSSL 3 refuses all of
  // that at its default security level.
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION) != 1) {
    return Status::IoError("TLS: cannot enable TLS 1.0: " + LastOpenSslError(),
                           "check the OpenSSL build");
  }
  // AMT's newest TLS is 1.2 (§2.9: 1.2 arrived with AMT 12). Offering 1.3
  // would make every ClientHello generate a key share the device ignores:
  // 6 % of a scan's CPU on the bench rig.
  SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(ctx, SSL_OP_LEGACY_SERVER_CONNECT |
                               SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION);
  if (SSL_CTX_set_cipher_list(ctx, "ALL:RSA+AES:@SECLEVEL=0") != 1) {
    return Status::IoError(
        "TLS: cannot set legacy ciphers: " + LastOpenSslError(),
        "check the OpenSSL build");
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<TlsClientContexts>> TlsClientContexts::Create() {
  try {
    ssl::context legacy(ssl::context::tls_client);
    ssl::context modern(ssl::context::tls_client);
    AMTSCOPE_RETURN_IF_ERROR(SetupLegacy(legacy.native_handle()));
    CommonSetup(modern.native_handle());
    return std::make_shared<TlsClientContexts>(std::move(legacy),
                                               std::move(modern));
  } catch (const std::exception& e) {
    return Status::IoError(std::string("TLS: ") + e.what(),
                           "check the OpenSSL installation");
  }
}

ssl::context& TlsClientContexts::Get(TlsClass cls) {
  return cls == TlsClass::kLegacyAmt ? legacy_ : modern_;
}

}  // namespace amtscope
