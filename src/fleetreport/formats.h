// `amtscope report` formats (issue 13): one self-contained HTML page, a short
// Markdown summary, SARIF 2.1.0 and the device table as CSV. Pure functions
// of a Fleet; docs/report.md describes each.
#ifndef AMTSCOPE_FLEETREPORT_FORMATS_H_
#define AMTSCOPE_FLEETREPORT_FORMATS_H_

#include <string>
#include <string_view>

#include "core/result.h"
#include "fleetreport/fleet.h"
#include "fleetreport/report_data.h"

namespace amtscope {

enum class ReportFormat { kHtml, kMarkdown, kSarif, kCsv };

/// "html", "md" (or "markdown"), "sarif", "csv"; InvalidArgument otherwise.
Result<ReportFormat> ParseReportFormat(std::string_view name);
/// The format a file name's extension names (.html/.htm, .md, .sarif or
/// .sarif.json, .csv); InvalidArgument with a --format hint otherwise.
Result<ReportFormat> ReportFormatForPath(std::string_view path);

/// One HTML document: inline CSS, inline SVG, a little inline JavaScript,
/// no external resource of any kind.
std::string HtmlReport(const Fleet& fleet, const ReportContext& context);
/// Counts, top networks, vulnerable devices (the first 50, then a count).
std::string MarkdownReport(const Fleet& fleet, const ReportContext& context);
/// SARIF 2.1.0: a rule per advisory, a result per vulnerable or unknown
/// device port, fingerprinted by the device identity.
std::string SarifReport(const Fleet& fleet, const ReportContext& context);
/// The device table, one row per device (RFC 4180).
std::string CsvReport(const Fleet& fleet, const ReportContext& context);
/// The chosen format.
std::string RenderReport(ReportFormat format, const Fleet& fleet,
                         const ReportContext& context);

/// The SARIF partial fingerprint of one device port: a hash of the device's
/// identity (certificate, else non-generic realm + product + version line,
/// else address) and the port, the same across scans and addresses.
std::string DeviceFingerprint(const Device& device, uint16_t port);

}  // namespace amtscope

#endif  // AMTSCOPE_FLEETREPORT_FORMATS_H_
