#include "scan/amt_probe.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/asio/this_coro.hpp>
#include <memory>
#include <optional>

#include "amt/banner.h"
#include "amt/web.h"
#include "net/digest.h"
#include "scan/connector.h"
#include "scan/packet_trace.h"
#include "scan/page_scanner.h"
#include "scan/probe_connection.h"

namespace amtscope {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using ErrorCode = boost::system::error_code;

std::string ErrorName(const ErrorCode& ec, bool timed_out) {
  if (timed_out) return "timeout";
  if (ec == asio::error::connection_reset) return "reset";
  if (ec == asio::error::eof || ec == asio::error::broken_pipe) return "closed";
  if (ec == asio::error::connection_refused) return "refused";
  if (ec.category() == asio::error::get_ssl_category() ||
      ec == asio::ssl::error::stream_truncated) {
    return "tls";
  }
  return "io";
}

class Prober {
 public:
  Prober(const ProbeTarget& target, const ProbeSettings& settings,
         TlsClientContexts* tls, std::shared_ptr<ProbeConnection> conn)
      : target_(target),
        settings_(settings),
        tls_(tls),
        conn_(std::move(conn)),
        reader_(settings.limits),
        host_(HostHeader(target.address, target.port)),
        deadline_(Clock::now() + settings.EffectiveDeadline()),
        adopted_(conn_->is_open()) {}

  asio::awaitable<void> Run();
  ProbeEvidence& evidence() { return ev_; }

 private:
  Clock::time_point StepDeadline() const {
    return std::min(Clock::now() + settings_.timeout, deadline_);
  }
  asio::awaitable<bool> Open();
  asio::awaitable<bool> ConnectWithRetries();
  asio::awaitable<bool> Exchange(AmtResource resource, std::string_view auth,
                                 BodySink* sink);
  asio::awaitable<bool> ActiveCheck(const DigestChallenge& challenge);
  std::string Authorization(const DigestChallenge& c, std::string_view response,
                            int nc) const;
  // --packet-trace only (callers test settings_.trace first).
  void Trace(std::string_view event) const;
  void TraceExchange(std::string_view request, const ResponseTrace& response,
                     std::string_view error) const;

  ProbeTarget target_;
  const ProbeSettings& settings_;
  TlsClientContexts* tls_;
  std::shared_ptr<ProbeConnection> conn_;
  HttpResponseReader reader_;
  std::string host_;
  Clock::time_point deadline_;
  bool adopted_;  // the first connection was made by the connect stage
  bool reusable_ = false;
  ProbeEvidence ev_;
  struct SessionFree {
    void operator()(SSL_SESSION* s) const { SSL_SESSION_free(s); }
  };
  std::unique_ptr<SSL_SESSION, SessionFree> session_;  // to resume
};

asio::awaitable<bool> Prober::ConnectWithRetries() {
  tcp::endpoint ep(target_.address, target_.port);
  for (int attempt = 0;;) {
    if (Clock::now() >= deadline_) {
      ev_.error = "timeout";
      co_return false;
    }
    conn_->ArmDeadline(StepDeadline());
    ErrorCode ec = co_await conn_->Connect(ep);
    if (conn_->cancelled()) {
      ev_.reach = Reach::kCancelled;
      co_return false;
    }
    if (!ec) co_return true;
    if (IsLocalShortage(ec)) {
      co_await PauseForShortage(co_await asio::this_coro::executor);
      continue;
    }
    bool timeout = conn_->timed_out() || ec == asio::error::timed_out;
    if (timeout && attempt++ < settings_.retries) continue;
    if (ec == asio::error::connection_reset) {
      ev_.reach = Reach::kOpen;  // the handshake completed, then the peer reset
    } else if (ev_.reach != Reach::kOpen) {
      ev_.reach = timeout                                 ? Reach::kFiltered
                  : ec == asio::error::connection_refused ? Reach::kClosed
                                                          : Reach::kUnreachable;
    }
    ev_.error = ErrorName(ec, timeout);
    co_return false;
  }
}

void Prober::Trace(std::string_view event) const {
  settings_.trace->Emit(fmt::format("{} * {}\n", host_, event));
}

void Prober::TraceExchange(std::string_view request,
                           const ResponseTrace& response,
                           std::string_view error) const {
  settings_.trace->Emit(TraceRequest(host_, request) +
                        response.Format(host_, reader_.body_bytes(), error));
}

// Connects (again) and, on TLS ports, handshakes with the legacy context.
asio::awaitable<bool> Prober::Open() {
  reusable_ = false;
  if (adopted_) {
    adopted_ = false;
  } else if (!co_await ConnectWithRetries()) {
    if (settings_.trace) Trace("connect: " + ev_.error);
    co_return false;
  }
  ev_.reach = Reach::kOpen;
  if (settings_.trace) Trace("connected");
  if (!settings_.tls) co_return true;
  conn_->ArmDeadline(StepDeadline());
  ErrorCode ec = co_await conn_->Handshake(tls_->Get(TlsClass::kLegacyAmt),
                                           session_.get());
  if (conn_->cancelled()) {
    ev_.reach = Reach::kCancelled;
    co_return false;
  }
  if (ec) {
    ev_.error = conn_->timed_out() ? "timeout" : "tls";
    if (settings_.trace) Trace("TLS handshake: " + ev_.error);
    co_return false;
  }
  ev_.tls = true;
  ev_.tls_version = conn_->tls_version();
  if (ev_.cert_sha256.empty()) ev_.cert_sha256 = conn_->cert_sha256();
  ++ev_.tls_handshakes;
  if (conn_->resumed()) ++ev_.tls_resumed;
  if (settings_.trace) {
    Trace(fmt::format("TLS {}{}", ev_.tls_version,
                      conn_->resumed() ? " (session resumed)" : ""));
  }
  if (!session_) session_.reset(conn_->TakeSession());
  co_return true;
}

// One request/response; reuses a kept-alive connection, else reconnects
// (AMT's 401 carries Connection: close, §2.3).
asio::awaitable<bool> Prober::Exchange(AmtResource resource,
                                       std::string_view auth, BodySink* sink) {
  std::string request = BuildRequest(resource, host_, auth);
  ++ev_.requests;
  std::optional<ResponseTrace> traced;  // --packet-trace only
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = reusable_ && conn_->is_open();
    if (!reused && !co_await Open()) co_return false;
    conn_->ArmDeadline(StepDeadline());
    if (settings_.trace) {
      reader_.Reset(&traced.emplace(sink));
      reader_.LogHeadTo(traced->head());
    } else {
      reader_.Reset(sink);
    }
    ErrorCode ec = co_await conn_->Write(request);
    if (!ec) ec = co_await conn_->ReadResponse(reader_);
    if (conn_->cancelled()) {
      ev_.reach = Reach::kCancelled;
      co_return false;
    }
    bool nothing = reader_.bytes_received() == 0;
    if (reused && nothing && !conn_->timed_out()) {
      reusable_ = false;  // the peer dropped the idle connection: once more
      if (settings_.trace) TraceExchange(request, *traced, "idle close; again");
      continue;
    }
    if (!reader_.headers_done()) {
      ev_.error = ec || conn_->timed_out()
                      ? ErrorName(ec, conn_->timed_out())
                      : std::string(ToString(reader_.error()));
      if (ev_.error.empty() || (nothing && ev_.error == "truncated"))
        ev_.error = "closed";
      if (settings_.trace) TraceExchange(request, *traced, ev_.error);
      co_return false;
    }
    if (settings_.trace) {
      TraceExchange(request, *traced, ToString(reader_.error()));
    }
    reusable_ = !ec && reader_.keep_alive() && conn_->is_open();
    co_return true;
  }
  ev_.error = "closed";
  co_return false;
}

std::string Prober::Authorization(const DigestChallenge& c,
                                  std::string_view response, int nc) const {
  std::string cnonce = RandomHex(16);
  DigestAttempt a{
      c.realm,  c.nonce, c.qop.find("auth") != std::string::npos ? "auth" : "",
      response, cnonce,  nc};
  return DigestAuthorization(PathOf(ev_.resource), a);
}

// The bypass (empty response) and, only if it worked, the control (a wrong
// full-length response): a real AMT refuses the control (§1.4, §7).
asio::awaitable<bool> Prober::ActiveCheck(const DigestChallenge& challenge) {
  PageScanner page;
  if (!co_await Exchange(ev_.resource, Authorization(challenge, "", 1),
                         &page)) {
    co_return false;
  }
  if (reader_.status() == 404 && ev_.resource == AmtResource::kIndex) {
    ev_.resource = AmtResource::kWsman;  // web UI off, WS-Man on (§6)
    page = PageScanner();
    if (!co_await Exchange(ev_.resource, Authorization(challenge, "", 1),
                           &page)) {
      co_return false;
    }
  }
  ev_.bypass_status = reader_.status();
  ev_.bypass_marker =
      ev_.resource == AmtResource::kWsman ? page.soap() : page.amt_page();
  ev_.page_version = !page.footer_version().empty() ? page.footer_version()
                                                    : page.wsman_version();
  if (ev_.bypass_status != 200) co_return true;
  if (!co_await Exchange(ev_.resource,
                         Authorization(challenge, RandomHex(32), 2), nullptr)) {
    co_return false;
  }
  ev_.control_status = reader_.status();
  co_return true;
}

asio::awaitable<void> Prober::Run() {
  // The first Exchange opens the connection (the connector's, adopted):
  // opening here as well cost one more connect and TLS handshake per port.
  if (!co_await Exchange(AmtResource::kIndex, "", nullptr)) co_return;
  ev_.first_status = reader_.status();
  ev_.server = reader_.server();
  ev_.challenge = reader_.www_authenticate();
  if (ev_.first_status == 404) {
    ev_.web_ui_disabled = true;
    ev_.resource = AmtResource::kWsman;
    if (!co_await Exchange(AmtResource::kWsman, "", nullptr)) co_return;
    ev_.first_status = reader_.status();
    if (ev_.server.empty()) ev_.server = reader_.server();
    ev_.challenge = reader_.www_authenticate();
  }
  auto challenge = ParseDigestChallenge(ev_.challenge);
  if (!challenge.ok()) co_return;
  ev_.realm = challenge->realm;
  bool amt_like = ParseServerBanner(ev_.server).amt || IsAmtRealm(ev_.realm);
  if (settings_.passive || ev_.first_status != 401 || !amt_like) co_return;
  co_await ActiveCheck(*challenge);
}

}  // namespace

std::chrono::milliseconds ProbeSettings::EffectiveDeadline() const {
  if (deadline.count() > 0) return deadline;
  // Connect attempts, TLS, up to four responses and one reconnect each.
  return timeout * (retries + 1) + timeout * 6;
}

asio::awaitable<ProbeEvidence> RunAmtProbe(ProbeTarget target,
                                           const ProbeSettings& settings,
                                           TlsClientContexts* tls,
                                           ProbeRegistry* registry,
                                           tcp::socket* connected) {
  auto conn = std::make_shared<ProbeConnection>(
      co_await asio::this_coro::executor, registry);
  if (connected != nullptr && connected->is_open()) {
    conn->Adopt(std::move(*connected));
  }
  Prober prober(target, settings, tls, conn);
  co_await prober.Run();
  conn->Finish();
  co_return std::move(prober.evidence());
}

}  // namespace amtscope
