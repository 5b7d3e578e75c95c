// Digest authentication as AMT firmware does it, flaw included
// (docs/protocol.md §1.1, §1.2, §2.2).
#ifndef AMTSCOPE_EMU_DIGEST_AUTH_H_
#define AMTSCOPE_EMU_DIGEST_AUTH_H_

#include <array>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "emu/host_config.h"
#include "net/digest.h"

namespace amtscope::emu {

/// Issues and checks nonces in the recorded format: 24 bytes, base64, bytes
/// 6–7 zero (and 8–11 zero on 11.8+), without per-host state: the last 12
/// bytes authenticate the first 12 (time + random) with a process secret, so
/// nonces survive the `Connection: close` of the 401 (§2.2).
class NonceMinter {
 public:
  /// `lifetime_s`: how long a nonce stays valid.
  explicit NonceMinter(int lifetime_s = 600);
  /// A fresh nonce for `host` (32 base64 characters).
  std::string Mint(const HostProfile& host, std::time_t now) const;
  /// True when `nonce` was minted for `host` within the lifetime.
  bool Valid(const HostProfile& host, std::string_view nonce,
             std::time_t now) const;

 private:
  std::array<uint8_t, 12> Mac(const HostProfile& host,
                              const uint8_t* head) const;
  std::array<uint8_t, 16> secret_{};
  int lifetime_s_;
};

/// What an Authorization header amounted to.
enum class AuthOutcome {
  kNone,       // no Authorization header
  kMalformed,  // not parseable / not Digest
  kRejected,   // wrong user, nonce or response
  kPassword,   // the exact digest (right password)
  kBypass,     // accepted without the password: CVE-2017-5689 (vulnerable
               // mode) or any response at all (any-password mode)
};

struct AuthResult {
  AuthOutcome outcome = AuthOutcome::kNone;
  std::optional<DigestCredentials> credentials;  // when parseable
  std::string scheme;                            // "Digest", "Basic", ...
  /// An empty or shorter-than-32 response for a known user: the exploit form.
  bool bypass_form = false;
  bool accepted() const {
    return outcome == AuthOutcome::kPassword || outcome == AuthOutcome::kBypass;
  }
};

/// Checks `authorization` (nullopt when absent) for a request with `method`.
/// Vulnerable: user `admin`, valid nonce, and the response a prefix of the
/// correct digest (strncmp with the client's length, §1.1) — the empty
/// string included. Patched: only the exact digest. Any-password: every
/// response from `admin` with a valid nonce.
AuthResult CheckAuthorization(const HostProfile& host,
                              const NonceMinter& nonces,
                              std::string_view method,
                              std::optional<std::string_view> authorization,
                              std::time_t now);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_DIGEST_AUTH_H_
