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

namespace {
bool IsRedirectionPort(uint16_t port) { return port == 16994 || port == 16995; }
}  // namespace

void SideScan::Emit(const ProbeTarget& target, Finding& f,
                    std::optional<bool> reachable, bool probed) {
  // A redirection port in -p of a probed AMT address: the redirection
  // probe's record stands for it.
  if (f.proto == "tcp" && IsRedirectionPort(f.port) && probed) {
    out_.OnDone(target, nullptr);
    return;
  }
  if (f.amt && reachable) f.redirection = *reachable;
  if (f.amt && f.provisioning.empty()) {  // the pong's state, if it came
    MutexLock lock(mu_);
    if (auto p = provisioning_.find(f.ip); p != provisioning_.end())
      f.provisioning = p->second;
  }
  if (target.port == 0) {
    out_.RecordExtra(f);
  } else {
    out_.OnDone(target, &f);
  }
}

// Holds `finding` until its address's redirection result is known, or
// writes it now when it already is.
void SideScan::Hold(const ProbeTarget* target, const Finding& finding) {
  ProbeTarget t = target ? *target : ProbeTarget{};
  Finding f = finding;
  std::optional<bool> reachable;
  {
    MutexLock lock(mu_);
    if (f.proto == "udp" && !f.provisioning.empty())
      provisioning_[f.ip] = f.provisioning;
    auto it = redir_state_.find(f.ip);
    if (it == redir_state_.end() || !it->second) {
      held_.emplace_back(t, f);
      if (it == redir_state_.end() && f.amt && redir_ctx_) {
        redir_state_.emplace(f.ip, std::nullopt);
        boost::asio::post(*redir_ctx_, [this, ip = f.ip] { ProbeLater(ip); });
      }
      return;
    }
    reachable = it->second;
  }
  Emit(t, f, reachable, true);
}

// On the prober's thread: queue both ports of `ip`.
void SideScan::ProbeLater(const std::string& ip) {
  auto address = boost::asio::ip::make_address(ip);
  const RedirectionProbeSettings& s = settings_.redirection_probe;
  redir_left_[ip] = 2;
  for (bool tls : {false, true}) {
    redir_.push_back({address, tls ? s.tls_port : s.plain_port, tls});
    redir_queue_.push_back(&redir_.back());
    redir_by_ip_[ip].push_back(&redir_.back());
  }
  Pump();
}

// Starts queued probes up to the concurrency; each end starts the next.
void SideScan::Pump() {
  size_t limit = std::max<size_t>(settings_.redirection_probe.concurrency, 1);
  while (redir_inflight_ < limit && !redir_queue_.empty() && !stop_.load()) {
    RedirectionResult* r = redir_queue_.front();
    redir_queue_.pop_front();
    ++redir_inflight_;
    boost::asio::co_spawn(
        *redir_ctx_,
        ProbeRedirectionPort(*r, settings_.redirection_probe.timeout, *tls_),
        [this, r](const std::exception_ptr&) {
          --redir_inflight_;
          std::string ip = r->address.to_string();
          if (--redir_left_[ip] == 0) AddressDone(ip);
          Pump();
        });
  }
}

// Both ports of `ip` are done: its records and the held ones are written.
void SideScan::AddressDone(const std::string& ip) {
  std::vector<RedirectionResult> results;
  for (RedirectionResult* r : redir_by_ip_[ip]) results.push_back(*r);
  bool reachable =
      RedirectionReachable(results, boost::asio::ip::make_address(ip));
  std::vector<std::pair<ProbeTarget, Finding>> mine;
  {
    MutexLock lock(mu_);
    redir_state_[ip] = reachable;
    auto split = std::stable_partition(
        held_.begin(), held_.end(),
        [&ip](const auto& h) { return h.second.ip != ip; });
    mine.assign(split, held_.end());
    held_.erase(split, held_.end());
  }
  for (auto& [target, f] : mine) Emit(target, f, reachable, true);
  for (const RedirectionResult& r : results) {
    auto f = RedirectionFinding(r, db_);
    if (!f) continue;
    if (f->amt) {
      MutexLock lock(mu_);
      if (auto p = provisioning_.find(ip); p != provisioning_.end())
        f->provisioning = p->second;
    }
    out_.RecordExtra(*f);
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
  // What is left: records of addresses whose probe did not finish
  // (interrupted: redirection stays null) and redirection ports of
  // addresses that are not AMT.
  std::vector<std::pair<ProbeTarget, Finding>> held;
  std::map<std::string, std::optional<bool>> state;
  {
    MutexLock lock(mu_);
    held.swap(held_);
    state = redir_state_;
  }
  for (auto& [target, f] : held) {
    auto it = state.find(f.ip);
    bool probed = it != state.end() && it->second.has_value();
    Emit(target, f, probed ? it->second : std::nullopt, probed);
  }
  return ping_status_;
}

}  // namespace amtscope
