// Raw HTTP responses in the exact header order AMT firmware uses
// (docs/protocol.md §2.1–§2.8). Written as bytes, not through a generic
// HTTP library, because the order and spacing are what fingerprints check.
#ifndef AMTSCOPE_EMU_RESPONSES_H_
#define AMTSCOPE_EMU_RESPONSES_H_

#include <ctime>
#include <string>
#include <string_view>

#include "emu/host_config.h"

namespace amtscope::emu {

/// "Sat, 6 May 2017 03:24:33 GMT": day of month not zero-padded (§2.6).
std::string HttpDate(std::time_t t);

/// Chunked transfer coding with 4-digit uppercase hex sizes (§2.7).
std::string Chunked(std::string_view body, size_t max_chunk = 1200);

/// The WWW-Authenticate value of §2.2, byte for byte.
std::string ChallengeValue(const HostProfile& host, std::string_view nonce);

/// 401 with the Log-on-failed page and `Connection: close` (§2.3).
std::string UnauthorizedResponse(const HostProfile& host,
                                 std::string_view nonce);

/// `GET /`: 303 relative (old firmware) or 302 absolute built from Host (§2.4).
std::string RedirectResponse(const HostProfile& host, bool tls,
                             std::string_view host_header);

/// 200 HTML/CSS/GIF page, chunked, Date first (§2.6). `head` omits the body.
std::string PageResponse(const HostProfile& host, std::time_t now,
                         std::string_view content_type, std::string_view body,
                         bool head);

/// 200 (or other status) SOAP response, chunked (§2.7).
std::string SoapResponse(const HostProfile& host, std::time_t now, int status,
                         std::string_view content_type, std::string_view body);

/// 200 "It works!" page of an ordinary web server (Product::kPlainWeb), the
/// same for every path. `head` omits the body.
std::string PlainWebResponse(const HostProfile& host, bool head);

/// Plain 404 (no recording exists; §2.8 lists it as a gap).
std::string NotFoundResponse(const HostProfile& host);

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_RESPONSES_H_
