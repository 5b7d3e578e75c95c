// Inline SVG charts for the HTML report: no script, no external resource;
// colours come from the page's CSS classes (.bar.v / .bar.u / .bar.n), so
// light, dark and print styles apply. Each chart has a <title>, axis labels
// and a <title> tooltip on every bar and point (docs/report.md, "HTML").
#ifndef AMTSCOPE_FLEETREPORT_SVG_CHART_H_
#define AMTSCOPE_FLEETREPORT_SVG_CHART_H_

#include <cstdint>
#include <string>
#include <vector>

#include "fleetreport/fleet.h"
#include "fleetreport/report_data.h"

namespace amtscope {

/// Labels of a chart: its title (for screen readers) and axis names.
struct ChartText {
  std::string id;  // element id, unique on the page
  std::string title;
  std::string x_label;
  std::string y_label;
};

/// Vertical bars, one per group, stacked vulnerable / unknown /
/// not-vulnerable; one <rect class="bar ..."> per non-zero segment.
std::string StackedColumns(const ChartText& text,
                           const std::vector<VerdictCounts>& groups);
/// Horizontal stacked bars, one row per group (for long labels: networks).
std::string StackedRows(const ChartText& text,
                        const std::vector<VerdictCounts>& groups);
/// Three lines (vulnerable, not vulnerable, unknown) over the scans, oldest
/// left; one <circle class="pt ..."> per scan and series.
std::string TrendLines(const ChartText& text,
                       const std::vector<ScanTally>& scans);
/// The largest value an axis shows: `max` rounded up to a multiple of the
/// tick step (1, 2 or 5 times a power of ten, about a quarter of `max`);
/// at least 1.
uint64_t NiceCeiling(uint64_t max);

}  // namespace amtscope

#endif  // AMTSCOPE_FLEETREPORT_SVG_CHART_H_
