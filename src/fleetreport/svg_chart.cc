#include "fleetreport/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/text_escape.h"

namespace amtscope {

namespace {

constexpr double kWidth = 640;
constexpr double kLeft = 56;
constexpr double kRight = 14;
constexpr double kTop = 14;
constexpr double kBottom = 54;

struct Series {
  const char* cls;   // CSS class: v, u, n
  const char* name;  // as the tooltip says it
  uint64_t VerdictCounts::*count;
};

constexpr std::array<Series, 3> kSeries = {{
    {"v", "vulnerable", &VerdictCounts::vulnerable},
    {"u", "unknown", &VerdictCounts::unknown},
    {"n", "not vulnerable", &VerdictCounts::not_vulnerable},
}};

uint64_t NiceStep(uint64_t max) {
  uint64_t raw = std::max<uint64_t>(1, (max + 3) / 4);
  for (uint64_t p = 1;; p *= 10) {
    for (uint64_t m : {1, 2, 5}) {
      if (m * p >= raw) return m * p;
    }
  }
}

std::string Open(const ChartText& t, double height) {
  return fmt::format(
      "<svg id=\"{0}\" class=\"chart\" viewBox=\"0 0 {1} {2}\" role=\"img\" "
      "aria-labelledby=\"{0}-t\"><title id=\"{0}-t\">{3}</title>\n",
      t.id, kWidth, height, XmlEscape(t.title));
}

std::string AxisLabels(const ChartText& t, double height) {
  return fmt::format(
      "<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" "
      "text-anchor=\"middle\">{}</text>\n"
      "<text class=\"axis-label\" transform=\"translate(14 {:.1f}) "
      "rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
      kLeft + (kWidth - kLeft - kRight) / 2, height - 6, XmlEscape(t.x_label),
      kTop + (height - kTop - kBottom) / 2, XmlEscape(t.y_label));
}

// Horizontal grid lines and value labels for a vertical value axis.
std::string YGrid(uint64_t ceiling, uint64_t step, double plot_h) {
  std::string out;
  for (uint64_t v = 0; v <= ceiling; v += step) {
    double y = kTop + plot_h - plot_h * static_cast<double>(v) / ceiling;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}"
        "</text>\n",
        kLeft, kWidth - kRight, y, y, kLeft - 6, y + 4, v);
  }
  return out;
}

uint64_t MaxTotal(const std::vector<VerdictCounts>& groups) {
  uint64_t max = 0;
  for (const VerdictCounts& g : groups) max = std::max(max, g.total());
  return max;
}

}  // namespace

uint64_t NiceCeiling(uint64_t max) {
  uint64_t step = NiceStep(max);
  return std::max<uint64_t>(step, (max + step - 1) / step * step);
}

std::string StackedColumns(const ChartText& t,
                           const std::vector<VerdictCounts>& groups) {
  const double height = 280;
  const double plot_h = height - kTop - kBottom;
  const double band =
      (kWidth - kLeft - kRight) / std::max<size_t>(1, groups.size());
  uint64_t ceiling = NiceCeiling(MaxTotal(groups));
  std::string out =
      Open(t, height) + YGrid(ceiling, NiceStep(MaxTotal(groups)), plot_h);
  for (size_t i = 0; i < groups.size(); ++i) {
    const VerdictCounts& g = groups[i];
    double x = kLeft + band * i + band * 0.2;
    double y = kTop + plot_h;
    for (const Series& s : kSeries) {
      uint64_t n = g.*s.count;
      if (n == 0) continue;
      double h = plot_h * static_cast<double>(n) / ceiling;
      y -= h;
      out += fmt::format(
          "<rect class=\"bar {}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
          "height=\"{:.1f}\"><title>{}: {} {}</title></rect>\n",
          s.cls, x, y, band * 0.6, h, XmlEscape(g.label), n, s.name);
    }
    double cx = kLeft + band * (i + 0.5);
    if (g.total() > 0)
      out += fmt::format(
          "<text class=\"val\" x=\"{:.1f}\" y=\"{:.1f}\" "
          "text-anchor=\"middle\">{}</text>",
          cx, y - 4, g.total());
    out += fmt::format(
        "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
        "text-anchor=\"middle\">{}</text>\n",
        cx, kTop + plot_h + 16, XmlEscape(g.label));
  }
  return out + AxisLabels(t, height) + "</svg>\n";
}

std::string StackedRows(const ChartText& t,
                        const std::vector<VerdictCounts>& groups) {
  const double row = 26;
  const double label_w = 170;
  const double height = kTop + row * std::max<size_t>(1, groups.size()) + 44;
  const double left = kLeft + label_w - 30;
  const double plot_w = kWidth - left - kRight - 30;
  uint64_t max = MaxTotal(groups);
  uint64_t ceiling = NiceCeiling(max);
  std::string out = Open(t, height);
  double bottom = height - 44;
  for (uint64_t v = 0; v <= ceiling; v += NiceStep(max)) {
    double x = left + plot_w * static_cast<double>(v) / ceiling;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" "
        "y2=\"{2}\"/><text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        x, kTop, bottom, bottom + 14, v);
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    const VerdictCounts& g = groups[i];
    double y = kTop + row * i + 4;
    double x = left;
    out += fmt::format(
        "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" "
        "text-anchor=\"end\">{}</text>",
        left - 6, y + 13, XmlEscape(CutToWidth(g.label, 26)));
    for (const Series& s : kSeries) {
      uint64_t n = g.*s.count;
      if (n == 0) continue;
      double w = plot_w * static_cast<double>(n) / ceiling;
      out += fmt::format(
          "<rect class=\"bar {}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
          "height=\"18\"><title>{}: {} {}</title></rect>",
          s.cls, x, y, w, XmlEscape(g.label), n, s.name);
      x += w;
    }
    out +=
        fmt::format("<text class=\"val\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
                    x + 4, y + 13, g.total());
  }
  ChartText labels = t;
  out += fmt::format(
      "<text class=\"axis-label\" x=\"{:.1f}\" y=\"{:.1f}\" "
      "text-anchor=\"middle\">{}</text>\n",
      left + plot_w / 2, height - 8, XmlEscape(labels.x_label));
  return out + "</svg>\n";
}

std::string TrendLines(const ChartText& t,
                       const std::vector<ScanTally>& scans) {
  const double height = 280;
  const double plot_h = height - kTop - kBottom;
  const double plot_w = kWidth - kLeft - kRight - 40;
  std::vector<VerdictCounts> points;
  points.reserve(scans.size());
  uint64_t max = 0;
  for (const ScanTally& s : scans) {
    points.push_back({"", s.vulnerable, s.not_vulnerable, s.unknown});
    max = std::max({max, s.vulnerable, s.not_vulnerable, s.unknown});
  }
  uint64_t ceiling = NiceCeiling(max);
  std::string out = Open(t, height) + YGrid(ceiling, NiceStep(max), plot_h);
  auto x_of = [&](size_t i) {
    return scans.size() == 1 ? kLeft + 20 + plot_w / 2
                             : kLeft + 20 + plot_w * i / (scans.size() - 1);
  };
  auto y_of = [&](uint64_t v) {
    return kTop + plot_h - plot_h * static_cast<double>(v) / ceiling;
  };
  size_t label_every = std::max<size_t>(1, (scans.size() + 9) / 10);
  for (size_t i = 0; i < scans.size(); ++i) {
    if (i % label_every != 0 && i + 1 != scans.size()) continue;
    out += fmt::format(
        "<text class=\"tick\" x=\"{0:.1f}\" y=\"{1:.1f}\" "
        "text-anchor=\"middle\">#{2}<tspan x=\"{0:.1f}\" dy=\"12\">{3}"
        "</tspan></text>\n",
        x_of(i), kTop + plot_h + 14, scans[i].scan.id,
        ShortUtc(scans[i].scan.start).substr(0, 10));
  }
  for (const Series& s : kSeries) {
    std::string line;
    std::string dots;
    for (size_t i = 0; i < points.size(); ++i) {
      uint64_t n = points[i].*s.count;
      line += fmt::format("{:.1f},{:.1f} ", x_of(i), y_of(n));
      dots += fmt::format(
          "<circle class=\"pt {}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\">"
          "<title>scan #{} ({}): {} {}</title></circle>\n",
          s.cls, x_of(i), y_of(n), scans[i].scan.id,
          ShortUtc(scans[i].scan.start), n, s.name);
    }
    out += fmt::format("<polyline class=\"line {}\" points=\"{}\"/>\n", s.cls,
                       line) +
           dots;
  }
  return out + AxisLabels(t, height) + "</svg>\n";
}

}  // namespace amtscope
