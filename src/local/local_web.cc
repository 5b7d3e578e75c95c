#include "local/local_web.h"

#include <fmt/format.h>

#include "amt/banner.h"
#include "net/http_response.h"

namespace amtscope {

namespace {

// The product and version come from the one banner table (amt/banner.h);
// a bare "AMT" carries no version.
void ClassifyServer(WebProbeResult* out) {
  Banner banner = ParseServerBanner(out->server);
  out->amt = banner.amt;
  out->product = banner.product;
  if (banner.version.known()) out->version = banner.version;
}

}  // namespace

bool ParseHttpHead(std::string_view head, WebProbeResult* out) {
  // The same bounded parser as the scanner's; the head is stored without its
  // blank line (kWebCaptureFile), so the end of the headers is added back.
  HttpResponseReader reader;
  reader.Reset();
  reader.Feed(head);
  reader.Feed("\r\n\r\n");
  if (!reader.headers_done()) return false;
  out->answered = true;
  out->status = reader.status();
  out->server = reader.server();
  ClassifyServer(out);
  return true;
}

std::string WebProbeRequest(std::string_view host, int port) {
  return fmt::format(
      "GET / HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: "
      "amtscope-check\r\nConnection: close\r\n\r\n",
      host, port);
}

void FinishWebProbe(const std::string& data, WebProbeResult* out) {
  out->raw_head = data.substr(0, data.find("\r\n\r\n"));
  if (!ParseHttpHead(out->raw_head, out))
    out->error = data.empty() ? "timeout" : "not HTTP";
}

}  // namespace amtscope
