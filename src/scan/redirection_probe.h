// RedirectionProbe: the one StartRedirectionSession message to 16994 (plain)
// and 16995 (TLS) of each AMT address, and the reply it leaks (AMT major.
// minor, Intel's number) without credentials (docs/protocol.md §2.10,
// docs/scan.md "Protocols"). Never sends more than that one message.
#ifndef AMTSCOPE_SCAN_REDIRECTION_PROBE_H_
#define AMTSCOPE_SCAN_REDIRECTION_PROBE_H_

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "amt/redirection.h"
#include "net/tls_client.h"

namespace amtscope {

/// What one redirection port did.
enum class RedirectionState : uint8_t {
  kClosed,    // connection refused
  kSilent,    // no connection, or connected but no (complete) reply
  kAnswered,  // a reply arrived (AMT or not: see reply.amt)
};

struct RedirectionResult {
  boost::asio::ip::address address;
  uint16_t port = 0;
  bool tls = false;
  RedirectionState state = RedirectionState::kSilent;
  bool connected = false;   // the TCP connection was accepted
  RedirectionReply reply;   // meaningful when kAnswered
  std::string error;        // "timeout", "tls", "refused", ...
  std::string tls_version;  // "TLSv1.2" on 16995
};

struct RedirectionProbeSettings {
  std::chrono::milliseconds timeout{2000};  // connect + TLS + reply each
  size_t concurrency = 256;                 // connections in flight
  uint16_t plain_port = 16994;
  uint16_t tls_port = 16995;
};

/// Probes one redirection port: `out` holds the address, port and tls on
/// entry and the outcome on return.
boost::asio::awaitable<void> ProbeRedirectionPort(
    RedirectionResult& out, std::chrono::milliseconds timeout,
    TlsClientContexts& tls);

/// Probes both redirection ports of every address, in parallel on the
/// calling thread; one result per address and port, in input order.
std::vector<RedirectionResult> ProbeRedirection(
    const std::vector<boost::asio::ip::address>& addresses,
    const RedirectionProbeSettings& settings, TlsClientContexts& tls);

}  // namespace amtscope

#endif  // AMTSCOPE_SCAN_REDIRECTION_PROBE_H_
