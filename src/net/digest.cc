#include "net/digest.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "core/strings.h"

namespace amtscope {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsTokenChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

size_t SkipSeparators(std::string_view s, size_t i) {
  while (i < s.size() && (IsSpace(s[i]) || s[i] == ',')) ++i;
  return i;
}

// A `"` closes a quoted value only when what follows looks like the end of the
// parameter (end, a comma, or `name=`): this keeps arbitrary bytes inside a
// cnonce (Metasploit sends Rex::Text.rand_text, docs/protocol.md §1.2)
// and space-separated parameter lists both working.
bool ClosesQuote(std::string_view s, size_t quote) {
  size_t i = quote + 1;
  while (i < s.size() && IsSpace(s[i])) ++i;
  if (i == s.size() || s[i] == ',') return true;
  size_t j = i;
  while (j < s.size() && IsTokenChar(s[j])) ++j;
  if (j == i) return false;
  while (j < s.size() && IsSpace(s[j])) ++j;
  return j < s.size() && s[j] == '=';
}

// Reads a quoted value starting after the opening quote; returns the index
// just past the closing quote (or the end when unterminated).
size_t ReadQuoted(std::string_view s, size_t i, std::string& out) {
  while (i < s.size()) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && s[i + 1] == '"' &&
        !ClosesQuote(s, i + 1)) {
      out.push_back('"');
      i += 2;
    } else if (c == '"' && ClosesQuote(s, i)) {
      return i + 1;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return i;
}

size_t ReadUnquoted(std::string_view s, size_t i, std::string& out) {
  size_t start = i;
  while (i < s.size() && s[i] != ',' && !IsSpace(s[i])) ++i;
  out.assign(s.substr(start, i - start));
  return i;
}

// Splits `name=value` pairs separated by commas and/or whitespace. Names are
// lowercased; a bare token without `=` is skipped.
Params ParseParams(std::string_view s) {
  Params params;
  size_t i = SkipSeparators(s, 0);
  while (i < s.size()) {
    size_t name_start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ',' && !IsSpace(s[i])) ++i;
    std::string name = Lower(s.substr(name_start, i - name_start));
    size_t k = i;
    while (k < s.size() && IsSpace(s[k])) ++k;
    if (k >= s.size() || s[k] != '=') {  // bare token: skip it
      i = SkipSeparators(s, i);
      continue;
    }
    i = k + 1;
    while (i < s.size() && IsSpace(s[i]) && s[i] != '\r' && s[i] != '\n') ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      i = ReadQuoted(s, i + 1, value);
    } else {
      i = ReadUnquoted(s, i, value);
    }
    if (!name.empty()) params.emplace_back(std::move(name), std::move(value));
    i = SkipSeparators(s, i);
  }
  return params;
}

// Strips a leading "Digest" scheme word. Fails for any other scheme.
Result<std::string_view> StripScheme(std::string_view value) {
  size_t i = 0;
  while (i < value.size() && IsSpace(value[i])) ++i;
  value.remove_prefix(i);
  size_t end = 0;
  while (end < value.size() && IsTokenChar(value[end])) ++end;
  if (end < value.size() && (value[end] == '='))
    return value;  // no scheme word
  std::string scheme = Lower(value.substr(0, end));
  if (scheme != "digest") {
    return Status::Corruption(
        "not a Digest header (scheme \"" +
            std::string(value.substr(0, std::min<size_t>(end, 16))) + "\")",
        "the peer must use HTTP Digest authentication");
  }
  return value.substr(end);
}

const std::string* Find(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params) {
    if (k == name) return &v;
  }
  return nullptr;
}

std::string Get(const Params& params, std::string_view name) {
  const std::string* v = Find(params, name);
  return v ? *v : std::string();
}

}  // namespace

Result<DigestChallenge> ParseDigestChallenge(std::string_view value) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::string_view rest, StripScheme(value));
  Params params = ParseParams(rest);
  if (Find(params, "nonce") == nullptr) {
    return Status::Corruption(
        "Digest challenge without a nonce",
        "the server's WWW-Authenticate header is malformed");
  }
  DigestChallenge c;
  c.realm = Get(params, "realm");
  c.nonce = Get(params, "nonce");
  c.qop = Get(params, "qop");
  c.algorithm = Get(params, "algorithm");
  c.opaque = Get(params, "opaque");
  c.stale = Lower(Get(params, "stale")) == "true";
  return c;
}

Result<DigestCredentials> ParseDigestAuthorization(std::string_view value) {
  AMTSCOPE_ASSIGN_OR_RETURN(std::string_view rest, StripScheme(value));
  Params params = ParseParams(rest);
  if (params.empty()) {
    return Status::Corruption("empty Digest Authorization header",
                              "send username, realm, nonce, uri and response");
  }
  DigestCredentials d;
  d.username = Get(params, "username");
  d.realm = Get(params, "realm");
  d.nonce = Get(params, "nonce");
  d.uri = Get(params, "uri");
  d.has_response = Find(params, "response") != nullptr;
  d.response = Get(params, "response");
  d.qop = Get(params, "qop");
  d.nc = Get(params, "nc");
  d.cnonce = Get(params, "cnonce");
  d.algorithm = Get(params, "algorithm");
  d.opaque = Get(params, "opaque");
  return d;
}

std::string Md5Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<size_t>(len) * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 0xF]);
  }
  return out;
}

std::string DigestResponse(std::string_view username, std::string_view realm,
                           std::string_view password, std::string_view method,
                           std::string_view uri, std::string_view nonce,
                           std::string_view nc, std::string_view cnonce,
                           std::string_view qop) {
  auto join = [](std::initializer_list<std::string_view> parts) {
    std::string s;
    bool first = true;
    for (std::string_view p : parts) {
      if (!first) s.push_back(':');
      s.append(p);
      first = false;
    }
    return s;
  };
  std::string ha1 = Md5Hex(join({username, realm, password}));
  std::string ha2 = Md5Hex(join({method, uri}));
  if (qop.empty()) return Md5Hex(join({ha1, nonce, ha2}));
  return Md5Hex(join({ha1, nonce, nc, cnonce, qop, ha2}));
}

}  // namespace amtscope
