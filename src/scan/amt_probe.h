// AmtProbe: everything the scanner does to one open ip:port.
#ifndef AMTSCOPE_SCAN_AMT_PROBE_H_
#define AMTSCOPE_SCAN_AMT_PROBE_H_

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "net/http_response.h"
#include "net/tls_client.h"
#include "scan/amt_requests.h"

namespace amtscope {

class PacketTrace;
class ProbeRegistry;

/// One (address, port) to probe; `position` is its place in the scan order.
struct ProbeTarget {
  boost::asio::ip::address address;
  uint16_t port = 0;
  uint64_t position = 0;
};

/// How to probe.
struct ProbeSettings {
  std::chrono::milliseconds timeout{2000};  // connect, TLS, each response
  int retries = 1;                          // extra connects after a timeout
  std::chrono::milliseconds deadline{0};    // whole probe; 0: derived
  bool passive = false;                     // no Digest requests
  bool tls = false;                         // speak TLS (16993/664)
  HttpLimits limits;
  PacketTrace* trace = nullptr;  // --packet-trace: exchanges as text; null off

  /// The whole-probe deadline: `deadline`, or enough for every step.
  std::chrono::milliseconds EffectiveDeadline() const;
};

/// Whether the port answered at all.
enum class Reach : uint8_t {
  kOpen,
  kClosed,
  kFiltered,
  kUnreachable,
  kCancelled
};

/// What one probe observed; DecideFinding() turns it into a Finding.
struct ProbeEvidence {
  Reach reach = Reach::kFiltered;
  bool tls = false;
  std::string tls_version;
  std::string cert_sha256;  // of the first handshake's certificate
  int first_status = 0;     // status of the unauthenticated request
  std::string server;       // Server header
  std::string challenge;    // raw WWW-Authenticate (Digest preferred)
  std::string realm;        // parsed from the challenge
  AmtResource resource = AmtResource::kIndex;  // where the check ran
  bool web_ui_disabled = false;                // /index.htm answered 404
  int bypass_status = 0;                       // 0 = not sent
  bool bypass_marker = false;  // AMT page / SOAP envelope in the 200 body
  std::string page_version;    // footer "9.5.35-build 1862" or WS-Man text
  int control_status = 0;      // 0 = not sent
  int requests = 0;            // HTTP requests sent (never more than 4)
  int tls_handshakes = 0;      // completed TLS handshakes
  int tls_resumed = 0;         // of which resumed an earlier session
  std::string error;           // "" or a short code ("timeout", "tls", ...)
};

/// Probes one target: connect (with retries on timeout), TLS when asked,
/// GET /index.htm (POST /wsman when the web UI answers 404), and unless
/// passive the empty-response Digest request plus a wrong-response control
/// (docs/protocol.md §1.4, §7). At most four requests. When `connected`
/// is an open socket to the target, the first connection uses it.
boost::asio::awaitable<ProbeEvidence> RunAmtProbe(
    ProbeTarget target, const ProbeSettings& settings, TlsClientContexts* tls,
    ProbeRegistry* registry, boost::asio::ip::tcp::socket* connected = nullptr);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_AMT_PROBE_H_
