// The nmap "vulns" library rendering of the CVE-2017-5689 result, so that
// tools reading nmap's own http-vuln-cve2017-5689 output read ours
// (docs/conventions.md §2a; docs/protocol.md §1.5; nselib/vulns.lua
// format_vuln_base and Report:make_output, checked against nmap 7.93 output).
#ifndef AMTSCOPE_REPORT_NMAP_VULN_H_
#define AMTSCOPE_REPORT_NMAP_VULN_H_

#include <string>
#include <string_view>

#include "model/finding.h"

namespace amtscope {

/// nmap's script id for this check.
inline constexpr std::string_view kNmapScriptId = "http-vuln-cve2017-5689";

/// The vulns.lua state text: "VULNERABLE" (bypass proven), "LIKELY
/// VULNERABLE" (version only), "NOT VULNERABLE", "UNKNOWN (unable to test)".
std::string_view NmapVulnState(const Finding& finding);

/// The script's output= text (unescaped, with newlines) as nmap prints it.
std::string NmapScriptOutput(const Finding& finding);

/// The structured <table key="CVE-2017-5689">...</table> element (escaped XML).
std::string NmapScriptTable(const Finding& finding);

}  // namespace amtscope

#endif  // AMTSCOPE_REPORT_NMAP_VULN_H_
