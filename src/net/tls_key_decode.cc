#include "net/tls_key_decode.h"

#include <atomic>

// The ENGINE API is deprecated in 3.0 but is the only switch 3.0 offers.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#ifndef OPENSSL_NO_ENGINE
#include <openssl/engine.h>
#endif

namespace amtscope {
namespace {

#ifndef OPENSSL_NO_ENGINE
constexpr int kRsaNids[] = {EVP_PKEY_RSA};

// Hands out OpenSSL's own RSA method: the engine adds nothing but its
// registration, which is what routes key decoding to the built-in code.
int RsaMethods(ENGINE* /*e*/, EVP_PKEY_METHOD** meth, const int** nids,
               int nid) {
  if (meth == nullptr) {
    *nids = kRsaNids;
    return 1;
  }
  *meth = const_cast<EVP_PKEY_METHOD*>(EVP_PKEY_meth_find(nid));
  return *meth != nullptr ? 1 : 0;
}

bool Register() {
  if (OpenSSL_version_num() >= 0x30200000L) return false;
  ENGINE* e = ENGINE_new();
  if (e == nullptr) return false;
  bool ok = ENGINE_set_id(e, "amtscope-builtin-rsa") == 1 &&
            ENGINE_set_name(e, "built-in RSA key decoding") == 1 &&
            ENGINE_set_pkey_meths(e, RsaMethods) == 1 && ENGINE_add(e) == 1 &&
            ENGINE_register_pkey_meths(e) == 1;
  // The engine list holds it from here until OpenSSL's cleanup at exit; a
  // registration alone keeps no structural reference.
  ENGINE_free(e);
  ENGINE* chosen = ok ? ENGINE_get_pkey_meth_engine(EVP_PKEY_RSA) : nullptr;
  if (chosen == nullptr) return false;
  ENGINE_finish(chosen);
  return true;
}
#endif

}  // namespace

namespace {
std::atomic<bool> switched_on{false};
}  // namespace

bool UseBuiltinRsaKeyDecoding() {
#ifdef OPENSSL_NO_ENGINE
  return false;
#else
  static const bool on = Register();
  if (on) switched_on = true;
  return on;
#endif
}

bool BuiltinRsaKeyDecodingOn() { return switched_on; }

}  // namespace amtscope
