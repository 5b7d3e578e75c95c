#include "emu/event_log.h"

#include <fmt/format.h>
#include <syslog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>

namespace amtscope::emu {
namespace {

using nlohmann::json;

std::string NowIso() {
  auto now = std::chrono::system_clock::now();
  std::time_t t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                now.time_since_epoch())
                .count() %
            1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, ms);
}

json Base(const ConnectionInfo& c, std::string_view event) {
  return json{{"time", NowIso()},
              {"event", event},
              {"remote_addr", c.remote_addr},
              {"remote_port", c.remote_port},
              {"local_addr", c.local_addr},
              {"local_port", c.local_port},
              {"tls", c.tls}};
}

json AuthJson(const AuthResult* auth) {
  if (auth == nullptr || auth->outcome == AuthOutcome::kNone) return nullptr;
  json j{{"scheme", auth->scheme}};
  if (auth->credentials) {
    const DigestCredentials& c = *auth->credentials;
    j["username"] = c.username;
    j["realm"] = c.realm;
    j["nonce"] = c.nonce;
    j["uri"] = c.uri;
    j["response"] = c.has_response ? json(c.response) : json(nullptr);
    j["qop"] = c.qop;
    j["nc"] = c.nc;
    j["cnonce"] = c.cnonce;
  }
  static constexpr const char* kOutcome[] = {"none", "malformed", "rejected",
                                             "password", "bypass"};
  j["outcome"] = kOutcome[static_cast<int>(auth->outcome)];
  return j;
}

std::string AlertLine(const AlertCounters& a) {
  return fmt::format(
      "; alerts: {} run, {} failed ({} timed out), {} dropped (rate limit or "
      "queue full)",
      a.run, a.failed, a.timed_out, a.dropped);
}

}  // namespace

std::string_view ToString(Classification c) {
  switch (c) {
    case Classification::kScan:
      return "scan";
    case Classification::kLoginAttempt:
      return "login-attempt";
    case Classification::kBypassAttempt:
      return "bypass-attempt";
    case Classification::kMalformed:
      return "malformed";
  }
  return "";
}

Classification Classify(const AuthResult& auth) {
  switch (auth.outcome) {
    case AuthOutcome::kNone:
      return Classification::kScan;
    case AuthOutcome::kMalformed:
      return auth.scheme.empty() || auth.scheme == "Digest"
                 ? Classification::kMalformed
                 : Classification::kLoginAttempt;
    default:
      return auth.bypass_form ? Classification::kBypassAttempt
                              : Classification::kLoginAttempt;
  }
}

namespace {

std::string HostName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
    return "unknown";
  return host;
}

int SyslogPriority(Classification c) {
  switch (c) {
    case Classification::kBypassAttempt:
      return LOG_WARNING;
    case Classification::kLoginAttempt:
      return LOG_NOTICE;
    default:
      return LOG_INFO;
  }
}

}  // namespace

Result<std::unique_ptr<EventLog>> EventLog::Open(const std::string& path) {
  return Open(EventLogOptions{.path = path});
}

Result<std::unique_ptr<EventLog>> EventLog::Open(
    const EventLogOptions& options) {
  const std::string& path = options.path;
  std::unique_ptr<EventLog> log(new EventLog());
  MutexLock lock(log->mu_);
  log->sensor_ = options.sensor.empty() ? HostName() : options.sensor;
  std::random_device rd;
  log->id_prefix_ = fmt::format("{:08x}{:08x}", rd(), rd());
  log->to_stdout_ = options.to_stdout && path != "-";
  log->syslog_ = options.syslog;
  if (log->syslog_)
    openlog("amtscope-emulate", LOG_PID | LOG_NDELAY, LOG_DAEMON);
  if (!options.alert.command.empty()) {
    log->alert_ = std::make_unique<AlertExec>(options.alert);
  }
  log->enabled_ = !path.empty() || log->to_stdout_ || log->syslog_ ||
                  log->alert_ != nullptr;
  if (path == "-") {
    log->file_ = stdout;
  } else if (!path.empty()) {
    log->file_ = std::fopen(path.c_str(), "a");
    if (log->file_ == nullptr) {
      return Status::InvalidArgument(
          fmt::format("cannot open log {}: {}", path, std::strerror(errno)),
          "check the directory exists and is writable");
    }
    log->owns_file_ = true;
    log->path_ = path;
  }
  return log;
}

Status EventLog::Reopen() {
  if (!owns_file_) return Status::Ok();
  MutexLock lock(mu_);
  std::fflush(file_);
  std::FILE* fresh = std::fopen(path_.c_str(), "a");
  if (fresh == nullptr) {
    return Status::IoError(
        fmt::format("cannot reopen log {}: {}", path_, std::strerror(errno)),
        "still writing to the old file; check the directory is writable");
  }
  std::fclose(file_);
  file_ = fresh;
  return Status::Ok();
}

EventLog::~EventLog() {
  alert_.reset();  // joins the worker first: it may still count
  Flush();
  MutexLock lock(mu_);
  if (owns_file_) std::fclose(file_);
  if (syslog_) closelog();
}

std::string EventLog::NextEventId() {
  return fmt::format("{}-{}", id_prefix_,
                     next_id_.fetch_add(1, std::memory_order_relaxed));
}

void EventLog::Emit(json& event, Classification classification) {
  event["sensor"] = sensor_;
  event["event_id"] = NextEventId();
  // dump() escapes control characters; replace invalid UTF-8 instead of
  // throwing.
  WriteLine(event.dump(-1, ' ', false, json::error_handler_t::replace),
            classification);
}

void EventLog::WriteLine(const std::string& line,
                         Classification classification) {
  if (!enabled_) return;
  {
    MutexLock lock(mu_);
    if (file_ != nullptr) {
      std::fwrite(line.data(), 1, line.size(), file_);
      std::fputc('\n', file_);
    }
    if (to_stdout_) {
      // journald reads stdout: each event at once, not at the next flush.
      std::fwrite(line.data(), 1, line.size(), stdout);
      std::fputc('\n', stdout);
      std::fflush(stdout);
    }
  }
  if (syslog_) syslog(SyslogPriority(classification), "%s", line.c_str());
  if (alert_ && classification == Classification::kBypassAttempt) {
    alert_->Submit(line);
  }
}

AlertCounters EventLog::alert_counters() const {
  return alert_ ? alert_->counters() : AlertCounters{};
}

void EventLog::Flush() {
  if (!enabled_) return;
  MutexLock lock(mu_);
  if (file_ != nullptr) std::fflush(file_);
}

void EventLog::RecordConnection(const ConnectionInfo& conn,
                                std::string_view event,
                                std::string_view detail) {
  if (event == "connect") connections_.fetch_add(1, std::memory_order_relaxed);
  if (event == "probe") probes_.fetch_add(1, std::memory_order_relaxed);
  if (event == "tls-error") tls_errors_.fetch_add(1, std::memory_order_relaxed);
  if (!enabled_) return;
  json j = Base(conn, event);
  bool malformed = event == "tls-error";
  j["classification"] = malformed ? "malformed" : "scan";
  if (!detail.empty()) j["detail"] = detail;
  Emit(j, malformed ? Classification::kMalformed : Classification::kScan);
}

void EventLog::RecordRejected(const ConnectionInfo& conn) {
  rejected_.fetch_add(1, std::memory_order_relaxed);
  if (!enabled_) return;
  json j = Base(conn, "rejected");
  j["classification"] = "scan";
  j["detail"] = "connection limit reached";
  Emit(j, Classification::kScan);
}

void EventLog::RecordProbe(const ConnectionInfo& conn, std::string_view event,
                           std::string_view classification,
                           std::string_view detail) {
  std::atomic<uint64_t>& counter = classification == "rmcp-ping" ? rmcp_ping_
                                   : classification == "redirection-start"
                                       ? redir_start_
                                   : event == "rmcp" ? rmcp_other_
                                                     : redir_other_;
  counter.fetch_add(1, std::memory_order_relaxed);
  if (!enabled_) return;
  json j = Base(conn, event);
  j["transport"] = event == "rmcp" ? "udp" : "tcp";
  j["classification"] = classification;
  j["detail"] = detail;
  Emit(j, Classification::kScan);  // a probe of the port, not a login
}

void EventLog::RecordRequest(const ConnectionInfo& conn,
                             const RequestInfo& req) {
  requests_.fetch_add(1, std::memory_order_relaxed);
  switch (req.classification) {
    case Classification::kScan:
      scan_.fetch_add(1, std::memory_order_relaxed);
      break;
    case Classification::kLoginAttempt:
      login_.fetch_add(1, std::memory_order_relaxed);
      break;
    case Classification::kBypassAttempt:
      bypass_.fetch_add(1, std::memory_order_relaxed);
      break;
    case Classification::kMalformed:
      malformed_.fetch_add(1, std::memory_order_relaxed);
      break;
  }
  if (req.auth && req.auth->outcome == AuthOutcome::kPassword)
    auth_password_.fetch_add(1, std::memory_order_relaxed);
  if (req.auth && req.auth->outcome == AuthOutcome::kBypass)
    auth_bypass_.fetch_add(1, std::memory_order_relaxed);
  if (!enabled_) return;
  json j = Base(conn, "request");
  j["method"] = req.method;
  j["path"] = req.path;
  j["user_agent"] = req.user_agent;
  j["authorization"] = AuthJson(req.auth);
  j["classification"] = ToString(req.classification);
  j["status"] = req.status;
  if (!req.detail.empty()) j["detail"] = req.detail;
  Emit(j, req.classification);
}

EventCounters EventLog::counters() const {
  EventCounters c;
  c.connections = connections_.load();
  c.port_probes = probes_.load();
  c.tls_errors = tls_errors_.load();
  c.rejected_connections = rejected_.load();
  c.requests = requests_.load();
  c.scan = scan_.load();
  c.login_attempt = login_.load();
  c.bypass_attempt = bypass_.load();
  c.malformed = malformed_.load();
  c.auth_password = auth_password_.load();
  c.auth_bypass = auth_bypass_.load();
  c.rmcp_ping = rmcp_ping_.load();
  c.rmcp_other = rmcp_other_.load();
  c.redirection_start = redir_start_.load();
  c.redirection_other = redir_other_.load();
  return c;
}

std::string EventLog::Summary() const {
  EventCounters c = counters();
  return fmt::format(
             "connections: {} (port probes {}, TLS errors {}, rejected over "
             "limit "
             "{}); requests: {} (scan {}, login-attempt {}, bypass-attempt {}, "
             "malformed {}); admitted: {} with password, {} through the "
             "bypass; "
             "rmcp: {} ping(s), {} other; redirection: {} start(s), {} other",
             c.connections, c.port_probes, c.tls_errors, c.rejected_connections,
             c.requests, c.scan, c.login_attempt, c.bypass_attempt, c.malformed,
             c.auth_password, c.auth_bypass, c.rmcp_ping, c.rmcp_other,
             c.redirection_start, c.redirection_other) +
         (alert_ ? AlertLine(alert_->counters()) : std::string());
}

}  // namespace amtscope::emu
