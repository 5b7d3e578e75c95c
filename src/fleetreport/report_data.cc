#include "fleetreport/report_data.h"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <variant>

#include "core/strings.h"
#include "core/text_escape.h"

namespace amtscope {

namespace {

void Count(ScanVerdict v, VerdictCounts* c) {
  c->vulnerable += v == ScanVerdict::kVulnerable ? 1 : 0;
  c->not_vulnerable += v == ScanVerdict::kNotVulnerable ? 1 : 0;
  c->unknown += v == ScanVerdict::kUnknown ? 1 : 0;
}

std::string Subnet(const std::string& ip) {
  in_addr v4{};
  if (inet_pton(AF_INET, ip.c_str(), &v4) == 1) {
    uint32_t a = ntohl(v4.s_addr);
    return fmt::format("{}.{}.{}.0/24", a >> 24, (a >> 16) & 255,
                       (a >> 8) & 255);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, ip.c_str(), &v6) == 1) {
    std::fill(v6.s6_addr + 8, v6.s6_addr + 16, 0);
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, &v6, text, sizeof text);
    return std::string(text) + "/64";
  }
  return ip;  // not an address (never stored by a scan): its own group
}

// The first fixed build on `v`'s line, or why there is none.
std::variant<FirmwareVersion, std::string> RangeFix(const Advisory& a,
                                                    const FirmwareVersion& v) {
  for (const AffectedRange& r : a.ranges) {
    if (!v.known() || !r.ContainsLine(v)) continue;
    switch (r.status) {
      case RangeStatus::kFixed:
        if (r.fixed) return *r.fixed;
        break;
      case RangeStatus::kNoFix:
        return "no fix for " + r.lines;
      case RangeStatus::kFixUnknown:
        return std::string("fixed build unknown");
    }
  }
  return std::string("see the advisory");
}

std::string StatusPart(const char* what, int status) {
  return status == 0 ? "" : fmt::format("{} {}", what, status);
}

}  // namespace

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string NetworkOf(const Device& device) {
  return device.site.empty() ? Subnet(device.ip) : device.site;
}

std::vector<VerdictCounts> ByNetwork(const Fleet& fleet) {
  std::map<std::string, VerdictCounts> groups;
  for (const FleetDevice& fd : fleet.devices) {
    if (!IsAmtVerdict(fd.device.verdict)) continue;
    std::string key = NetworkOf(fd.device);
    VerdictCounts& c = groups[key];
    c.label = key;
    Count(fd.device.verdict, &c);
  }
  std::vector<VerdictCounts> out;
  out.reserve(groups.size());
  for (auto& [key, c] : groups) out.push_back(c);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.vulnerable != b.vulnerable) return a.vulnerable > b.vulnerable;
    return a.total() > b.total();
  });
  return out;
}

std::vector<VerdictCounts> ByFirmwareLine(const Fleet& fleet) {
  std::vector<VerdictCounts> out;
  for (int major = 6; major <= 16; ++major)
    out.push_back({fmt::format("{}.x", major)});
  VerdictCounts other{"other"};
  VerdictCounts unknown{"unknown"};
  for (const FleetDevice& fd : fleet.devices) {
    const Device& d = fd.device;
    if (!IsAmtVerdict(d.verdict)) continue;
    auto parsed = FirmwareVersion::Parse(d.version);
    FirmwareVersion v = parsed.ok() ? *parsed : FirmwareVersion();
    if (!v.known()) {
      Count(d.verdict, &unknown);
    } else if (v.major() >= 6 && v.major() <= 16) {
      Count(d.verdict, &out[v.major() - 6]);
    } else {
      Count(d.verdict, &other);
    }
  }
  if (other.total() > 0) out.push_back(other);
  if (unknown.total() > 0) out.push_back(unknown);
  return out;
}

std::vector<AdvisoryCount> ByAdvisory(const Fleet& fleet,
                                      const AdvisoryDb& db) {
  std::map<std::string, VerdictCounts> counts;  // canonical id -> devices
  for (const FleetDevice& fd : fleet.devices) {
    if (!IsAmtVerdict(fd.device.verdict) || fd.ports.empty()) continue;
    std::set<std::string> ids;
    for (const Observation& o : fd.ports) {
      for (const std::string& id : o.finding.advisories) {
        const Advisory* a = db.Find(id);
        ids.insert(a ? a->id : id);
      }
    }
    for (const std::string& id : ids) {
      counts[id].label = id;
      Count(fd.device.verdict, &counts[id]);
    }
  }
  std::vector<AdvisoryCount> out;
  for (const Advisory& a : db.advisories()) {
    auto it = counts.find(a.id);
    if (it == counts.end()) continue;
    out.push_back({&a, a.id, it->second});
    counts.erase(it);
  }
  for (const auto& [id, n] : counts) out.push_back({nullptr, id, n});
  return out;
}

std::string FixText(const Finding& f, const AdvisoryDb& db) {
  if (f.advisories.empty()) {
    return f.verdict == ScanVerdict::kVulnerable
               ? "update the ME firmware (INTEL-SA-00075)"
               : "";
  }
  std::optional<FirmwareVersion> newest;
  size_t fixed = 0;
  std::vector<std::string> open;
  for (const std::string& id : f.advisories) {
    const Advisory* a = db.Find(id);
    auto fix = a ? RangeFix(*a, f.version)
                 : std::variant<FirmwareVersion, std::string>("see advisory");
    if (const auto* v = std::get_if<FirmwareVersion>(&fix)) {
      ++fixed;
      if (!newest || newest->Compare(*v) == VersionOrder::kLess) newest = *v;
    } else {
      open.push_back(
          fmt::format("{}: {}", a ? a->id : id, std::get<std::string>(fix)));
    }
  }
  std::string text;
  if (newest) {
    text = newest->ToString() + " or later";
    if (f.advisories.size() > 1)
      text += fmt::format(" (fixes {} of {} advisories)", fixed,
                          f.advisories.size());
  }
  if (open.size() > 2) {
    open = {fmt::format("{} advisories without a fixed build on this line",
                        open.size())};
  }
  for (const std::string& o : open) text += (text.empty() ? "" : "; ") + o;
  return text;
}

std::string EvidenceText(const Finding& f) {
  std::vector<std::string> parts;
  for (std::string p : {StatusPart("no auth", f.first_status),
                        StatusPart("empty digest", f.bypass_status),
                        StatusPart("wrong digest", f.control_status)}) {
    if (!p.empty()) parts.push_back(std::move(p));
  }
  if (parts.empty()) return ReasonCode(f);
  std::string where = f.resource.empty() ? "" : f.resource + ": ";
  return where + Join(parts, ", ");
}

std::string PortsText(const FleetDevice& d) {
  std::vector<uint16_t> ports;
  ports.reserve(d.ports.size() + 1);
  for (const Observation& o : d.ports) ports.push_back(o.finding.port);
  if (ports.empty()) ports.push_back(d.device.port);
  std::sort(ports.begin(), ports.end());
  std::vector<std::string> text;
  text.reserve(ports.size());
  for (uint16_t p : ports) text.push_back(std::to_string(p));
  return Join(text, ", ");
}

std::string TlsText(const FleetDevice& d) {
  std::set<std::string> versions;
  for (const Observation& o : d.ports) {
    if (o.finding.tls)
      versions.insert(o.finding.tls_version.empty() ? "TLS"
                                                    : o.finding.tls_version);
  }
  return Join(std::vector<std::string>(versions.begin(), versions.end()), ", ");
}

std::string ShortUtc(TimePoint t) {
  if (t == TimePoint{}) return "";
  std::string s = Rfc3339(t);
  return s.size() >= 16 ? s.substr(0, 10) + " " + s.substr(11, 5) : s;
}

std::string PortUri(const Finding& f) {
  bool v6 = f.ip.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}/", f.tls ? "https" : "http", v6 ? "[" : "",
                     f.ip, v6 ? "]" : "", f.port);
}

std::string AdvisoryUrl(std::string_view id) {
  return "https://www.intel.com/content/www/us/en/security-center/advisory/" +
         Lower(id) + ".html";
}

std::vector<std::string> MachineVulnerable(const MachineRecord& m) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(m.verdicts, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_object() && v.value("verdict", "") == "vulnerable" &&
        v.contains("id") && v["id"].is_string())
      out.push_back(v["id"].get<std::string>());
  }
  return out;
}

std::string VendorFixText(const MachineRecord& m, const VendorDb& db) {
  if (m.vendor.empty() || m.model.empty()) return "";
  VendorLookup lookup = db.Lookup(m.vendor, m.model);
  std::vector<std::string> ids = MachineVulnerable(m);
  if (ids.empty()) ids.push_back("INTEL-SA-00075");
  std::vector<std::string> parts;
  for (const std::string& id : ids) {
    const VendorFix* fix = FixFor(lookup, id);
    if (fix == nullptr) continue;
    std::string what = fix->status;
    if (!fix->me_version.empty()) what += ", ME " + fix->me_version;
    if (!fix->bios_version.empty()) what += ", BIOS " + fix->bios_version;
    if (!fix->date.empty()) what += " (" + fix->date + ")";
    if (!fix->url.empty()) what += " " + fix->url;
    parts.push_back(fmt::format("{}: {}", fix->advisory, what));
  }
  return Join(parts, "; ");
}

}  // namespace amtscope
