// MergeXmlHosts: after a resumed scan appended to an nmap XML file, one
// address can have a <host> from each run; nmap writes one per address and
// ndiff keys hosts by address (issue 10 item 3). Rewrites the file with one
// <host> per address holding every <port>.
#ifndef AMTSCOPE_REPORT_XML_MERGE_H_
#define AMTSCOPE_REPORT_XML_MERGE_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace amtscope {

/// The document with the <host> elements of each address merged into the
/// first one (ports in file order, endtime the latest), and <hosts up=...>
/// recounted. Text that is not ours is returned unchanged.
std::string MergeXmlHostsText(std::string_view xml);

/// MergeXmlHostsText on the file at `path`, replaced atomically.
Status MergeXmlHosts(const std::string& path);

}  // namespace amtscope

#endif  // AMTSCOPE_REPORT_XML_MERGE_H_
