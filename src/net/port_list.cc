#include "net/port_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace amtscope {

namespace {

constexpr std::string_view kPortHint =
    "give ports as a comma-separated list of numbers 1-65535 or ranges, "
    "e.g. -p 16992,16993 or -p T:623,664,16992-16993,U:623";

Status BadPort(std::string_view item, std::string_view why) {
  return Status::InvalidArgument(
      fmt::format("bad port '{}' in -p: {}", item, why), kPortHint);
}

Result<uint16_t> ParseOnePort(std::string_view item, std::string_view text) {
  unsigned value = 0;
  auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return BadPort(item, "not a number");
  }
  if (value == 0 || value > 65535) return BadPort(item, "outside 1-65535");
  return static_cast<uint16_t>(value);
}

// Appends the ports of one item ("16992", "1-100", "-", "600-", "-700").
Status AddItem(std::string_view item, std::vector<uint16_t>& out) {
  size_t dash = item.find('-');
  if (dash == std::string_view::npos) {
    AMTSCOPE_ASSIGN_OR_RETURN(uint16_t port, ParseOnePort(item, item));
    out.push_back(port);
    return Status::Ok();
  }
  std::string_view lo_text = item.substr(0, dash);
  std::string_view hi_text = item.substr(dash + 1);
  uint16_t lo = 1;
  uint16_t hi = 65535;
  if (!lo_text.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(lo, ParseOnePort(item, lo_text));
  }
  if (!hi_text.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(hi, ParseOnePort(item, hi_text));
  }
  if (lo > hi) return BadPort(item, "range end is below its start");
  for (uint32_t p = lo; p <= hi; ++p) out.push_back(static_cast<uint16_t>(p));
  return Status::Ok();
}

}  // namespace

Result<std::vector<uint16_t>> ParsePortList(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '\t') compact.push_back(c);
  }
  if (compact.empty()) return BadPort(text, "empty list");
  std::vector<uint16_t> ports;
  std::string_view rest = compact;
  while (true) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    if (item.empty()) return BadPort(compact, "empty item between commas");
    AMTSCOPE_RETURN_IF_ERROR(AddItem(item, ports));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(ports.begin(), ports.end());
  ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
  return ports;
}

Result<PortSpec> ParsePortSpec(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != ' ' && c != '\t') compact.push_back(c);
  }
  PortSpec spec;
  std::string tcp, udp;
  std::string* into = &tcp;
  std::string_view rest = compact;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    if (item.size() >= 2 && item[1] == ':') {
      char proto = static_cast<char>(item[0] | 0x20);
      if (proto != 't' && proto != 'u') {
        return BadPort(item, "the protocol prefix is T: or U:");
      }
      into = proto == 't' ? &tcp : &udp;
      item.remove_prefix(2);
    }
    if (item.empty()) return BadPort(compact, "empty item between commas");
    if (!into->empty()) into->push_back(',');
    into->append(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
    if (rest.empty()) return BadPort(compact, "empty item after a comma");
  }
  if (tcp.empty() && udp.empty()) return BadPort(text, "empty list");
  if (!tcp.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(spec.tcp, ParsePortList(tcp));
  }
  if (!udp.empty()) {
    AMTSCOPE_ASSIGN_OR_RETURN(spec.udp, ParsePortList(udp));
  }
  return spec;
}

std::string FormatPortSpec(const PortSpec& spec) {
  if (spec.udp.empty()) return FormatPortList(spec.tcp);
  std::string out;
  if (!spec.tcp.empty()) out = "T:" + FormatPortList(spec.tcp) + ",";
  return out + "U:" + FormatPortList(spec.udp);
}

std::string FormatPortList(const std::vector<uint16_t>& ports) {
  std::string out;
  for (size_t i = 0; i < ports.size();) {
    size_t j = i;
    while (j + 1 < ports.size() && ports[j + 1] == ports[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += std::to_string(ports[i]);
    if (j > i) out += fmt::format("-{}", ports[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace amtscope
