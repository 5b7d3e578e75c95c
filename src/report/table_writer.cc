// The default output: aligned columns a person reads on a terminal, printed
// as findings arrive, and a one-line summary at the end.
#include <fmt/format.h>

#include <array>

#include "core/text_escape.h"
#include "report/writers.h"

namespace amtscope {

namespace {

// Fixed widths keep the columns aligned while streaming; a longer value
// (an IPv6 address) pushes its row rather than being cut. The verdict cell
// comes padded already, so colour codes do not count towards its width.
constexpr const char* kPrefixFormat =
    "{:<15} {:>5} {:<7} {:<7} {:<13} {} {:<7} {:<18} ";
constexpr size_t kVerdictWidth = 14;
constexpr std::string_view kBoldRed = "\x1b[1;31m";
constexpr std::string_view kReset = "\x1b[0m";

// The first advisory and how many more ("INTEL-SA-00075 +2"): a list of
// eleven pushed the note off the screen; NDJSON, CSV and XML carry them all.
std::string Advisories(const std::vector<std::string>& items) {
  if (items.empty()) return "-";
  if (items.size() == 1) return items.front();
  return fmt::format("{} +{}", items.front(), items.size() - 1);
}

std::string Note(const Finding& f) {
  std::string note =
      f.error.empty() ? f.reason : "[" + f.error + "] " + f.reason;
  if (note.empty() && !f.amt && !f.server.empty()) note = "Server: " + f.server;
  return PrintableLine(note);
}

// The REASON column (--reason) sits before NOTE, padded like the others.
std::string WithReason(bool reason, std::string_view code,
                       std::string_view note) {
  if (!reason) return std::string(note);
  return fmt::format("{:<33} {}", code, note);
}

class TableWriter : public OutputWriter {
 public:
  TableWriter(std::ostream& out, WriterOptions options)
      : out_(out), options_(options) {}
  Status Begin(const ScanInfo& info) override {
    start_ = info.start;
    return Row({"IP", "PORT", "TLS", "PRODUCT", "VERSION", "VERDICT", "BASIS",
                "ADVISORIES", WithReason(options_.reason, "REASON", "NOTE")});
  }
  Status Record(const Finding& f) override {
    std::string tls = !f.tls                  ? "-"
                      : f.tls_version.empty() ? "yes"
                                              : f.tls_version;
    return Row(
        {PrintableLine(f.ip),
         std::to_string(f.port) + (f.proto == "udp" ? "/udp" : ""),
         PrintableLine(tls), f.product.empty() ? "-" : PrintableLine(f.product),
         f.version.known() ? f.version.ToString() : "-",
         std::string(ToString(f.verdict)), std::string(ToString(f.basis)),
         PrintableLine(Advisories(f.advisories)),
         WithReason(options_.reason, PrintableLine(ReasonCode(f)), Note(f))});
  }
  Status End(const RunStats& stats) override {
    double secs = std::chrono::duration<double>(stats.end - start_).count();
    std::string summary = fmt::format(
        "{}: {} address:port probe{} in {:.1f} s; {} open port{}, {} AMT, {} "
        "vulnerable.",
        stats.interrupted ? "Interrupted" : "Done", stats.targets_done,
        stats.targets_done == 1 ? "" : "s", secs < 0 ? 0.0 : secs,
        stats.open_ports, stats.open_ports == 1 ? "" : "s", stats.amt_found,
        stats.vulnerable);
    return Line("\n" + summary);
  }

 private:
  Status Line(const std::string& line) {
    out_ << line << '\n';
    out_.flush();
    return out_ ? Status::Ok()
                : Status::IoError("cannot write the results table");
  }
  // ip, port, tls, product, version, verdict, basis, advisories, note.
  using Cells = std::array<std::string, 9>;

  // One line: `vulnerable` coloured and the note cut to the width when the
  // options say so.
  Status Row(const Cells& c) {
    std::string verdict = fmt::format("{:<{}}", c[5], kVerdictWidth);
    std::string prefix = fmt::format(kPrefixFormat, c[0], c[1], c[2], c[3],
                                     c[4], verdict, c[6], c[7]);
    std::string note = c[8];
    if (options_.width > 0) {
      size_t used = DisplayWidth(prefix);
      size_t width = static_cast<size_t>(options_.width);
      note = CutToWidth(note, used < width ? width - used : 1);
    }
    if (options_.color && c[5] == ToString(ScanVerdict::kVulnerable)) {
      prefix = fmt::format(kPrefixFormat, c[0], c[1], c[2], c[3], c[4],
                           fmt::format("{}{}{}{}", kBoldRed, c[5], kReset,
                                       verdict.substr(c[5].size())),
                           c[6], c[7]);
    }
    return Line(prefix + note);
  }

  std::ostream& out_;
  WriterOptions options_;
  std::chrono::system_clock::time_point start_;
};

}  // namespace

std::unique_ptr<OutputWriter> MakeTableWriter(std::ostream& out,
                                              WriterOptions options) {
  return std::make_unique<TableWriter>(out, options);
}

}  // namespace amtscope
