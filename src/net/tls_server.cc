#include "net/tls_server.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <mutex>

#include "core/mutex.h"
#include "net/tls_key_decode.h"

namespace amtscope {
namespace {

std::string OpenSslError() {
  unsigned long e = ERR_get_error();
  char buf[256];
  ERR_error_string_n(e, buf, sizeof(buf));
  return e ? buf : "unknown OpenSSL error";
}

std::string BioString(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, n > 0 ? static_cast<size_t>(n) : 0);
}

Result<PemCertificate> Generate() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048),
                                                          EVP_PKEY_free);
  if (!key)
    return Status::IoError("RSA key generation failed: " + OpenSslError());
  std::unique_ptr<X509, decltype(&X509_free)> x509(X509_new(), X509_free);
  X509_set_version(x509.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x509.get()), 0x8086);
  X509_gmtime_adj(X509_getm_notBefore(x509.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x509.get()), 20L * 365 * 24 * 3600);
  X509_set_pubkey(x509.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x509.get());
  X509_NAME_add_entry_by_txt(
      name, "O", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("Intel Corporation"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("Intel(R) AMT"), -1, -1, 0);
  X509_set_issuer_name(x509.get(), name);
  if (X509_sign(x509.get(), key.get(), EVP_sha256()) == 0) {
    return Status::IoError("certificate signing failed: " + OpenSslError());
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new(BIO_s_mem()),
                                                     BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()),
                                                    BIO_free);
  PEM_write_bio_X509(cert_bio.get(), x509.get());
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0,
                           nullptr, nullptr);
  return PemCertificate{BioString(cert_bio.get()), BioString(key_bio.get())};
}

Status Configure(SSL_CTX* ctx, TlsServerFlavor flavor) {
  if (flavor == TlsServerFlavor::kLegacy) {
    // §2.9: AMT 6–11 speak TLS 1.0 (at most 1.1) with RSA key exchange and
    // AES-CBC; SECLEVEL=0 so OpenSSL 3 allows TLS 1.0 on this context only.
    SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx, TLS1_1_VERSION);
    if (SSL_CTX_set_cipher_list(ctx, "AES128-SHA:AES256-SHA:@SECLEVEL=0") !=
        1) {
      return Status::IoError("legacy cipher list rejected: " + OpenSslError());
    }
  } else {
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  }
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_TICKET);
  return Status::Ok();
}

}  // namespace

Result<PemCertificate> SelfSignedCertificate() {
  static Mutex mu;
  static std::optional<PemCertificate> cached GUARDED_BY(mu);
  MutexLock lock(mu);
  if (!cached) {
    AMTSCOPE_ASSIGN_OR_RETURN(PemCertificate pem, Generate());
    cached = std::move(pem);
  }
  return *cached;
}

Result<std::shared_ptr<boost::asio::ssl::context>> MakeServerTlsContext(
    TlsServerFlavor flavor, const std::string& cert_file,
    const std::string& key_file) {
  namespace ssl = boost::asio::ssl;
  if (BuiltinRsaKeyDecodingOn()) {
    // The legacy RSA method cannot decrypt a TLS premaster (tls_key_decode.h).
    return Status::Unavailable(
        "internal: a TLS server in a process that decodes RSA keys the "
        "built-in way",
        "serve TLS from another process (amtscope emulate)");
  }
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_server);
  AMTSCOPE_RETURN_IF_ERROR(Configure(ctx->native_handle(), flavor));
  boost::system::error_code ec;
  if (cert_file.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(PemCertificate pem, SelfSignedCertificate());
    ctx->use_certificate_chain(boost::asio::buffer(pem.cert), ec);
    if (!ec)
      ctx->use_private_key(boost::asio::buffer(pem.key), ssl::context::pem, ec);
    if (ec)
      return Status::IoError("self-signed certificate rejected: " +
                             ec.message());
    return ctx;
  }
  ctx->use_certificate_chain_file(cert_file, ec);
  if (ec) {
    return Status::InvalidArgument(
        fmt::format("cannot use certificate {}: {}", cert_file, ec.message()),
        "give a PEM certificate file");
  }
  ctx->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec) {
    return Status::InvalidArgument(
        fmt::format("cannot use key {}: {}", key_file, ec.message()),
        "give the PEM private key matching the certificate");
  }
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
    return Status::InvalidArgument(fmt::format(
        "key {} does not match certificate {}", key_file, cert_file));
  }
  return ctx;
}

}  // namespace amtscope
