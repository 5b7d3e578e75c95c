// A flat, non-recursive XML tag scanner for the importers: linear time and
// no nesting limit to overflow, whatever the bytes. Not a validating
// parser: it reports each start or end tag with its attributes (entities
// decoded) and, for start tags, the text up to the next '<'.
#ifndef AMTSCOPE_INVENTORY_XML_SCAN_H_
#define AMTSCOPE_INVENTORY_XML_SCAN_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amtscope {

struct XmlTag {
  std::string name;  // "port", or "/port" for an end tag
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // start tags: the text that follows, decoded

  /// The attribute's decoded value, "" when absent.
  std::string Attr(std::string_view key) const;
};

/// Decodes &amp; &lt; &gt; &quot; &apos; &#N; &#xN; (others kept as is).
std::string XmlUnescape(std::string_view text);

/// Calls `on_tag` for each tag; skips comments, <?...?>, <!...>, CDATA.
void ForEachXmlTag(std::string_view xml,
                   const std::function<void(const XmlTag&)>& on_tag);

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_XML_SCAN_H_
