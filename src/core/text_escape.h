// Escaping for the output writers: every string a peer sent us (Server
// header, realm) is hostile until escaped for the format it lands in.
#ifndef AMTSCOPE_CORE_TEXT_ESCAPE_H_
#define AMTSCOPE_CORE_TEXT_ESCAPE_H_

#include <chrono>
#include <string>
#include <string_view>

namespace amtscope {

/// Valid UTF-8: invalid sequences become U+FFFD.
std::string SanitizeUtf8(std::string_view text);
/// One printable line: UTF-8 sanitized, control characters as "\xNN".
std::string PrintableLine(std::string_view text);
/// Multi-line text for a terminal: like PrintableLine, but newlines and tabs
/// stay (check's report quotes captured files and local servers).
std::string TerminalText(std::string_view text);
/// Terminal columns of UTF-8 `text`: one per code point (wide characters
/// are not told apart).
size_t DisplayWidth(std::string_view text);
/// `text` in at most `columns` (DisplayWidth), its last kept code point
/// replaced by "…" when cut; never splits a UTF-8 sequence.
std::string CutToWidth(std::string_view text, size_t columns);
/// Text safe inside an XML attribute or element: & < > " ' escaped, newline,
/// CR and tab as character references (nmap writes "&#xa;"), other control
/// characters (not allowed in XML 1.0) as the text "\xNN".
std::string XmlEscape(std::string_view text);
/// One RFC 4180 field: quoted when it holds , " CR LF or edge spaces, quotes
/// doubled; control characters other than CR/LF/tab as "\xNN".
std::string CsvField(std::string_view text);
/// RFC 3339 UTC with milliseconds: "2026-11-25T01:25:41.123Z".
std::string Rfc3339(std::chrono::system_clock::time_point time);
/// Unix seconds, as nmap writes start= and time=.
long long UnixSeconds(std::chrono::system_clock::time_point time);
/// ctime-style "Wed Nov 25 01:25:41 2026" (UTC), as nmap writes startstr=.
std::string CtimeUtc(std::chrono::system_clock::time_point time);

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_TEXT_ESCAPE_H_
