// Does the local AMT web server answer on 127.0.0.1:16992 (through LMS),
// and what does its Server header say (docs/protocol.md §2.1,
// docs/local-detection.md §1.5)?
#ifndef AMTSCOPE_LOCAL_LOCAL_WEB_H_
#define AMTSCOPE_LOCAL_LOCAL_WEB_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/firmware_version.h"

namespace amtscope {

struct WebProbeResult {
  bool answered = false;  // an HTTP response came back
  int status = 0;         // HTTP status code
  std::string server;     // Server header value, "" when absent
  bool amt = false;       // the Server header names AMT/ISM/SBT
  std::string product;    // "amt", "ism", "sbt", "" when not AMT
  std::optional<FirmwareVersion>
      version;           // from the header; nullopt for bare "AMT"
  std::string error;     // "connection refused", "timeout", ... when !answered
  std::string source;    // "http://127.0.0.1:16992/" or the capture file
  std::string raw_head;  // status line + headers as received (for --capture)
};

/// Parses an HTTP response head (status line + headers) into `out`.
/// Returns false when it is not HTTP.
bool ParseHttpHead(std::string_view head, WebProbeResult* out);

/// The probe's request: `GET / HTTP/1.1` with Host, closing the connection.
std::string WebProbeRequest(std::string_view host, int port);

/// Fills `out` from the bytes received (the head up to the blank line);
/// error "timeout" when nothing came, "not HTTP" for anything else.
void FinishWebProbe(const std::string& data, WebProbeResult* out);

/// Side effect interface so tests inject answers.
class WebProbe {
 public:
  virtual ~WebProbe() = default;
  virtual WebProbeResult Probe() = 0;
};

/// A real `GET / HTTP/1.1` to host:port with a deadline for the whole
/// exchange. Loopback only by construction of its callers. Implemented per
/// platform: local_web_linux.cc (poll), local_web_windows.cc (Winsock).
class HttpWebProbe : public WebProbe {
 public:
  HttpWebProbe(
      std::string host = "127.0.0.1", int port = 16992,
      std::chrono::milliseconds timeout = std::chrono::milliseconds(700))
      : host_(std::move(host)), port_(port), timeout_(timeout) {}
  WebProbeResult Probe() override;

 private:
  std::string host_;
  int port_;
  std::chrono::milliseconds timeout_;
};

/// The file a captured tree keeps the probe's response head in.
inline constexpr std::string_view kWebCaptureFile = "amtscope-web.txt";

}  // namespace amtscope

#endif  // AMTSCOPE_LOCAL_LOCAL_WEB_H_
