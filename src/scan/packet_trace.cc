#include "scan/packet_trace.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text_escape.h"

namespace amtscope {
namespace {

// "WHERE D text\n" with `text` escaped (no control byte reaches the terminal).
void AppendLine(std::string* out, std::string_view where, char direction,
                std::string_view text) {
  *out += fmt::format("{} {} {}\n", where, direction, PrintableLine(text));
}

void AppendBody(std::string* out, std::string_view where, char direction,
                std::string_view prefix, uint64_t total) {
  if (total == 0) return;
  std::string size =
      prefix.size() < total
          ? fmt::format("body {} bytes, first {}", total, prefix.size())
          : fmt::format("body {} bytes", total);
  AppendLine(out, where, direction, fmt::format("({}) {}", size, prefix));
}

}  // namespace

void PacketTrace::Emit(std::string_view block) {
  MutexLock lock(mu_);
  std::fwrite(block.data(), 1, block.size(), out_);
  std::fflush(out_);
}

std::string TraceRequest(std::string_view where, std::string_view request) {
  std::string out;
  size_t end = request.find("\r\n\r\n");
  std::string_view head = request.substr(0, end);
  while (!head.empty()) {
    size_t eol = head.find("\r\n");
    AppendLine(&out, where, '>', head.substr(0, eol));
    head = eol == std::string_view::npos ? "" : head.substr(eol + 2);
  }
  if (end != std::string_view::npos) {
    std::string_view body = request.substr(end + 4);
    AppendBody(&out, where, '>', body.substr(0, kTraceBodyBytes), body.size());
  }
  return out;
}

void ResponseTrace::OnBody(std::string_view bytes) {
  if (body_.size() < kTraceBodyBytes) {
    body_.append(bytes.substr(0, kTraceBodyBytes - body_.size()));
  }
  if (next_ != nullptr) next_->OnBody(bytes);
}

std::string ResponseTrace::Format(std::string_view where, uint64_t body_bytes,
                                  std::string_view error) const {
  std::string out;
  std::string_view head = head_;
  while (!head.empty()) {
    size_t eol = head.find('\n');
    AppendLine(&out, where, '<', head.substr(0, eol));
    head = eol == std::string_view::npos ? "" : head.substr(eol + 1);
  }
  AppendBody(&out, where, '<', body_,
             std::max<uint64_t>(body_bytes, body_.size()));
  if (!error.empty()) AppendLine(&out, where, '!', error);
  return out;
}

}  // namespace amtscope
