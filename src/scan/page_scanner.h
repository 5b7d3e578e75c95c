// PageScanner: finds AMT markers and the firmware build in a streamed body.
#ifndef AMTSCOPE_SCAN_PAGE_SCANNER_H_
#define AMTSCOPE_SCAN_PAGE_SCANNER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "net/http_response.h"

namespace amtscope {

/// Scans body bytes as they arrive, with constant memory (a KMP state per
/// needle and one small capture buffer), for:
///  - markers of an authenticated AMT page (docs/protocol.md §2.6:
///    "System Status", "Computer model", "Active Management Technology", ...)
///  - a SOAP envelope (a WS-Man answer, §2.7)
///  - the web UI footer "firmware version: X.Y.Z-build NNNN" (§2.6) and a
///    WS-Man `VersionString` (§2.7), captured as text.
class PageScanner : public BodySink {
 public:
  void OnBody(std::string_view bytes) override;

  /// An authenticated AMT/ISM/SBT HTML page marker was seen.
  bool amt_page() const { return amt_page_; }
  /// A SOAP 1.2 envelope was seen.
  bool soap() const { return soap_; }
  /// Text after "firmware version:" ("9.5.35-build 1862"), "" when absent.
  const std::string& footer_version() const { return footer_; }
  /// First WS-Man VersionString value, "" when absent.
  const std::string& wsman_version() const { return wsman_version_; }

 private:
  enum Needle : uint8_t {
    kAmt,
    kIsm,
    kSbt,
    kSystemStatus,
    kComputerModel,
    kHardwareInfo,
    kSoapEnvelope,
    kFooter,
    kVersionString,
    kNeedleCount
  };
  void OnMatch(int needle);
  void Capture(char c);

  std::array<uint8_t, kNeedleCount> pos_{};
  uint16_t partial_ = 0;  // bit n: needle n is partly matched (pos_[n] > 0)
  int capturing_ = -1;    // needle whose value is being captured, or -1
  std::string capture_;
  std::string footer_;
  std::string wsman_version_;
  bool amt_page_ = false;
  bool soap_ = false;
};

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_PAGE_SCANNER_H_
