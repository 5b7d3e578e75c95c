// Emulator: serves a fleet of emulated Intel AMT web servers from one process
// (one Asio io_context, 1–2 threads). Used by `amtscope emulate`, by
// `amtscope demo` and by the scanner's integration tests, in-process.
//
//   emu::FleetConfig fleet;
//   fleet.hosts.push_back({.address = "127.0.0.2",
//                          .ports = {{0, false}, {0, true}},  // ephemeral
//                          .firmware = "8.1.40"});
//   auto emu = emu::Emulator::Start(fleet, {});
//   if (!emu.ok()) ...;
//   for (const auto& ep : (*emu)->endpoints()) ... ep.address, ep.port, ep.tls
//   (*emu)->Stop();  // also done by the destructor
#ifndef AMTSCOPE_EMU_EMULATOR_H_
#define AMTSCOPE_EMU_EMULATOR_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "emu/event_log.h"
#include "emu/fleet_config.h"
#include "emu/host_config.h"

namespace amtscope::emu {

/// Limits and plumbing; the defaults suit both tests and a honeypot.
struct EmulatorOptions {
  std::string log_path;           // NDJSON event log: "" none, "-" stdout
  int threads = 1;                // io_context threads (1–2 is plenty)
  size_t max_connections = 8192;  // global cap; extra ones are closed at once
  std::chrono::milliseconds read_timeout{
      10000};  // per request (headers + body), and TLS handshake
  size_t header_limit = 8192;  // request line + all header bytes
  size_t max_header_count = 64;
  size_t body_limit = 65536;
  bool raise_fd_limit = true;  // RLIMIT_NOFILE soft → hard at start
};

/// One bound listener.
struct BoundEndpoint {
  size_t host_index = 0;  // into FleetConfig::hosts
  std::string address;
  uint16_t port = 0;  // the real port, also when 0 was asked for
  bool tls = false;
  std::string service = "web";  // "web", "redirection", "rmcp" (UDP)
};

class Emulator {
 public:
  /// Validates the fleet, binds every listener (only the given addresses)
  /// and starts serving on background threads. Bind failures are kIoError
  /// with a hint; configuration errors kInvalidArgument.
  static Result<std::unique_ptr<Emulator>> Start(
      const FleetConfig& fleet, const EmulatorOptions& options = {});
  ~Emulator();
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  /// Closes listeners and connections, joins threads, flushes the log.
  /// Idempotent.
  void Stop();
  /// Every bound web listener, in fleet order.
  const std::vector<BoundEndpoint>& endpoints() const;
  /// The redirection listeners and RMCP (UDP) sockets, in fleet order.
  const std::vector<BoundEndpoint>& side_endpoints() const;
  /// Implicit side channels that could not be bound (e.g. UDP 623 without
  /// privileges), one line each; explicit ones fail Start() instead.
  const std::vector<std::string>& notes() const;
  /// The derived profile (realm, Server header, ...) of host `index`.
  const HostProfile& profile(size_t index) const;
  /// Event counters so far.
  EventCounters counters() const;
  /// One-line summary by classification (for stderr at exit).
  std::string Summary() const;
  /// Writes buffered log lines out (e.g. from a signal handler's callback).
  void FlushLog();
  /// Flushes and reopens the log file by name (SIGHUP after logrotate moved
  /// it); the old file stays in use when the new one cannot be opened.
  Status ReopenLog();

  struct Impl;

 private:
  explicit Emulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace amtscope::emu

#endif  // AMTSCOPE_EMU_EMULATOR_H_
