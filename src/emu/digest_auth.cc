#include "emu/digest_auth.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <cstring>
#include <random>

#include "amt/web.h"

namespace amtscope::emu {
namespace {

uint64_t ThreadRandom() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng();
}

bool NewerNonceLayout(const HostProfile& h) {
  return h.version.major() > 11 ||
         (h.version.major() == 11 && h.version.minor() >= 8);
}

std::string SchemeOf(std::string_view header) {
  size_t i = 0;
  while (i < header.size() && header[i] == ' ') ++i;
  size_t j = i;
  while (j < header.size() &&
         std::isalpha(static_cast<unsigned char>(header[j])))
    ++j;
  return std::string(header.substr(i, j - i));
}

}  // namespace

NonceMinter::NonceMinter(int lifetime_s) : lifetime_s_(lifetime_s) {
  if (RAND_bytes(secret_.data(), static_cast<int>(secret_.size())) != 1) {
    for (auto& b : secret_) b = static_cast<uint8_t>(ThreadRandom());
  }
}

std::array<uint8_t, 12> NonceMinter::Mac(const HostProfile& host,
                                         const uint8_t* head) const {
  std::string data(reinterpret_cast<const char*>(secret_.data()),
                   secret_.size());
  data.append(reinterpret_cast<const char*>(head), 12);
  data += host.realm;
  data += host.config.address;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  std::array<uint8_t, 12> mac{};
  std::memcpy(mac.data(), md, mac.size());
  return mac;
}

std::string NonceMinter::Mint(const HostProfile& host, std::time_t now) const {
  uint8_t raw[24] = {};
  uint32_t t = static_cast<uint32_t>(now);
  std::memcpy(raw, &t, 4);  // varying leading bytes, as in the samples
  uint64_t r = ThreadRandom();
  raw[4] = static_cast<uint8_t>(r);
  raw[5] = static_cast<uint8_t>(r >> 8);
  if (!NewerNonceLayout(host))
    std::memcpy(raw + 8, reinterpret_cast<uint8_t*>(&r) + 2, 4);
  auto mac = Mac(host, raw);
  std::memcpy(raw + 12, mac.data(), mac.size());
  unsigned char out[40];
  int n = EVP_EncodeBlock(out, raw, sizeof(raw));
  return std::string(reinterpret_cast<char*>(out), n);
}

bool NonceMinter::Valid(const HostProfile& host, std::string_view nonce,
                        std::time_t now) const {
  if (nonce.size() != 32) return false;
  unsigned char raw[32];
  if (EVP_DecodeBlock(raw, reinterpret_cast<const unsigned char*>(nonce.data()),
                      32) != 24)
    return false;
  auto mac = Mac(host, raw);
  if (std::memcmp(mac.data(), raw + 12, mac.size()) != 0) return false;
  uint32_t t = 0;
  std::memcpy(&t, raw, 4);
  int64_t age = static_cast<int64_t>(static_cast<uint32_t>(now)) - t;
  return age >= -5 && age <= lifetime_s_;
}

AuthResult CheckAuthorization(const HostProfile& host,
                              const NonceMinter& nonces,
                              std::string_view method,
                              std::optional<std::string_view> authorization,
                              std::time_t now) {
  AuthResult r;
  if (!authorization) return r;
  r.scheme = SchemeOf(*authorization);
  auto creds = ParseDigestAuthorization(*authorization);
  if (!creds.ok()) {
    r.outcome = AuthOutcome::kMalformed;
    return r;
  }
  r.credentials = *creds;
  const DigestCredentials& c = *creds;
  bool known_user = c.username == kAdminUser;
  r.bypass_form = known_user && c.has_response && c.response.size() < 32;
  r.outcome = AuthOutcome::kRejected;
  if (!known_user || !c.has_response || !nonces.Valid(host, c.nonce, now))
    return r;
  std::string correct =
      DigestResponse(c.username, host.realm, host.config.admin_password, method,
                     c.uri, c.nonce, c.nc, c.cnonce, c.qop);
  // A honeypot (any-password) takes any response at all.
  bool accepted =
      host.config.mode == Mode::kAnyPassword ||
      FirmwareAcceptsResponse(correct, c.response,
                              host.config.mode == Mode::kVulnerable);
  if (c.response == correct) {
    r.outcome = AuthOutcome::kPassword;
  } else if (accepted) {
    r.outcome = AuthOutcome::kBypass;
  }
  return r;
}

}  // namespace amtscope::emu
