#include "report/nmap_vuln.h"

#include <vector>

#include "core/text_escape.h"

namespace amtscope {

namespace {

constexpr std::string_view kTitle =
    "Intel Active Management Technology INTEL-SA-00075 Authentication Bypass";
constexpr std::string_view kCvss = "10.0 (HIGH) (AV:N/AC:L/AU:N/C:C/I:C/A:C)";
// The script's Lua long string, trailing indentation included, as nmap keeps
// it.
constexpr std::string_view kDescription =
    "Intel Active Management Technology is vulnerable to an authentication "
    "bypass that\n"
    "can be exploited by performing digest authentication and sending a blank "
    "response\n"
    "digest parameter.\n    ";
const std::vector<std::string_view> kIds = {"CVE:CVE-2017-5689", "BID:98269"};
const std::vector<std::string_view> kRefs = {
    "https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2017-5689",
    // One URL split over two lines, not a missing comma.
    "https://security-center.intel.com/"  // NOLINT(bugprone-suspicious-missing-comma)
    "advisory.aspx?intelid=INTEL-SA-00075&languageid=en-fr",
    "https://www.securityfocus.com/bid/98269",
    "https://www.embedi.com/news/"
    "what-you-need-know-about-intel-amt-vulnerability",
    "https://www.embedi.com/files/white-papers/Silent-Bob-is-Silent.pdf",
    "https://www.tenable.com/blog/rediscovering-the-intel-amt-vulnerability",
};

bool NotVulnerable(const Finding& f) {
  return f.verdict == ScanVerdict::kNotVulnerable;
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  while (true) {
    size_t nl = text.find('\n');
    lines.emplace_back(text.substr(0, nl));
    if (nl == std::string_view::npos) return lines;
    text.remove_prefix(nl + 1);
  }
}

std::string Elem(std::string_view value, std::string_view key = {}) {
  std::string out =
      key.empty() ? "<elem>" : "<elem key=\"" + XmlEscape(key) + "\">";
  return out + XmlEscape(value) + "</elem>\n";
}

}  // namespace

std::string_view NmapVulnState(const Finding& f) {
  switch (f.verdict) {
    case ScanVerdict::kVulnerable:
      return f.basis == VerdictBasis::kBypass ? "VULNERABLE"
                                              : "LIKELY VULNERABLE";
    case ScanVerdict::kNotVulnerable:
      return "NOT VULNERABLE";
    default:
      return "UNKNOWN (unable to test)";
  }
}

std::string NmapScriptOutput(const Finding& f) {
  // format_vuln_base lines; make_output adds the group header and
  // stdnse.format_output indents every line by two spaces.
  std::vector<std::string> lines = {
      NotVulnerable(f) ? "NOT VULNERABLE:" : "VULNERABLE:", std::string(kTitle),
      "  State: " + std::string(NmapVulnState(f)),
      "  IDs:  " + std::string(kIds[0]) + "  " + std::string(kIds[1])};
  if (!NotVulnerable(f)) {
    lines.push_back("  Risk factor: High  CVSSv2: " + std::string(kCvss));
    for (const auto& line : SplitLines(kDescription))
      lines.push_back("    " + line);
    lines.push_back("  Disclosure date: 2017-05-01");
    if (!f.reason.empty()) {
      lines.push_back("  Check results:");
      lines.push_back("    " + PrintableLine(f.reason));
    }
  }
  lines.push_back("  References:");
  for (auto ref : kRefs) lines.push_back("    " + std::string(ref));
  std::string out = "\n";
  for (const auto& line : lines) out += "  " + line + "\n";
  return out;
}

std::string NmapScriptTable(const Finding& f) {
  std::string out = "<table key=\"CVE-2017-5689\">\n";
  out += Elem(kTitle, "title") + Elem(NmapVulnState(f), "state");
  out += "<table key=\"ids\">\n" + Elem(kIds[0]) + Elem(kIds[1]) + "</table>\n";
  if (!NotVulnerable(f)) {
    out += "<table key=\"scores\">\n" + Elem(kCvss, "CVSSv2") + "</table>\n";
    out += "<table key=\"description\">\n" + Elem(kDescription) + "</table>\n";
    out += "<table key=\"dates\">\n<table key=\"disclosure\">\n" +
           Elem("2017", "year") + Elem("05", "month") + Elem("01", "day") +
           "</table>\n</table>\n";
    out += Elem("2017-05-01", "disclosure");
    if (!f.reason.empty()) {
      out += "<table key=\"check_results\">\n" + Elem(PrintableLine(f.reason)) +
             "</table>\n";
    }
  }
  out += "<table key=\"refs\">\n";
  for (auto ref : kRefs) out += Elem(ref);
  out += "</table>\n</table>\n";
  // Issue 15's facts, as elements beside the vulnerability table.
  if (!f.provisioning.empty()) out += Elem(f.provisioning, "provisioning");
  if (f.redirection) {
    out += Elem(*f.redirection ? "true" : "false", "redirection");
  }
  for (const std::string& e : f.exposures) out += Elem(e, "exposure");
  return out;
}

}  // namespace amtscope
