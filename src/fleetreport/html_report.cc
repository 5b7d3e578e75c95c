// The HTML report: one self-contained page (docs/report.md, "HTML"). Every
// peer-supplied string goes through XmlEscape; nothing refers to anything
// outside the file except the advisory links a reader may click.
#include <fmt/format.h>

#include <algorithm>

#include "core/text_escape.h"
#include "fleetreport/formats.h"
#include "fleetreport/html_style.h"
#include "fleetreport/svg_chart.h"

namespace amtscope {

namespace {

std::string E(std::string_view s) { return XmlEscape(s); }

// 20200 -> "20,200": the cards and the headline are read, not parsed.
std::string N(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

const char* VerdictClass(ScanVerdict v) {
  switch (v) {
    case ScanVerdict::kVulnerable:
      return "V";
    case ScanVerdict::kUnknown:
      return "U";
    case ScanVerdict::kNotVulnerable:
      return "N";
    case ScanVerdict::kNotAmt:
      break;
  }
  return "X";
}

std::string Card(const char* id, const char* cls, const std::string& num,
                 const char* label, const std::string& sub) {
  return fmt::format(
      "<div class=\"card {}\" id=\"{}\"><span class=\"num\">{}</span>"
      "<span class=\"lbl\">{}</span><span class=\"sub\">{}</span></div>\n",
      cls, id, num, label, sub);
}

std::string Header(const Fleet& f, const FleetSummary& s,
                   const std::vector<VerdictCounts>& nets,
                   const ReportContext& c) {
  std::string scope = "No scans recorded.";
  if (!f.scans.empty()) {
    scope = fmt::format("{} scan{}, #{} ({}) to #{} ({}).", f.scans.size(),
                        f.scans.size() == 1 ? "" : "s", f.scans.front().scan.id,
                        ShortUtc(f.scans.front().scan.start),
                        f.scans.back().scan.id,
                        ShortUtc(f.scans.back().scan.start));
  }
  if (!f.query.site.empty()) scope += " Site: " + E(f.query.site) + ".";
  if (f.query.scan_id != 0)
    scope += fmt::format(" As seen by scan #{}.", f.query.scan_id);
  std::string headline =
      s.amt == 0
          ? "No Intel AMT device was seen."
          : fmt::format(
                "<strong>{} of {} AMT device{} {} vulnerable now</strong> "
                "({:.0f}%); {} unknown, {} not vulnerable.",
                N(s.vulnerable), N(s.amt), s.amt == 1 ? "" : "s",
                s.vulnerable == 1 ? "is" : "are",
                100.0 * static_cast<double>(s.vulnerable) / s.amt, N(s.unknown),
                N(s.not_vulnerable));
  if (!nets.empty() && nets.front().vulnerable > 0) {
    headline +=
        fmt::format(" Most exposed: <strong>{}</strong> ({} vulnerable)",
                    E(nets.front().label), N(nets.front().vulnerable));
    headline += nets.size() > 1 && nets[1].vulnerable > 0
                    ? fmt::format(", then {} ({}).", E(nets[1].label),
                                  N(nets[1].vulnerable))
                    : ".";
  }
  return fmt::format(
      "<header><h1>Intel AMT exposure report</h1>\n"
      "<p class=\"meta\">Generated {} UTC by {} from <code>{}</code>. {}</p>\n"
      "<p class=\"verdict-line\" id=\"headline\">{}</p></header>\n",
      ShortUtc(c.generated), E(c.tool_version), E(f.inventory), scope,
      headline);
}

std::string Cards(const FleetSummary& s) {
  std::string added = s.added ? N(*s.added) : "–";
  return "<section class=\"cards\" aria-label=\"Summary\">\n" +
         Card("card-amt", "c-amt", N(s.amt), "AMT devices seen",
              fmt::format("of {} devices in the inventory", N(s.devices))) +
         Card("card-vuln", "c-vuln", N(s.vulnerable), "Vulnerable now",
              fmt::format("{} unknown, {} not vulnerable", N(s.unknown),
                          N(s.not_vulnerable))) +
         Card("card-fixed", "c-fixed", N(s.fixed), "Fixed since the first scan",
              "were vulnerable, are not any more") +
         Card("card-new", "c-new", added, "New since the last scan",
              s.added ? "AMT devices first seen in the newest scan"
                      : "needs two scans") +
         "</section>\n";
}

std::string Legend() {
  return "<ul class=\"legend\" aria-hidden=\"true\"><li class=\"v\">"
         "vulnerable</li><li class=\"u\">unknown</li><li class=\"n\">not "
         "vulnerable</li></ul>\n";
}

std::string Charts(const Fleet& f, const std::vector<VerdictCounts>& nets) {
  std::string out = "<section id=\"trend\"><h2>Trend over the scans</h2>\n";
  out += f.scans.empty()
             ? "<p class=\"note\">No scans.</p>"
             : Legend() +
                   TrendLines({"chart-trend", "AMT devices per scan by verdict",
                               "Scan (oldest left)", "AMT devices"},
                              f.scans) +
                   "<p class=\"note\">Each scan's AMT devices (a device with "
                   "several ports counted once, by its worst port).</p>";
  out +=
      "</section>\n<div class=\"grid2\"><section id=\"firmware\">"
      "<h2>Firmware lines</h2>\n" +
      StackedColumns(
          {"chart-firmware", "AMT devices per firmware line by verdict",
           "Firmware line", "AMT devices"},
          ByFirmwareLine(f)) +
      "</section>\n<section id=\"networks\"><h2>Exposure by network</h2>\n";
  std::vector<VerdictCounts> top(
      nets.begin(), nets.begin() + std::min<size_t>(nets.size(), 12));
  out += nets.empty() ? "<p class=\"note\">No AMT devices.</p>"
                      : StackedRows({"chart-networks",
                                     "AMT devices per network, most "
                                     "vulnerable first",
                                     "AMT devices", ""},
                                    top);
  if (nets.size() > top.size())
    out += fmt::format(
        "<p class=\"note\">The {} networks with the most vulnerable devices; "
        "all {} are in the table below.</p>",
        top.size(), nets.size());
  return out + "</section></div>\n";
}

std::string NetworkTable(const std::vector<VerdictCounts>& nets) {
  if (nets.empty()) return "";
  std::string out =
      "<details id=\"network-table\"><summary>All networks (" +
      std::to_string(nets.size()) +
      ")</summary><table><thead><tr><th>Network (site or /24)</th><th "
      "class=\"num\">Vulnerable</th><th class=\"num\">Unknown</th><th "
      "class=\"num\">Not vulnerable</th><th class=\"num\">AMT "
      "devices</th></tr></thead><tbody>\n";
  for (const VerdictCounts& n : nets) {
    out += fmt::format(
        "<tr><td>{}<td class=\"num\">{}<td class=\"num\">{}<td "
        "class=\"num\">{}<td class=\"num\">{}\n",
        E(n.label), n.vulnerable, n.unknown, n.not_vulnerable, n.total());
  }
  return out + "</tbody></table></details>\n";
}

std::string Advisories(const Fleet& f, const ReportContext& c) {
  std::vector<AdvisoryCount> counts = ByAdvisory(f, *c.advisories);
  std::string out = "<section id=\"advisories\"><h2>Advisories</h2>\n";
  if (counts.empty())
    return out +
           "<p class=\"note\">No advisory applies to any device seen.</p>"
           "</section>\n";
  std::vector<VerdictCounts> bars;
  bars.reserve(counts.size());
  for (const AdvisoryCount& a : counts) bars.push_back(a.devices);
  out += Legend();
  out += StackedRows(
      {"chart-advisories", "AMT devices each advisory applies to, by verdict",
       "AMT devices whose firmware version it affects", ""},
      bars);
  out +=
      "<table id=\"advisory-table\"><thead><tr><th>Advisory</th><th>CVE</th>"
      "<th class=\"num\">CVSS</th><th class=\"num\">Devices</th><th "
      "class=\"num\">Vulnerable</th><th>Fixed "
      "(as Intel states it)</th></tr></thead><tbody>\n";
  for (const AdvisoryCount& a : counts) {
    std::string cves, cvss, fixed;
    if (a.advisory != nullptr) {
      for (const std::string& cve : a.advisory->cves)
        cves += (cves.empty() ? "" : ", ") + E(cve);
      cvss =
          a.advisory->cvss > 0 ? fmt::format("{:.1f}", a.advisory->cvss) : "–";
      fixed = E(a.advisory->fixed_as_stated);
    }
    out += fmt::format(
        "<tr><td><a href=\"{}\">{}</a>{}<td>{}<td class=\"num\">{}<td "
        "class=\"num\">{}<td class=\"num\">{}<td>{}\n",
        E(AdvisoryUrl(a.id)), E(a.id),
        a.advisory ? "<br>" + E(a.advisory->title) : "", cves, cvss,
        a.devices.total(), a.devices.vulnerable, fixed);
  }
  return out + "</tbody></table></section>\n";
}

std::vector<const FleetDevice*> SeverityOrder(const Fleet& f) {
  std::vector<const FleetDevice*> out;
  out.reserve(f.devices.size());
  for (const FleetDevice& d : f.devices) out.push_back(&d);
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return VerdictSeverity(a->device.verdict) >
           VerdictSeverity(b->device.verdict);
  });
  return out;
}

// Rows leave out closing tags (valid HTML) to keep 20,000 devices small.
std::string DeviceRow(const FleetDevice& fd, const ReportContext& c) {
  const Device& d = fd.device;
  static const Finding kNone;
  const Finding& f = fd.ports.empty() ? kNone : fd.ports.front().finding;
  return fmt::format(
      "<tr><td>{}<td>{}<td>{}<td>{}<td>{}<td>{}<td class={}>{}<td>{}<td>{}"
      "<td>{}<td>{}<td>{}<td>{}\n",
      d.id, E(d.ip), PortsText(fd), E(TlsText(fd)), E(d.product), E(d.version),
      VerdictClass(d.verdict), ToString(d.verdict),
      fd.ports.empty() ? "" : ToString(f.basis), E(EvidenceText(f)),
      ShortUtc(d.first_seen), ShortUtc(d.last_seen), E(NetworkOf(d)),
      E(FixText(f, *c.advisories)));
}

// Column widths shared by the header table and every chunk (fixed layout,
// so the chunks' columns line up without measuring their cells).
constexpr const char* kDeviceCols =
    "<colgroup><col style=\"width:4%\"><col style=\"width:11%\">"
    "<col style=\"width:6%\"><col style=\"width:5%\">"
    "<col style=\"width:5%\"><col style=\"width:9%\">"
    "<col style=\"width:9%\"><col style=\"width:6%\">"
    "<col style=\"width:14%\"><col style=\"width:7%\">"
    "<col style=\"width:7%\"><col style=\"width:7%\">"
    "<col style=\"width:10%\"></colgroup>";

// The table is cut into chunks of kChunkRows rows, each its own fixed-layout
// table in a `content-visibility: auto` box: Chromium lays out only the
// chunks on screen, so 20,000 devices open fast; without JavaScript every
// row is still there, in severity order.
constexpr size_t kChunkRows = 200;

std::string ChunkOpen(size_t rows) {
  return fmt::format(
      "<div class=\"devchunk\" style=\"contain-intrinsic-size:auto {}px\">"
      "<table>{}<tbody>\n",
      rows * 40, kDeviceCols);
}

std::string DeviceTable(const Fleet& f, const ReportContext& c) {
  std::string out = fmt::format(
      "<section id=\"devices\"><h2>Devices ({})</h2>\n"
      "<p class=\"note\">One row per device of <code>amtscope inventory "
      "devices --json</code>, most severe first. Evidence: which request got "
      "which HTTP status on the device's worst port.</p>\n"
      "<div class=\"controls\" id=\"controls\" hidden><label>Filter "
      "<input id=\"q\" type=\"search\" placeholder=\"address, version, "
      "network…\"></label><label>Verdict <select id=\"vf\"><option "
      "value=\"\">all</option><option>vulnerable</option><option>unknown"
      "</option><option>not-vulnerable</option><option>not-amt</option>"
      "</select></label><span id=\"shown\" aria-live=\"polite\"></span>"
      "</div>\n<div id=\"devtable\" data-verdict-col=\"6\" "
      "data-chunk=\"{}\"><div class=\"devhead\"><table>{}<thead><tr>"
      "<th>ID</th><th>Address</th><th>Ports</th><th>TLS</th><th>Product</th>"
      "<th>Version</th><th>Verdict</th><th>Basis</th><th>Evidence</th>"
      "<th>First seen</th><th>Last seen</th><th>Network</th><th>Fix</th></tr>"
      "</thead></table></div>\n",
      f.devices.size(), kChunkRows, kDeviceCols);
  out.reserve(out.size() + f.devices.size() * 230);
  std::vector<const FleetDevice*> order = SeverityOrder(f);
  for (size_t i = 0; i < order.size(); ++i) {
    if (i % kChunkRows == 0) {
      if (i != 0) out += "</tbody></table></div>\n";
      out += ChunkOpen(std::min(kChunkRows, order.size() - i));
    }
    out += DeviceRow(*order[i], c);
  }
  if (!order.empty()) out += "</tbody></table></div>\n";
  return out + "</div></section>\n";
}

std::string Machines(const Fleet& f, const ReportContext& c) {
  if (f.machines.empty()) return "";
  std::string out =
      "<section id=\"machines\"><h2>Machines checked locally</h2>\n"
      "<table id=\"machine-table\"><thead><tr><th>Host</th><th>Vendor</th>"
      "<th>Model</th><th>ME version</th><th>SKU</th><th>Provisioning</th>"
      "<th>Vulnerable to</th><th>Vendor fix</th><th>Checked</th></tr>"
      "</thead><tbody>\n";
  for (const MachineRecord& m : f.machines) {
    std::string vuln;
    for (const std::string& id : MachineVulnerable(m))
      vuln += (vuln.empty() ? "" : ", ") + E(id);
    out += fmt::format(
        "<tr><td>{}<td>{}<td>{}<td>{}<td>{}<td>{}<td>{}<td>{}<td>{}\n",
        E(m.hostname), E(m.vendor), E(m.model), E(m.me_version), E(m.sku),
        E(m.provisioning), vuln,
        c.vendors ? E(VendorFixText(m, *c.vendors)) : "", ShortUtc(m.time));
  }
  return out + "</tbody></table></section>\n";
}

std::string Duration(const ScanRecord& s) {
  if (s.end == TimePoint{}) return "";
  auto sec =
      std::chrono::duration_cast<std::chrono::seconds>(s.end - s.start).count();
  return sec < 120 ? fmt::format("{} s", sec)
                   : fmt::format("{} min", (sec + 30) / 60);
}

std::string Scans(const Fleet& f) {
  std::string out =
      "<section id=\"scans\"><h2>Scans included</h2>\n<table "
      "id=\"scan-table\"><thead><tr><th>Scan</th><th>Started</th>"
      "<th>Took</th><th>Status</th><th>Source</th><th>Site</th><th>Command "
      "line</th><th class=\"num\">Vulnerable</th><th class=\"num\">Unknown"
      "</th><th class=\"num\">Not vulnerable</th></tr></thead><tbody>\n";
  for (auto it = f.scans.rbegin(); it != f.scans.rend(); ++it) {
    const ScanRecord& s = it->scan;
    out += fmt::format(
        "<tr><td>#{}<td>{}<td>{}<td>{}<td>{}<td>{}<td><code>{}</code><td "
        "class=\"num\">{}<td class=\"num\">{}<td class=\"num\">{}\n",
        s.id, ShortUtc(s.start), Duration(s), ToString(s.status), E(s.source),
        E(s.site), E(s.command_line), it->vulnerable, it->unknown,
        it->not_vulnerable);
  }
  return out + "</tbody></table></section>\n";
}

std::string Footer() {
  return "<footer><h2>How to read this report</h2><p class=\"note\">"
         "<b>Vulnerable</b>: the AMT web server accepted an empty Digest "
         "response and refused a wrong one (CVE-2017-5689, basis "
         "<i>bypass</i>), or its firmware version lies in an advisory's "
         "affected range (basis <i>version</i>). <b>Unknown</b>: AMT, but "
         "the evidence does not decide. <b>Fixed</b>: seen vulnerable once, "
         "not vulnerable (or no longer AMT) later. Every count comes from "
         "the device list <code>amtscope inventory devices --json</code> "
         "prints; the trend counts each scan's own observations.</p>"
         "</footer>\n";
}

}  // namespace

std::string HtmlReport(const Fleet& f, const ReportContext& c) {
  FleetSummary s = Summarize(f);
  std::vector<VerdictCounts> nets = ByNetwork(f);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
      "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
      "<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\">"
      "<title>Intel AMT exposure report</title><style>";
  out += kReportCss;
  out += "</style></head><body>\n" + Header(f, s, nets, c) + "<main>\n" +
         Cards(s) + Charts(f, nets) + NetworkTable(nets) + Advisories(f, c) +
         DeviceTable(f, c) + Machines(f, c) + Scans(f) + "</main>\n" +
         Footer() + "<script>" + kReportJs + "</script>\n</body></html>\n";
  return out;
}

}  // namespace amtscope
