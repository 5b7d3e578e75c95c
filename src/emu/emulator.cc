#include "emu/emulator.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <filesystem>
#include <map>
#include <thread>

#include "emu/session.h"
#include "emu/side_channels.h"
#include "net/tls_server.h"

namespace amtscope::emu {

namespace asio = boost::asio;
using asio::ip::tcp;
using asio::ip::udp;

struct Emulator::Impl {
  EmulatorOptions options;
  NonceMinter nonces;
  std::unique_ptr<EventLog> log;
  std::atomic<size_t> active{0};
  std::vector<std::unique_ptr<HostState>> hosts;
  std::map<std::tuple<int, std::string, std::string>,
           std::shared_ptr<asio::ssl::context>>
      tls;
  std::vector<BoundEndpoint> endpoints;
  std::vector<BoundEndpoint> side_endpoints;
  std::vector<std::string> notes;
  size_t side_budget = 0;   // descriptors implicit side channels may use
  size_t skipped_side = 0;  // implicit ones left out for lack of them
  // Declared last: destroyed first, so pending coroutines (which refer to
  // the members above) die before what they refer to.
  asio::io_context ioc;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::vector<std::unique_ptr<udp::socket>> udp_sockets;
  std::vector<std::thread> threads;
  bool stopped = false;

  Result<std::shared_ptr<asio::ssl::context>> TlsFor(const HostProfile& p);
  Status Bind(size_t index, const ListenPort& port, bool redirection = false);
  Status BindRmcp(size_t index);
  Status BindSideChannels(size_t index);
  asio::awaitable<void> AcceptLoop(tcp::acceptor& acceptor, HostState& host,
                                   std::shared_ptr<asio::ssl::context> tls_ctx,
                                   bool redirection);
  asio::awaitable<void> FlushLoop();
};

namespace {

void RaiseFdLimit() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
}

// Descriptors left for implicit side channels: the limit minus those open
// minus a reserve for connections (half the limit, at most the cap).
size_t SideChannelBudget(size_t max_connections) {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 0;
  size_t open = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++open;
  }
  size_t limit = static_cast<size_t>(rl.rlim_cur);
  size_t reserve = std::min(max_connections, limit / 2) + 64;
  return limit > open + reserve ? limit - open - reserve : 0;
}

Status BindError(const std::string& what, const boost::system::error_code& ec) {
  std::string hint;
  if (ec == boost::system::errc::address_not_available) {
    hint =
        "the address is not on this machine: add it with `ip addr add` or use "
        "127.x";
  } else if (ec == asio::error::address_in_use) {
    hint = "another process listens there; pick another address or port";
  } else if (ec == asio::error::access_denied) {
    hint = "ports below 1024 (623, 664) need root or CAP_NET_BIND_SERVICE";
  } else if (ec == asio::error::no_descriptors) {
    hint = "raise the open-file limit (ulimit -n) or serve fewer hosts";
  }
  return Status::IoError(
      fmt::format("cannot listen on {}: {}", what, ec.message()), hint);
}

}  // namespace

Result<std::shared_ptr<asio::ssl::context>> Emulator::Impl::TlsFor(
    const HostProfile& p) {
  auto key = std::make_tuple(p.legacy_tls ? 0 : 1, p.config.cert_file,
                             p.config.key_file);
  if (auto it = tls.find(key); it != tls.end()) return it->second;
  AMTSCOPE_ASSIGN_OR_RETURN(
      auto ctx, MakeServerTlsContext(p.legacy_tls ? TlsServerFlavor::kLegacy
                                                  : TlsServerFlavor::kModern,
                                     p.config.cert_file, p.config.key_file));
  tls.emplace(key, ctx);
  return ctx;
}

Status Emulator::Impl::Bind(size_t index, const ListenPort& port,
                            bool redirection) {
  HostState& host = *hosts[index];
  const std::string& addr = host.profile.config.address;
  tcp::endpoint ep(asio::ip::make_address(addr), port.port);
  std::string what = ep.address().is_v6()
                         ? fmt::format("[{}]:{}", addr, port.port)
                         : fmt::format("{}:{}", addr, port.port);
  auto acceptor = std::make_unique<tcp::acceptor>(ioc);
  boost::system::error_code ec;
  acceptor->open(ep.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor->bind(ep, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return BindError(what, ec);
  std::shared_ptr<asio::ssl::context> ctx;
  if (port.tls) {
    AMTSCOPE_ASSIGN_OR_RETURN(ctx, TlsFor(host.profile));
  }
  (redirection ? side_endpoints : endpoints)
      .push_back({index, addr, acceptor->local_endpoint().port(), port.tls,
                  redirection ? "redirection" : "web"});
  asio::co_spawn(ioc, AcceptLoop(*acceptor, host, ctx, redirection),
                 asio::detached);
  acceptors.push_back(std::move(acceptor));
  return Status::Ok();
}

Status Emulator::Impl::BindRmcp(size_t index) {
  HostState& host = *hosts[index];
  const HostConfig& c = host.profile.config;
  udp::endpoint ep(asio::ip::make_address(c.address), c.rmcp_port);
  auto socket = std::make_unique<udp::socket>(ioc);
  boost::system::error_code ec;
  socket->open(ep.protocol(), ec);
  if (!ec) socket->bind(ep, ec);
  if (ec) {
    return BindError(ep.address().is_v6()
                         ? fmt::format("[{}]:{}/udp", c.address, ep.port())
                         : fmt::format("{}:{}/udp", c.address, ep.port()),
                     ec);
  }
  side_endpoints.push_back(
      {index, c.address, socket->local_endpoint().port(), false, "rmcp"});
  asio::co_spawn(ioc, ServeRmcp(*socket, host, log.get()), asio::detached);
  udp_sockets.push_back(std::move(socket));
  return Status::Ok();
}

// RMCP and redirection: an explicit setting that cannot be bound fails the
// start; an implicit one (every AMT host has them by default) becomes a
// note, so unprivileged fleets keep working without UDP 623.
Status Emulator::Impl::BindSideChannels(size_t index) {
  const HostProfile& p = hosts[index]->profile;
  // An implicit listener needs a descriptor from the budget.
  auto afford = [this](bool explicit_) {
    if (explicit_) return true;
    if (side_budget == 0) {
      ++skipped_side;
      return false;
    }
    --side_budget;
    return true;
  };
  if (p.rmcp != RmcpMode::kOff && afford(p.rmcp_explicit)) {
    Status st = BindRmcp(index);
    if (!st.ok() && p.rmcp_explicit) return st;
    if (!st.ok()) notes.push_back("no RMCP: " + st.message());
  }
  for (const ListenPort& port : p.redirection_ports) {
    if (!afford(p.redirection_explicit)) continue;
    Status st = Bind(index, port, /*redirection=*/true);
    if (!st.ok() && p.redirection_explicit) return st;
    if (!st.ok()) notes.push_back("no redirection: " + st.message());
  }
  return Status::Ok();
}

asio::awaitable<void> Emulator::Impl::AcceptLoop(
    tcp::acceptor& acceptor, HostState& host,
    std::shared_ptr<asio::ssl::context> tls_ctx, bool redirection) {
  SessionEnv env{&options, &nonces, log.get(), &active};
  for (;;) {
    tcp::endpoint peer;  // from accept() itself: known even after a reset
    auto [ec, socket] = co_await acceptor.async_accept(
        asio::make_strand(ioc), peer, asio::as_tuple(asio::use_awaitable));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) {  // EMFILE and friends: back off instead of spinning
      asio::steady_timer t(ioc, std::chrono::milliseconds(50));
      co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
      continue;
    }
    if (active.load(std::memory_order_relaxed) >= options.max_connections) {
      ConnectionInfo c;
      boost::system::error_code ignored;
      c.remote_addr = peer.address().to_string();
      c.remote_port = peer.port();
      c.local_port = acceptor.local_endpoint(ignored).port();
      c.local_addr = host.profile.config.address;
      c.tls = tls_ctx != nullptr;
      log->RecordRejected(c);
      socket.close(ignored);
      continue;
    }
    active.fetch_add(1, std::memory_order_relaxed);
    auto executor = socket.get_executor();
    if (redirection) {
      asio::co_spawn(
          executor,
          ServeRedirection(std::move(socket), peer, host, tls_ctx, env),
          asio::detached);
      continue;
    }
    asio::co_spawn(executor,
                   ServeConnection(std::move(socket), peer, host, tls_ctx, env),
                   asio::detached);
  }
}

asio::awaitable<void> Emulator::Impl::FlushLoop() {
  asio::steady_timer timer(ioc);
  for (;;) {
    timer.expires_after(std::chrono::seconds(1));
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    log->Flush();
  }
}

Result<std::unique_ptr<Emulator>> Emulator::Start(
    const FleetConfig& fleet, const EmulatorOptions& options) {
  AMTSCOPE_RETURN_IF_ERROR(ValidateFleet(fleet));
  if (options.threads < 1 || options.threads > 64) {
    return Status::InvalidArgument("threads must be 1..64");
  }
  if (options.raise_fd_limit) RaiseFdLimit();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  AMTSCOPE_ASSIGN_OR_RETURN(impl->log, EventLog::Open(options.log_path));
  impl->hosts.reserve(fleet.hosts.size());
  for (const HostConfig& h : fleet.hosts) {
    auto state = std::make_unique<HostState>();
    AMTSCOPE_ASSIGN_OR_RETURN(state->profile, MakeHostProfile(h, fleet.seed));
    impl->hosts.push_back(std::move(state));
  }
  for (size_t i = 0; i < fleet.hosts.size(); ++i) {
    if (impl->hosts[i]->profile.web) {  // unprovisioned: no web server
      for (const ListenPort& port : fleet.hosts[i].ports) {
        AMTSCOPE_RETURN_IF_ERROR(impl->Bind(i, port));
      }
    }
  }
  // After every web port, and only while half the open-file limit stays
  // free for connections: implicit side channels must never cost a web
  // listener or an accept (a 4096-host fleet near the limit).
  impl->side_budget = SideChannelBudget(options.max_connections);
  for (size_t i = 0; i < fleet.hosts.size(); ++i) {
    AMTSCOPE_RETURN_IF_ERROR(impl->BindSideChannels(i));
  }
  if (impl->skipped_side > 0) {
    impl->notes.push_back(fmt::format(
        "{} implicit RMCP/redirection listener(s) not opened: the open-file "
        "limit is kept for connections (raise ulimit -n)",
        impl->skipped_side));
  }
  asio::co_spawn(impl->ioc, impl->FlushLoop(), asio::detached);
  for (int i = 0; i < options.threads; ++i) {
    impl->threads.emplace_back([ioc = &impl->ioc] { ioc->run(); });
  }
  return std::unique_ptr<Emulator>(new Emulator(std::move(impl)));
}

Emulator::Emulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Emulator::~Emulator() { Stop(); }

void Emulator::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->ioc.stop();
  for (auto& t : impl_->threads) t.join();
  impl_->acceptors.clear();
  impl_->udp_sockets.clear();
  impl_->log->Flush();
}

const std::vector<BoundEndpoint>& Emulator::endpoints() const {
  return impl_->endpoints;
}
const std::vector<BoundEndpoint>& Emulator::side_endpoints() const {
  return impl_->side_endpoints;
}
const std::vector<std::string>& Emulator::notes() const { return impl_->notes; }
const HostProfile& Emulator::profile(size_t index) const {
  return impl_->hosts.at(index)->profile;
}
EventCounters Emulator::counters() const { return impl_->log->counters(); }
std::string Emulator::Summary() const { return impl_->log->Summary(); }
void Emulator::FlushLog() { impl_->log->Flush(); }
Status Emulator::ReopenLog() { return impl_->log->Reopen(); }

}  // namespace amtscope::emu
