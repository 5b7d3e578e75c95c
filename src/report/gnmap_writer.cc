// nmap's greppable output (-oG): one "Host: ... Status: Up" and one
// "Host: ... Ports: ..." line per address, between "#" comment lines, so
// `grep 16992/open` and the usual awk one-liners work on it. Like the XML
// writer it groups ports by host at End.
#include <fmt/format.h>

#include <algorithm>

#include "amt/web.h"
#include "core/text_escape.h"
#include "net/port_list.h"
#include "report/host_order.h"
#include "report/writers.h"

namespace amtscope {

namespace {

// Fields are separated by '/' and ports by ", " (nmap writes '|' for '/').
std::string Field(std::string_view text) {
  std::string out = PrintableLine(text);
  std::replace(out.begin(), out.end(), '/', '|');
  std::replace(out.begin(), out.end(), ',', ';');
  return out;
}

// port/state/protocol/owner/service/rpc/version/
std::string PortField(const Finding& f) {
  std::string service = std::string(f.tls ? "ssl|" : "") +
                        std::string(ServiceName(f.port, f.tls));
  std::string version;
  if (f.amt) {
    version = f.product == "ism"   ? "Intel Standard Manageability"
              : f.product == "sbt" ? "Intel Small Business Technology"
                                   : "Intel Active Management Technology";
    if (f.version.known()) version += " " + f.version.ToString();
  } else if (!f.server.empty()) {
    version = f.server;
  }
  version += fmt::format(" (CVE-2017-5689: {})", ToString(f.verdict));
  if (f.proto == "udp") service = "asf-rmcp";
  return fmt::format("{}/open/{}//{}//{}/", f.port,
                     f.proto == "udp" ? "udp" : "tcp", service, Field(version));
}

class GnmapWriter : public OutputWriter {
 public:
  GnmapWriter(std::ostream& out, WriterOptions options)
      : out_(out), options_(options) {}

  Status Begin(const ScanInfo& info) override {
    info_ = info;
    if (options_.append) return Status::Ok();
    out_ << fmt::format("# amtscope {} scan initiated {} as: {}\n",
                        AMTSCOPE_VERSION, CtimeUtc(info.start),
                        PrintableLine(info.command_line));
    return Flush();
  }

  Status Record(const Finding& finding) override {
    findings_.push_back(finding);
    return Status::Ok();
  }

  Status End(const RunStats& stats) override {
    SortByHost(&findings_);
    auto hosts = HostRanges(findings_);
    for (auto [begin, end] : hosts) {
      std::string ip = PrintableLine(findings_[begin].ip);
      std::string ports;
      for (size_t i = begin; i < end; ++i) {
        ports += (i == begin ? "" : ", ") + PortField(findings_[i]);
      }
      out_ << fmt::format("Host: {} ()\tStatus: Up\nHost: {} ()\tPorts: {}\n",
                          ip, ip, ports);
    }
    uint64_t up = hosts.size();
    uint64_t total = AddressesScanned(info_, stats, up);
    double elapsed = std::max(
        0.0, std::chrono::duration<double>(stats.end - info_.start).count());
    if (stats.interrupted) out_ << "# interrupted; continue with --resume\n";
    out_ << fmt::format(
        "# amtscope done at {} -- {} IP address{} ({} host{} up) scanned in "
        "{:.2f} seconds\n",
        CtimeUtc(stats.end), total, total == 1 ? "" : "es", up,
        up == 1 ? "" : "s", elapsed);
    return Flush();
  }

 private:
  Status Flush() {
    out_.flush();
    return out_ ? Status::Ok()
                : Status::IoError("cannot write greppable output");
  }

  std::ostream& out_;
  WriterOptions options_;
  ScanInfo info_;
  std::vector<Finding> findings_;
};

}  // namespace

std::unique_ptr<OutputWriter> MakeGnmapWriter(std::ostream& out,
                                              WriterOptions options) {
  return std::make_unique<GnmapWriter>(out, options);
}

}  // namespace amtscope
