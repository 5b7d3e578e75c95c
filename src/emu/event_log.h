// EventLog: the honeypot record. One NDJSON line per connection and per
// request, written by one writer under a lock so lines never interleave,
// plus counters by classification.
#ifndef AMTSCOPE_EMU_EVENT_LOG_H_
#define AMTSCOPE_EMU_EVENT_LOG_H_

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/mutex.h"
#include "core/result.h"
#include "emu/digest_auth.h"

namespace amtscope::emu {

/// How a request looks from the defender's side.
enum class Classification { kScan, kLoginAttempt, kBypassAttempt, kMalformed };
std::string_view ToString(Classification c);

/// Bypass form (empty/short response) → bypass-attempt; any other
/// Authorization → login-attempt; unparseable → malformed; none → scan.
Classification Classify(const AuthResult& auth);

/// Endpoints of one TCP connection.
struct ConnectionInfo {
  std::string remote_addr;
  uint16_t remote_port = 0;
  std::string local_addr;
  uint16_t local_port = 0;
  bool tls = false;
};

/// What was asked and answered.
struct RequestInfo {
  std::string method;
  std::string path;
  std::string user_agent;
  const AuthResult* auth = nullptr;  // may be null for malformed requests
  Classification classification = Classification::kScan;
  int status = 0;      // HTTP status sent, 0 = none (connection dropped)
  std::string detail;  // e.g. parse error for malformed requests
};

/// Plain counters, readable while the emulator runs.
struct EventCounters {
  uint64_t connections = 0;
  uint64_t port_probes = 0;  // closed or reset before any request (nmap -sT)
  uint64_t tls_errors = 0;   // TLS handshakes that failed (not port probes)
  uint64_t rejected_connections = 0;  // over the connection cap
  uint64_t requests = 0;  // = scan + login_attempt + bypass_attempt + malformed
  uint64_t scan = 0;
  uint64_t login_attempt = 0;
  uint64_t bypass_attempt = 0;
  uint64_t malformed = 0;
  uint64_t auth_password = 0;  // admitted with the right password
  uint64_t auth_bypass = 0;    // admitted through the flaw
  // Beyond HTTP (issue 15): UDP 623 datagrams and redirection connections.
  uint64_t rmcp_ping = 0;          // RMCP/ASF presence pings
  uint64_t rmcp_other = 0;         // other datagrams on the RMCP port
  uint64_t redirection_start = 0;  // StartRedirectionSession (SOL/IDER/KVM)
  uint64_t redirection_other = 0;  // anything else sent to 16994/16995
};

class EventLog {
 public:
  /// `path`: "" = counters only, "-" = stdout, else a file (appended).
  static Result<std::unique_ptr<EventLog>> Open(const std::string& path);
  ~EventLog();

  /// `event`: "connect", "probe" (closed before any request: a port probe,
  /// classed scan) or "tls-error" (classed malformed).
  void RecordConnection(const ConnectionInfo& conn, std::string_view event,
                        std::string_view detail = {});
  void RecordRejected(const ConnectionInfo& conn);
  /// A probe of the RMCP port (`event` "rmcp", `classification`
  /// "rmcp-ping"/"rmcp-other") or of a redirection port ("redirection",
  /// "redirection-start"/"redirection-other"); `detail` says what was sent
  /// and answered.
  void RecordProbe(const ConnectionInfo& conn, std::string_view event,
                   std::string_view classification, std::string_view detail);
  void RecordRequest(const ConnectionInfo& conn, const RequestInfo& req);
  /// Flushes buffered lines to the file.
  void Flush();
  /// Flushes, then opens the log path again for appending (logrotate); OK
  /// and nothing done for stdout or no log. On failure the old file stays.
  Status Reopen();
  EventCounters counters() const;
  /// "connections: N (port probes P, TLS errors T, rejected over limit R);
  /// requests: M (scan A, login-attempt B, bypass-attempt C, malformed D)
  /// ..."; the request breakdown adds up to M.
  std::string Summary() const;

 private:
  EventLog() = default;
  void WriteLine(const std::string& line);

  Mutex mu_;
  std::string path_;
  std::FILE* file_ GUARDED_BY(mu_) = nullptr;  // Reopen swaps it (SIGHUP)
  bool enabled_ = false;  // a log was asked for; fixed once opened
  bool owns_file_ = false;
  std::atomic<uint64_t> connections_{0}, probes_{0}, tls_errors_{0},
      rejected_{0}, requests_{0}, scan_{0}, login_{0}, bypass_{0},
      malformed_{0}, auth_password_{0}, auth_bypass_{0}, rmcp_ping_{0},
      rmcp_other_{0}, redir_start_{0}, redir_other_{0};
};

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_EVENT_LOG_H_
