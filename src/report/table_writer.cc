// The default output: aligned columns a person reads on a terminal, printed
// as findings arrive, and a one-line summary at the end.
#include <fmt/format.h>

#include "report/text_escape.h"
#include "report/writers.h"

namespace amtscope {

namespace {

// Fixed widths keep the columns aligned while streaming; a longer value
// (an IPv6 address) pushes its row rather than being cut.
constexpr const char* kRowFormat =
    "{:<15} {:>5} {:<7} {:<7} {:<13} {:<14} {:<7} {:<18} {}";

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
      : out_(out), reason_(options.reason) {}
  Status Begin(const ScanInfo& info) override {
    start_ = info.start;
    return Line(fmt::format(kRowFormat, "IP", "PORT", "TLS", "PRODUCT",
                            "VERSION", "VERDICT", "BASIS", "ADVISORIES",
                            WithReason(reason_, "REASON", "NOTE")));
  }
  Status Record(const Finding& f) override {
    std::string tls = !f.tls                  ? "-"
                      : f.tls_version.empty() ? "yes"
                                              : f.tls_version;
    std::string version = f.version.known() ? f.version.ToString() : "-";
    std::string advisories = Advisories(f.advisories);
    return Line(fmt::format(
        kRowFormat, PrintableLine(f.ip), f.port, PrintableLine(tls),
        f.product.empty() ? "-" : PrintableLine(f.product), version,
        ToString(f.verdict), ToString(f.basis), PrintableLine(advisories),
        WithReason(reason_, PrintableLine(ReasonCode(f)), Note(f))));
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
  std::ostream& out_;
  bool reason_ = false;
  std::chrono::system_clock::time_point start_;
};

}  // namespace

std::unique_ptr<OutputWriter> MakeTableWriter(std::ostream& out,
                                              WriterOptions options) {
  return std::make_unique<TableWriter>(out, options);
}

}  // namespace amtscope
