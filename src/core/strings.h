// Small ASCII string helpers shared by every parser (HTTP headers, banners,
// resume files, DMI). ASCII on purpose: the protocols amtscope reads are
// ASCII, and locale-dependent case folding would make a Turkish-locale
// machine misread "Digest".
#ifndef AMTSCOPE_CORE_STRINGS_H_
#define AMTSCOPE_CORE_STRINGS_H_

#include <string>
#include <string_view>

namespace amtscope {

/// True for ASCII space, tab, CR, LF, VT and FF.
bool IsAsciiSpace(char c);
/// `s` without leading and trailing ASCII whitespace.
std::string_view Trim(std::string_view s);
/// ASCII case-insensitive equality.
bool IEquals(std::string_view a, std::string_view b);
/// ASCII case-insensitive prefix test.
bool IStartsWith(std::string_view s, std::string_view prefix);
/// ASCII case-insensitive substring test.
bool IContains(std::string_view hay, std::string_view needle);
/// `s` with A-Z folded to a-z.
std::string Lower(std::string_view s);
/// `s` with a-z folded to A-Z.
std::string Upper(std::string_view s);
/// `s` with every run of ASCII whitespace (newlines, tabs) as one space, and
/// trimmed: a peer's multi-line message as one error line.
std::string OneLine(std::string_view s);

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_STRINGS_H_
