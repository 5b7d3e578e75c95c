#include "emu/router.h"

#include "amt/web.h"
#include "emu/pages.h"
#include "emu/responses.h"
#include "emu/soap.h"

namespace amtscope::emu {
namespace {

bool IsPublicAsset(const std::string& path) {
  // §1.3/§7.2: served without authentication.
  return path == kLogonPath || path == "/styles.css" || path == "/logo.gif";
}

HttpReply Reply(std::string bytes, int status, bool close) {
  HttpReply r;
  r.bytes = std::move(bytes);
  r.status = status;
  r.close = close;
  return r;
}

HttpReply PublicAsset(const HostProfile& h, const HttpRequest& req,
                      const std::string& path, std::time_t now) {
  bool head = req.method == "HEAD";
  if (path == "/styles.css")
    return Reply(PageResponse(h, now, "text/css", StylesCss(), head), 200,
                 false);
  if (path == "/logo.gif")
    return Reply(PageResponse(h, now, "image/gif", LogoGif(), head), 200,
                 false);
  return Reply(PageResponse(h, now, "text/html", LogonPage(h), head), 200,
               false);
}

HttpReply AuthenticatedPage(const HostProfile& h, const HttpRequest& req,
                            const std::string& path, std::time_t now) {
  if (req.method != "GET" && req.method != "HEAD")
    return Reply(NotFoundResponse(h), 404, false);
  bool head = req.method == "HEAD";
  std::string body;
  if (path == kIndexPath) {
    body = IndexPage(h, now);
  } else if (path == "/hw-sys.htm") {
    body = HwSysPage(h);
  } else {
    body = OtherPage(h, path);
  }
  if (body.empty()) return Reply(NotFoundResponse(h), 404, false);
  return Reply(PageResponse(h, now, "text/html", body, head), 200, false);
}

}  // namespace

std::string PathOf(const std::string& target) {
  std::string path = target;
  if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0) {
    size_t slash = path.find('/', path.find("//") + 2);
    path = slash == std::string::npos ? "/" : path.substr(slash);
  }
  size_t q = path.find_first_of("?#");
  if (q != std::string::npos) path.resize(q);
  return path;
}

HttpReply Route(const HostProfile& h, const NonceMinter& nonces,
                const HttpRequest& req, bool tls, std::time_t now,
                uint64_t message_id) {
  std::string path = PathOf(req.target);
  bool wsman = path == kWsmanPath;
  bool eoi = h.eoi_soap && IsEoiPath(path);
  HttpReply r;
  if (h.config.product == Product::kPlainWeb) {
    r = Reply(PlainWebResponse(h, req.method == "HEAD"), 200, false);
  } else if (!h.config.web_ui && !wsman && !eoi) {
    r = Reply(NotFoundResponse(h), 404, false);  // web UI disabled: only WS-Man
  } else if (path == "/") {
    r = Reply(RedirectResponse(h, tls, req.host), h.redirect_303 ? 303 : 302,
              false);
  } else if (IsPublicAsset(path)) {
    r = PublicAsset(h, req, path, now);
  } else {
    AuthResult auth = CheckAuthorization(
        h, nonces, req.method,
        req.authorization ? std::optional<std::string_view>(*req.authorization)
                          : std::nullopt,
        now);
    if (!auth.accepted()) {
      r = Reply(UnauthorizedResponse(h, nonces.Mint(h, now)), 401, true);
    } else if (wsman || eoi) {
      if (req.method != "POST") {
        r = Reply(NotFoundResponse(h), 404, false);
      } else {
        SoapReply s = wsman ? HandleWsman(h, req.body, message_id)
                            : HandleEoi(h, path, req.soap_action, req.body);
        r = Reply(SoapResponse(h, now, s.status, s.content_type, s.body),
                  s.status, false);
      }
    } else {
      r = AuthenticatedPage(h, req, path, now);
    }
    r.auth = std::move(auth);
  }
  if (!req.keep_alive || req.version < 11) r.close = true;
  return r;
}

}  // namespace amtscope::emu
