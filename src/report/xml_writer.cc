// nmap-compatible XML (docs/conventions.md §2a "Minimal nmap XML" and the
// importer rules listed there). Findings arrive per port in random order, so
// they are kept (memory: one Finding per open port) and written at End as one
// <host> per address, sorted: nmap never repeats a host and ndiff keys hosts
// by address. End is always called, also on interruption, so the document is
// always closed.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "amt/product.h"
#include "amt/web.h"
#include "core/text_escape.h"
#include "net/port_list.h"
#include "report/host_order.h"
#include "report/nmap_vuln.h"
#include "report/writers.h"

namespace amtscope {

namespace {

std::string_view NmapProduct(const std::string& product) {
  const AmtProduct* p = FindAmtProduct(product);
  return p == nullptr ? FindAmtProduct("amt")->nmap_name : p->nmap_name;
}

std::string ServiceElement(const Finding& f) {
  std::string out =
      fmt::format("<service name=\"{}\"",
                  f.proto == "udp" ? "asf-rmcp" : ServiceName(f.port, f.tls));
  if (f.amt) {
    out += fmt::format(" product=\"{}\"", XmlEscape(NmapProduct(f.product)));
    if (f.version.known())
      out += fmt::format(" version=\"{}\"", f.version.ToString());
  }
  if (f.tls) out += " tunnel=\"ssl\"";
  out +=
      f.amt ? " method=\"probed\" conf=\"10\"" : " method=\"table\" conf=\"3\"";
  if (!f.amt) return out + "/>";
  // nmap-service-probes' CPE for AMT (docs/protocol.md §2.11).
  std::string cpe = "cpe:/h:intel:active_management_technology";
  if (f.version.known()) cpe += ":" + f.version.ToString();
  return out + "><cpe>" + cpe + "</cpe></service>";
}

// nmap's reason= says why the port state was decided ("syn-ack"); with
// --reason it carries the verdict's ReasonCode instead (still CDATA).
std::string PortElement(const Finding& f, bool reason) {
  std::string out = fmt::format(
      "<port protocol=\"{}\" portid=\"{}\"><state state=\"open\" "
      "reason=\"{}\" reason_ttl=\"0\"/>{}",
      f.proto == "udp" ? "udp" : "tcp", f.port,
      reason             ? XmlEscape(ReasonCode(f))
      : f.proto == "udp" ? "udp-response"
                         : "syn-ack",
      ServiceElement(f));
  if (f.amt) {
    out += fmt::format("<script id=\"{}\" output=\"{}\">", kNmapScriptId,
                       XmlEscape(NmapScriptOutput(f)));
    out += NmapScriptTable(f) + "</script>";
  }
  return out + "</port>\n";
}

class XmlWriter : public OutputWriter {
 public:
  XmlWriter(std::ostream& out, WriterOptions options)
      : out_(out), options_(options) {}

  Status Begin(const ScanInfo& info) override {
    info_ = info;
    if (options_.append) return Status::Ok();
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE nmaprun>\n";
    out_ << fmt::format(
        "<nmaprun scanner=\"amtscope\" args=\"{}\" start=\"{}\" "
        "startstr=\"{}\" "
        "version=\"{}\" xmloutputversion=\"1.05\">\n",
        XmlEscape(info.command_line), UnixSeconds(info.start),
        CtimeUtc(info.start), AMTSCOPE_VERSION);
    out_ << fmt::format(
        "<scaninfo type=\"{}\" protocol=\"tcp\" numservices=\"{}\" "
        "services=\"{}\"/>\n",
        info.scan_type == "syn" ? "syn" : "connect", info.ports.size(),
        FormatPortList(info.ports));
    if (!info.udp_ports.empty()) {
      out_ << fmt::format(
          "<scaninfo type=\"udp\" protocol=\"udp\" numservices=\"{}\" "
          "services=\"{}\"/>\n",
          info.udp_ports.size(), FormatPortList(info.udp_ports));
    }
    out_ << "<verbose level=\"0\"/>\n<debugging level=\"0\"/>\n";
    return Flush();
  }

  Status Record(const Finding& finding) override {
    findings_.push_back(finding);
    return Status::Ok();
  }

  Status End(const RunStats& stats) override {
    SortByHost(&findings_);
    auto hosts = HostRanges(findings_);
    for (auto [begin, end] : hosts) WriteHost(begin, end);
    WriteRunstats(stats, hosts.size());
    return Flush();
  }

 private:
  void WriteHost(size_t begin, size_t end) {
    auto [first, last] = std::minmax_element(
        findings_.begin() + begin, findings_.begin() + end,
        [](const Finding& a, const Finding& b) { return a.time < b.time; });
    const std::string& ip = findings_[begin].ip;
    out_ << fmt::format(
        "<host starttime=\"{}\" endtime=\"{}\"><status state=\"up\" "
        "reason=\"syn-ack\" "
        "reason_ttl=\"0\"/>\n<address addr=\"{}\" "
        "addrtype=\"{}\"/>\n<hostnames/>\n<ports>",
        UnixSeconds(first->time), UnixSeconds(last->time), XmlEscape(ip),
        ip.find(':') == std::string::npos ? "ipv4" : "ipv6");
    for (size_t i = begin; i < end; ++i)
      out_ << PortElement(findings_[i], options_.reason);
    out_ << "</ports>\n</host>\n";
  }

  void WriteRunstats(const RunStats& stats, uint64_t up) {
    // nmap counts addresses, not address:port probes.
    uint64_t total = AddressesScanned(info_, stats, up);
    double elapsed = std::max(
        0.0, std::chrono::duration<double>(stats.end - info_.start).count());
    std::string summary = fmt::format(
        "amtscope done at {}; {} IP address{} ({} host{} up) scanned in {:.2f} "
        "seconds",
        CtimeUtc(stats.end), total, total == 1 ? "" : "es", up,
        up == 1 ? "" : "s", elapsed);
    std::string exit =
        stats.interrupted
            ? "exit=\"error\" errormsg=\"interrupted; continue with --resume\""
            : "exit=\"success\"";
    out_ << fmt::format(
        "<runstats><finished time=\"{}\" timestr=\"{}\" summary=\"{}\" "
        "elapsed=\"{:.2f}\" "
        "{}/><hosts up=\"{}\" down=\"{}\" "
        "total=\"{}\"/>\n</runstats>\n</nmaprun>\n",
        UnixSeconds(stats.end), CtimeUtc(stats.end), XmlEscape(summary),
        elapsed, exit, up, total - up, total);
  }

  Status Flush() {
    out_.flush();
    return out_ ? Status::Ok() : Status::IoError("cannot write XML output");
  }

  std::ostream& out_;
  WriterOptions options_;
  ScanInfo info_;
  std::vector<Finding> findings_;
};

}  // namespace

std::unique_ptr<OutputWriter> MakeXmlWriter(std::ostream& out,
                                            WriterOptions options) {
  return std::make_unique<XmlWriter>(out, options);
}

}  // namespace amtscope
