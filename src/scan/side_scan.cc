#include "scan/side_scan.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>

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
  if (redir_ctx_) redir_ctx_->stop();
  if (redir_thread_.joinable()) redir_thread_.join();
}

void SideScan::Start(TlsClientContexts& tls) {
  tls_ = &tls;
  if (settings_.redirection) {
    redir_ctx_ = std::make_unique<boost::asio::io_context>(1);
    redir_guard_.emplace(redir_ctx_->get_executor());
    redir_thread_ = std::thread([this] { redir_ctx_->run(); });
  }
  if (settings_.udp_ports.empty()) return;
  ping_thread_ = std::thread([this] {
    ping_status_ = pinger_.Run(
        udp_source_, [this](const RmcpReply& r) { OnPong(r); },
        [this] { return stop_.load(std::memory_order_relaxed); });
  });
}

void SideScan::Hold(const ProbeTarget* target, const Finding& finding) {
  {
    MutexLock lock(mu_);
    held_.emplace_back(target ? *target : ProbeTarget{}, finding);
  }
  if (finding.amt) ProbeLater(finding.ip);
}

void SideScan::ProbeLater(const std::string& ip) {
  {
    MutexLock lock(mu_);
    if (!probed_.insert(ip).second || !redir_ctx_) return;
  }
  auto address = boost::asio::ip::make_address(ip);
  boost::asio::post(*redir_ctx_, [this, address] {
    const RedirectionProbeSettings& s = settings_.redirection_probe;
    redir_.push_back({address, s.plain_port, false});
    redir_queue_.push_back(&redir_.back());
    redir_.push_back({address, s.tls_port, true});
    redir_queue_.push_back(&redir_.back());
    Pump();
  });
}

// Starts queued probes up to the concurrency; each start its successor.
void SideScan::Pump() {
  size_t limit = std::max<size_t>(settings_.redirection_probe.concurrency, 1);
  while (redir_inflight_ < limit && !redir_queue_.empty() && !stop_.load()) {
    RedirectionResult* r = redir_queue_.front();
    redir_queue_.pop_front();
    ++redir_inflight_;
    boost::asio::co_spawn(
        *redir_ctx_,
        ProbeRedirectionPort(*r, settings_.redirection_probe.timeout, *tls_),
        [this](const std::exception_ptr&) {
          --redir_inflight_;
          Pump();
        });
  }
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

Status SideScan::Finish() {
  if (ping_thread_.joinable()) ping_thread_.join();
  if (redir_ctx_) {
    if (stop_.load()) redir_ctx_->stop();  // interrupted: do not wait
    redir_guard_.reset();
    if (redir_thread_.joinable()) redir_thread_.join();
  }
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
  if (!stop_.load()) results.assign(redir_.begin(), redir_.end());
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
