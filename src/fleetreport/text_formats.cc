// Markdown, SARIF 2.1.0 and CSV reports (docs/report.md), and the format
// choice by name or file extension.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/strings.h"
#include "core/text_escape.h"
#include "fleetreport/formats.h"
#include "inventory/identity.h"

namespace amtscope {

namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kMarkdownDevices = 50;
constexpr size_t kMarkdownNetworks = 10;

// Markdown table cell: one line, nothing that starts markup.
std::string Md(std::string_view text) {
  std::string out;
  for (char c : PrintableLine(text)) {
    if (std::string_view("\\|*_[]<>`#").find(c) != std::string_view::npos)
      out += '\\';
    out += c;
  }
  return out;
}

// Spreadsheets run cells starting with = + - @ as formulas; a site label or
// anything a peer sent gets a leading apostrophe, as scan's CSV does
// (OWASP "CSV injection").
std::string Defused(const std::string& s) {
  if (!s.empty() && std::string_view("=+-@").find(s[0]) != std::string::npos)
    return "'" + s;
  return s;
}

uint64_t Fnv1a(std::string_view text, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string VersionLine(const std::string& version) {
  auto v = FirmwareVersion::Parse(version);
  return v.ok() && v->known() ? fmt::format("{}.{}", v->major(), v->minor())
                              : "";
}

std::string MarkdownCounts(const Fleet& f, const FleetSummary& s) {
  std::string out = fmt::format(
      "| | |\n|---|---:|\n| AMT devices seen | {} (of {} devices) |\n"
      "| **Vulnerable now** | **{}** |\n| Unknown | {} |\n"
      "| Not vulnerable | {} |\n| Fixed since the first scan | {} |\n"
      "| New since the last scan | {} |\n| Scans | {} |\n\n",
      s.amt, s.devices, s.vulnerable, s.unknown, s.not_vulnerable, s.fixed,
      s.added ? std::to_string(*s.added) : "– (needs two scans)",
      f.scans.size());
  return out;
}

std::string MarkdownNetworks(const Fleet& f) {
  std::vector<VerdictCounts> nets = ByNetwork(f);
  if (nets.empty()) return "";
  std::string out = fmt::format(
      "## Top networks\n\n| Network | Vulnerable | Unknown | Not vulnerable "
      "| AMT devices |\n|---|---:|---:|---:|---:|\n");
  for (size_t i = 0; i < nets.size() && i < kMarkdownNetworks; ++i) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", Md(nets[i].label),
                       nets[i].vulnerable, nets[i].unknown,
                       nets[i].not_vulnerable, nets[i].total());
  }
  if (nets.size() > kMarkdownNetworks)
    out +=
        fmt::format("\n{} more networks.\n", nets.size() - kMarkdownNetworks);
  return out + "\n";
}

std::string MarkdownDevices(const Fleet& f, const FleetSummary& s,
                            const ReportContext& c) {
  std::string out = fmt::format("## Vulnerable devices ({})\n\n", s.vulnerable);
  if (s.vulnerable == 0) return out + "None.\n";
  out +=
      "| Address | Ports | Version | Basis | Fix | Last seen | Network |\n"
      "|---|---|---|---|---|---|---|\n";
  size_t shown = 0;
  for (const FleetDevice& d : f.devices) {
    if (d.device.verdict != ScanVerdict::kVulnerable) continue;
    if (shown++ == kMarkdownDevices) break;
    const Finding* fi = d.ports.empty() ? nullptr : &d.ports.front().finding;
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n",
                       Md(d.device.ip), PortsText(d), Md(d.device.version),
                       fi ? ToString(fi->basis) : "",
                       fi ? Md(FixText(*fi, *c.advisories)) : "",
                       ShortUtc(d.device.last_seen), Md(NetworkOf(d.device)));
  }
  if (s.vulnerable > kMarkdownDevices)
    out += fmt::format(
        "\n…and {} more: `amtscope inventory devices --vulnerable`.\n",
        s.vulnerable - kMarkdownDevices);
  return out;
}

Json SarifRule(const Advisory& a) {
  std::string cves = Join(a.cves, ", ");
  return {{"id", a.id},
          {"name", a.id},
          {"shortDescription", {{"text", a.title}}},
          {"fullDescription", {{"text", a.summary}}},
          {"helpUri", AdvisoryUrl(a.id)},
          {"help",
           {{"text", fmt::format("{} ({}). Fixed: {}", a.title, cves,
                                 a.fixed_as_stated)}}},
          {"defaultConfiguration", {{"level", "error"}}},
          {"properties",
           {{"cves", a.cves},
            {"security-severity", fmt::format("{:.1f}", a.cvss)},
            {"tags", Json::array({"security", "intel-amt"})}}}};
}

int RuleIndex(const AdvisoryDb& db, std::string_view id) {
  const Advisory* a = db.Find(id);
  if (a == nullptr) return -1;
  return static_cast<int>(a - db.advisories().data());
}

Json SarifResult(const FleetDevice& d, const Observation& o,
                 const ReportContext& c) {
  const Finding& f = o.finding;
  std::string rule =
      f.advisories.empty() ? "INTEL-SA-00075" : f.advisories.front();
  const Advisory* a = c.advisories->Find(rule);
  if (a != nullptr) rule = a->id;
  bool vuln = f.verdict == ScanVerdict::kVulnerable;
  std::string fix = FixText(f, *c.advisories);
  std::string text = fmt::format(
      "Intel AMT {} at {}:{} is {} ({}: {}).{}",
      f.version.known() ? f.version.ToString() : "(version unknown)", f.ip,
      f.port, ToString(f.verdict), ToString(f.basis), ReasonCode(f),
      vuln && !fix.empty() ? " Fix: " + fix + "." : "");
  Json result = {
      {"ruleId", rule},
      {"level", vuln ? "error" : "note"},
      {"message", {{"text", PrintableLine(text)}}},
      {"locations", Json::array({{{"physicalLocation",
                                   {{"artifactLocation", {{"uri", PortUri(f)}}},
                                    {"region", {{"startLine", 1}}}}}}})},
      {"partialFingerprints",
       {{"amtscopeDevicePort/v1", DeviceFingerprint(d.device, f.port)}}},
      {"properties",
       {{"device", d.device.id},
        {"verdict", ToString(f.verdict)},
        {"basis", ToString(f.basis)},
        {"version", f.version.ToString()},
        {"advisories", f.advisories},
        {"evidence", PrintableLine(EvidenceText(f))},
        {"last_seen", Rfc3339(d.device.last_seen)}}}};
  if (int i = RuleIndex(*c.advisories, rule); i >= 0) result["ruleIndex"] = i;
  return result;
}

Json SarifInvocation(const Fleet& f) {
  Json inv = {{"executionSuccessful", true}};
  if (f.scans.empty()) return inv;
  const ScanRecord& s = f.scans.back().scan;
  inv["commandLine"] = PrintableLine(s.command_line);
  inv["startTimeUtc"] = Rfc3339(s.start);
  if (s.end != TimePoint{}) inv["endTimeUtc"] = Rfc3339(s.end);
  return inv;
}

}  // namespace

std::string DeviceFingerprint(const Device& d, uint16_t port) {
  std::string identity;
  if (!d.cert_sha256.empty()) {
    identity = "cert:" + d.cert_sha256;
  } else if (!IsGenericRealm(d.realm)) {
    identity = fmt::format("realm:{}|{}|{}", d.realm, d.product,
                           VersionLine(d.version));
  } else {
    identity = "addr:" + d.ip;
  }
  identity += fmt::format("|port:{}", port);
  return fmt::format("{:016x}{:016x}", Fnv1a(identity, 0xcbf29ce484222325ULL),
                     Fnv1a(identity, 0x84222325cbf29ce4ULL));
}

Result<ReportFormat> ParseReportFormat(std::string_view name) {
  std::string n = Lower(name);
  if (n == "html" || n == "htm") return ReportFormat::kHtml;
  if (n == "md" || n == "markdown") return ReportFormat::kMarkdown;
  if (n == "sarif") return ReportFormat::kSarif;
  if (n == "csv") return ReportFormat::kCsv;
  return Status::InvalidArgument(
      fmt::format("unknown report format '{}'", PrintableLine(name)),
      "use --format html, md, sarif or csv");
}

Result<ReportFormat> ReportFormatForPath(std::string_view path) {
  std::string p = Lower(path);
  if (p.ends_with(".sarif.json")) return ReportFormat::kSarif;
  size_t dot = p.rfind('.');
  size_t slash = p.rfind('/');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
    auto f = ParseReportFormat(std::string_view(p).substr(dot + 1));
    if (f.ok()) return f;
  }
  return Status::InvalidArgument(
      fmt::format("cannot tell the report format from '{}'",
                  PrintableLine(path)),
      "name it .html, .md, .sarif or .csv, or give --format html|md|sarif|csv");
}

std::string MarkdownReport(const Fleet& f, const ReportContext& c) {
  FleetSummary s = Summarize(f);
  std::string scope = f.scans.empty()
                          ? "no scans"
                          : fmt::format("{} scan(s), #{} ({}) to #{} ({})",
                                        f.scans.size(), f.scans.front().scan.id,
                                        ShortUtc(f.scans.front().scan.start),
                                        f.scans.back().scan.id,
                                        ShortUtc(f.scans.back().scan.start));
  if (!f.query.site.empty()) scope += ", site " + Md(f.query.site);
  return fmt::format("# Intel AMT exposure report\n\n{} UTC, {}; {}.\n\n",
                     ShortUtc(c.generated), Md(c.tool_version), scope) +
         MarkdownCounts(f, s) + MarkdownNetworks(f) + MarkdownDevices(f, s, c);
}

std::string SarifReport(const Fleet& f, const ReportContext& c) {
  Json rules = Json::array();
  for (const Advisory& a : c.advisories->advisories())
    rules.push_back(SarifRule(a));
  Json results = Json::array();
  for (const FleetDevice& d : f.devices) {
    for (const Observation& o : d.ports) {
      ScanVerdict v = o.finding.verdict;
      if (v == ScanVerdict::kVulnerable || v == ScanVerdict::kUnknown)
        results.push_back(SarifResult(d, o, c));
    }
  }
  Json run = {{"tool",
               {{"driver",
                 {{"name", "amtscope"},
                  {"fullName", PrintableLine(c.tool_version)},
                  {"rules", rules}}}}},
              {"invocations", Json::array({SarifInvocation(f)})},
              {"results", results},
              {"columnKind", "unicodeCodePoints"}};
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string CsvReport(const Fleet& f, const ReportContext& c) {
  std::string out =
      "device,ip,port,ports,tls,product,version,verdict,basis,evidence,"
      "first_seen,last_seen,first_vulnerable,first_fixed,network,site,"
      "advisories,fix\r\n";
  for (const FleetDevice& d : f.devices) {
    static const Finding kNone;
    const Finding& fi = d.ports.empty() ? kNone : d.ports.front().finding;
    const Device& v = d.device;
    auto t = [](const std::optional<TimePoint>& p) {
      return p ? Rfc3339(*p) : std::string();
    };
    std::vector<std::string> cells = {
        std::to_string(v.id),
        v.ip,
        std::to_string(v.port),
        PortsText(d),
        TlsText(d),
        v.product,
        v.version,
        std::string(ToString(v.verdict)),
        d.ports.empty() ? "" : std::string(ToString(fi.basis)),
        EvidenceText(fi),
        Rfc3339(v.first_seen),
        Rfc3339(v.last_seen),
        t(v.first_vulnerable),
        t(v.first_fixed),
        NetworkOf(v),
        v.site,
        Join(fi.advisories, " "),
        FixText(fi, *c.advisories)};
    std::string row;
    for (const std::string& cell : cells)
      row += (row.empty() ? "" : ",") + CsvField(Defused(cell));
    out += row + "\r\n";
  }
  return out;
}

std::string RenderReport(ReportFormat format, const Fleet& f,
                         const ReportContext& c) {
  switch (format) {
    case ReportFormat::kHtml:
      return HtmlReport(f, c);
    case ReportFormat::kMarkdown:
      return MarkdownReport(f, c);
    case ReportFormat::kSarif:
      return SarifReport(f, c);
    case ReportFormat::kCsv:
      break;
  }
  return CsvReport(f, c);
}

}  // namespace amtscope
