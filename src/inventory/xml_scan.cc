#include "inventory/xml_scan.h"

#include <charconv>

namespace amtscope {

namespace {

constexpr size_t kMaxAttributes = 64;

void AppendUtf8(unsigned long cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the entity `name` (between '&' and ';'); false when unknown.
bool Entity(std::string_view name, std::string* out) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  for (const auto& [n, c] : kNamed) {
    if (name == n) {
      out->push_back(c);
      return true;
    }
  }
  if (name.size() < 2 || name[0] != '#') return false;
  bool hex = name[1] == 'x' || name[1] == 'X';
  std::string_view digits = name.substr(hex ? 2 : 1);
  unsigned long cp = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(),
                                   cp, hex ? 16 : 10);
  if (ec != std::errc() || end != digits.data() + digits.size()) return false;
  AppendUtf8(cp, out);
  return true;
}

size_t SkipSpace(std::string_view s, size_t at) {
  while (at < s.size() &&
         (s[at] == ' ' || s[at] == '\t' || s[at] == '\n' || s[at] == '\r'))
    ++at;
  return at;
}

size_t NameEnd(std::string_view s, size_t at) {
  while (at < s.size() && s[at] != ' ' && s[at] != '\t' && s[at] != '\n' &&
         s[at] != '\r' && s[at] != '=' && s[at] != '/' && s[at] != '>')
    ++at;
  return at;
}

// Parses `name="value" ...` inside a tag body.
void ParseAttributes(std::string_view body, XmlTag* tag) {
  size_t at = SkipSpace(body, 0);
  while (at < body.size() && tag->attributes.size() < kMaxAttributes) {
    size_t name_end = NameEnd(body, at);
    if (name_end == at) break;
    std::string key(body.substr(at, name_end - at));
    at = SkipSpace(body, name_end);
    if (at >= body.size() || body[at] != '=') break;
    at = SkipSpace(body, at + 1);
    if (at >= body.size() || (body[at] != '"' && body[at] != '\'')) break;
    size_t close = body.find(body[at], at + 1);
    if (close == std::string_view::npos) break;
    tag->attributes.emplace_back(
        std::move(key), std::string(body.substr(at + 1, close - at - 1)));
    at = SkipSpace(body, close + 1);
  }
}

// The end of the markup starting at `at` ('<'), quotes respected; npos
// when unterminated.
size_t TagEnd(std::string_view xml, size_t at) {
  char quote = 0;
  for (size_t i = at + 1; i < xml.size(); ++i) {
    char c = xml[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Skips <!-- -->, <![CDATA[ ]]>, <? ?>, <!DOCTYPE>; npos when unterminated.
size_t SkipSpecial(std::string_view xml, size_t at) {
  auto past = [&](std::string_view close) {
    size_t e = xml.find(close, at);
    return e == std::string_view::npos ? e : e + close.size();
  };
  if (xml.substr(at).starts_with("<!--")) return past("-->");
  if (xml.substr(at).starts_with("<![CDATA[")) return past("]]>");
  if (xml.substr(at).starts_with("<?")) return past("?>");
  size_t e = TagEnd(xml, at);
  return e == std::string_view::npos ? e : e + 1;
}

}  // namespace

std::string XmlTag::Attr(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return XmlUnescape(v);
  }
  return {};
}

std::string XmlUnescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    size_t semi =
        text[i] == '&' ? text.substr(i, 12).find(';') : std::string_view::npos;
    if (semi != std::string_view::npos) semi += i;
    if (semi != std::string_view::npos &&
        Entity(text.substr(i + 1, semi - i - 1), &out)) {
      i = semi;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

void ForEachXmlTag(std::string_view xml,
                   const std::function<void(const XmlTag&)>& on_tag) {
  size_t at = xml.find('<');
  while (at != std::string_view::npos) {
    if (at + 1 < xml.size() && (xml[at + 1] == '!' || xml[at + 1] == '?')) {
      size_t next = SkipSpecial(xml, at);
      if (next == std::string_view::npos) return;
      at = xml.find('<', next);
      continue;
    }
    size_t end = TagEnd(xml, at);
    if (end == std::string_view::npos) return;
    std::string_view body = xml.substr(at + 1, end - at - 1);
    if (body.ends_with('/')) body.remove_suffix(1);
    XmlTag tag;
    size_t name_end = NameEnd(body, body.starts_with('/') ? 1 : 0);
    tag.name = std::string(body.substr(0, name_end));
    ParseAttributes(body.substr(name_end), &tag);
    size_t next = xml.find('<', end + 1);
    if (!tag.name.starts_with('/')) {
      tag.text = XmlUnescape(xml.substr(end + 1, next == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : next - end - 1));
    }
    on_tag(tag);
    at = next;
  }
}

}  // namespace amtscope
