#include "report/xml_merge.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

namespace amtscope {

namespace {

// One <host>...</host>\n element as the xml writer lays it out: a head up to
// and including "<ports>", the <port> lines, and "</ports>\n</host>\n".
struct Host {
  std::string head;
  std::string ports;
  std::string endtime;
};

constexpr std::string_view kPortsOpen = "<ports>";
constexpr std::string_view kHostClose = "</ports>\n</host>\n";

std::string_view Between(std::string_view text, std::string_view open,
                         std::string_view close) {
  size_t a = text.find(open);
  if (a == std::string_view::npos) return {};
  a += open.size();
  size_t b = text.find(close, a);
  return b == std::string_view::npos ? std::string_view{}
                                     : text.substr(a, b - a);
}

std::string WithEndtime(std::string head, const std::string& endtime) {
  size_t at = head.find("endtime=\"");
  if (at == std::string::npos) return head;
  at += 9;
  size_t close = head.find('"', at);
  if (close == std::string::npos) return head;
  return head.replace(at, close - at, endtime);
}

// <hosts up="U" down="D" total="T"/> with U = the hosts now in the file.
std::string Recount(std::string tail, size_t up) {
  size_t at = tail.find("<hosts up=\"");
  size_t end = at == std::string::npos ? at : tail.find("/>", at);
  if (end == std::string::npos) return tail;
  std::string_view element(tail.data() + at, end - at);
  unsigned long long total = 0;
  std::string total_text(Between(element, "total=\"", "\""));
  total = std::strtoull(total_text.c_str(), nullptr, 10);
  total = std::max<unsigned long long>(total, up);
  return tail.replace(at, end - at,
                      fmt::format("<hosts up=\"{}\" down=\"{}\" total=\"{}\"",
                                  up, total - up, total));
}

}  // namespace

std::string MergeXmlHostsText(std::string_view xml) {
  size_t first = xml.find("<host ");
  if (first == std::string_view::npos) return std::string(xml);
  std::vector<Host> hosts;
  std::map<std::string, size_t, std::less<>> by_addr;
  size_t pos = first;
  while (xml.compare(pos, 6, "<host ") == 0) {
    size_t ports = xml.find(kPortsOpen, pos);
    size_t close = xml.find(kHostClose, pos);
    if (ports == std::string_view::npos || close == std::string_view::npos ||
        ports > close) {
      return std::string(xml);  // not laid out as we write it: leave it
    }
    std::string_view head = xml.substr(pos, ports + kPortsOpen.size() - pos);
    std::string addr(Between(head, "<address addr=\"", "\""));
    std::string endtime(Between(head, "endtime=\"", "\""));
    std::string_view port_lines = xml.substr(ports + kPortsOpen.size(),
                                             close - ports - kPortsOpen.size());
    auto [it, fresh] = by_addr.try_emplace(addr, hosts.size());
    if (fresh) {
      hosts.push_back({std::string(head), std::string(port_lines), endtime});
    } else {
      Host& h = hosts[it->second];
      h.ports += port_lines;
      if (endtime.size() > h.endtime.size() ||
          (endtime.size() == h.endtime.size() && endtime > h.endtime)) {
        h.endtime = endtime;
      }
    }
    pos = close + kHostClose.size();
  }
  std::string out(xml.substr(0, first));
  for (const Host& h : hosts) {
    out += WithEndtime(h.head, h.endtime) + h.ports + std::string(kHostClose);
  }
  return out + Recount(std::string(xml.substr(pos)), hosts.size());
}

Status MergeXmlHosts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Ok();  // stdout or gone: nothing to merge
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  std::string merged = MergeXmlHostsText(text);
  if (merged == text) return Status::Ok();
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << merged;
    out.flush();
    if (!out) {
      return Status::IoError(
          fmt::format("cannot write '{}': {}", tmp, std::strerror(errno)),
          "check free disk space");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return Status::IoError(fmt::format("cannot rename '{}' to '{}': {}", tmp,
                                       path, std::strerror(errno)));
  }
  return Status::Ok();
}

}  // namespace amtscope
