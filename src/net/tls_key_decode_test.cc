#include "net/tls_key_decode.h"

#include <gtest/gtest.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <string>

#include "net/tls_server.h"

namespace amtscope {
namespace {

// The switch is process-wide, so each test flips it in a child process
// (a death test) and reports by exit code.
template <typename T, auto Free>
using Owned = std::unique_ptr<T, std::integral_constant<decltype(Free), Free>>;

Owned<X509, &X509_free> ParseCert(const std::string& pem) {
  Owned<BIO, &BIO_free> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Owned<X509, &X509_free>(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

Owned<EVP_PKEY, &EVP_PKEY_free> ParseKey(const std::string& pem) {
  Owned<BIO, &BIO_free> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Owned<EVP_PKEY, &EVP_PKEY_free>(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

// Encrypts with the certificate's key and decrypts with the private key:
// the decoded public key must be the real one.
bool RoundTrips(EVP_PKEY* pub, EVP_PKEY* priv) {
  const unsigned char msg[] = "premaster";
  unsigned char enc[512], dec[512];
  size_t enc_len = sizeof enc, dec_len = sizeof dec;
  Owned<EVP_PKEY_CTX, &EVP_PKEY_CTX_free> e(EVP_PKEY_CTX_new(pub, nullptr));
  Owned<EVP_PKEY_CTX, &EVP_PKEY_CTX_free> d(EVP_PKEY_CTX_new(priv, nullptr));
  return e && d && EVP_PKEY_encrypt_init(e.get()) == 1 &&
         EVP_PKEY_encrypt(e.get(), enc, &enc_len, msg, sizeof msg) == 1 &&
         EVP_PKEY_decrypt_init(d.get()) == 1 &&
         EVP_PKEY_decrypt(d.get(), dec, &dec_len, enc, enc_len) == 1 &&
         dec_len == sizeof msg && std::equal(msg, msg + sizeof msg, dec);
}

// Exit codes of the child: 0 all good, else the first check that failed.
int DecodeWithSwitchOn() {
  auto pem = SelfSignedCertificate();  // made before the switch, as a test
  if (!pem.ok()) return 10;            // fixture would be
  if (!UseBuiltinRsaKeyDecoding() || !UseBuiltinRsaKeyDecoding()) return 11;
  if (!BuiltinRsaKeyDecodingOn()) return 12;
  auto cert = ParseCert(pem->cert);
  auto key = ParseKey(pem->key);
  if (!cert || !key) return 13;
  if (EVP_PKEY_get_bits(X509_get0_pubkey(cert.get())) != 2048) return 14;
  if (!RoundTrips(X509_get0_pubkey(cert.get()), key.get())) return 15;
  if (X509_check_private_key(cert.get(), key.get()) != 1) return 16;
  // A TLS server could not decrypt premasters now: it must be refused.
  if (MakeServerTlsContext(TlsServerFlavor::kLegacy).ok()) return 17;
  return 0;
}

TEST(TlsKeyDecodeTest, CertificateKeysStillWorkAndServersAreRefused) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
#if OPENSSL_VERSION_NUMBER < 0x30200000L && !defined(OPENSSL_NO_ENGINE)
  EXPECT_EXIT(_exit(DecodeWithSwitchOn()), testing::ExitedWithCode(0), "");
#else
  GTEST_SKIP() << "this OpenSSL decodes keys fast without the switch";
#endif
}

TEST(TlsKeyDecodeTest, OffUntilSwitchedOn) {
  EXPECT_FALSE(BuiltinRsaKeyDecodingOn());
  EXPECT_TRUE(MakeServerTlsContext(TlsServerFlavor::kLegacy).ok());
}

}  // namespace
}  // namespace amtscope
