#include "scan/side_scan.h"

#include <algorithm>

#include "scan/side_findings.h"

namespace amtscope {

SideScan::SideScan(WriterSink& out, const AdvisoryDb& db,
                   const TargetSpace& space, SideScanSettings settings)
    : out_(out),
      db_(db),
      settings_(std::move(settings)),
      udp_order_(space.size(),
                 static_cast<uint32_t>(settings_.udp_ports.size()),
                 settings_.seed, settings_.shard),
      udp_source_(space, settings_.udp_ports, udp_order_),
      pinger_(settings_.ping) {}

SideScan::~SideScan() {
  stop_.store(true);
  if (ping_thread_.joinable()) ping_thread_.join();
}

void SideScan::StartPing() {
  if (settings_.udp_ports.empty()) return;
  ping_thread_ = std::thread([this] {
    ping_status_ = pinger_.Run(
        udp_source_, [this](const RmcpReply& r) { OnPong(r); },
        [this] { return stop_.load(std::memory_order_relaxed); });
  });
}

void SideScan::Hold(const ProbeTarget* target, const Finding& finding) {
  MutexLock lock(mu_);
  held_.emplace_back(target ? *target : ProbeTarget{}, finding);
}

void SideScan::OnPong(const RmcpReply& reply) {
  Finding f = RmcpFinding(reply, db_);
  if (f.amt && settings_.redirection) {
    Hold(nullptr, f);
  } else {
    out_.RecordExtra(f);
  }
}

// A redirection port in -p: the engine's HTTP probe of it waits too, and is
// replaced by the redirection probe's record where that probe runs.
namespace {
bool IsRedirectionPort(uint16_t port) { return port == 16994 || port == 16995; }
}  // namespace

void SideScan::OnDone(const ProbeTarget& target, const Finding* finding) {
  if (finding != nullptr && settings_.redirection &&
      (finding->amt || IsRedirectionPort(target.port))) {
    Hold(&target, *finding);
    return;
  }
  out_.OnDone(target, finding);
}

Status SideScan::Finish(TlsClientContexts& tls) {
  if (ping_thread_.joinable()) ping_thread_.join();
  std::vector<std::pair<ProbeTarget, Finding>> held;
  {
    MutexLock lock(mu_);
    held.swap(held_);
  }
  std::vector<boost::asio::ip::address> amt;
  for (const auto& [target, f] : held) {
    auto a = boost::asio::ip::make_address(f.ip);
    if (f.amt && std::find(amt.begin(), amt.end(), a) == amt.end())
      amt.push_back(a);
  }
  std::vector<RedirectionResult> results;
  if (!stop_.load() && !amt.empty()) {
    results = ProbeRedirection(amt, settings_.redirection_probe, tls);
  }
  // The pong's provisioning state stands for the address's web records too.
  std::vector<std::pair<std::string, std::string>> states;
  for (const auto& [target, f] : held) {
    if (f.proto == "udp" && !f.provisioning.empty())
      states.emplace_back(f.ip, f.provisioning);
  }
  for (auto& [target, f] : held) {
    for (const auto& [ip, state] : states) {
      if (f.provisioning.empty() && f.ip == ip) f.provisioning = state;
    }
    if (!results.empty()) {
      f.redirection =
          RedirectionReachable(results, boost::asio::ip::make_address(f.ip));
    }
    bool replaced =
        f.proto == "tcp" && IsRedirectionPort(f.port) &&
        std::find(amt.begin(), amt.end(),
                  boost::asio::ip::make_address(f.ip)) != amt.end() &&
        !results.empty();
    if (replaced) {
      out_.OnDone(target, nullptr);  // the redirection probe's record stands
    } else if (target.port == 0) {
      out_.RecordExtra(f);
    } else {
      out_.OnDone(target, &f);
    }
  }
  for (const RedirectionResult& r : results) {
    if (auto f = RedirectionFinding(r, db_)) out_.RecordExtra(*f);
  }
  return ping_status_;
}

}  // namespace amtscope
