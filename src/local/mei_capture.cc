#include "local/mei_capture.h"

#include <fmt/format.h>

#include <charconv>
#include <utility>

#include "local/file_system.h"

namespace amtscope {

namespace {

std::vector<std::string_view> Split(std::string_view line) {
  std::vector<std::string_view> out;
  while (!line.empty()) {
    std::size_t start = line.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    line.remove_prefix(start);
    std::size_t end = line.find(' ');
    out.push_back(line.substr(0, end));
    line =
        end == std::string_view::npos ? std::string_view() : line.substr(end);
  }
  return out;
}

}  // namespace

MeiStatus MeiStatusFromString(std::string_view text) {
  for (MeiStatus s :
       {MeiStatus::kOk, MeiStatus::kNoDevice, MeiStatus::kNeedsRoot,
        MeiStatus::kNoSuchClient, MeiStatus::kBusy}) {
    if (ToString(s) == text) return s;
  }
  return MeiStatus::kIoError;
}

MeiConnectResult RecordingMei::Connect(const MeiUuid& client) {
  client_ = client;
  MeiConnectResult r = inner_.Connect(client);
  log_ += fmt::format("connect {} {} {} {}\n", client.ToString(),
                      ToString(r.status), r.max_msg_length, r.protocol_version);
  return r;
}

Status RecordingMei::Write(std::span<const std::uint8_t> message) {
  pending_request_ = ToHex(message);
  return inner_.Write(message);
}

Result<std::vector<std::uint8_t>> RecordingMei::Read(
    std::size_t max_len, std::chrono::milliseconds timeout) {
  auto reply = inner_.Read(max_len, timeout);
  std::string hex = !reply.ok() ? "!" : reply->empty() ? "-" : ToHex(*reply);
  log_ +=
      fmt::format("xfer {} {} {}\n", client_.ToString(), pending_request_, hex);
  return reply;
}

ReplayMei ReplayMei::Parse(std::string_view text) {
  ReplayMei out;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = TrimValue(text.substr(0, nl));
    text =
        nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> f = Split(line);
    if (f.size() == 5 && f[0] == "connect" && MeiUuid::Parse(f[1]).ok()) {
      MeiConnectResult r;
      r.status = MeiStatusFromString(f[2]);
      std::from_chars(f[3].data(), f[3].data() + f[3].size(), r.max_msg_length);
      unsigned proto = 0;
      std::from_chars(f[4].data(), f[4].data() + f[4].size(), proto);
      r.protocol_version = static_cast<std::uint8_t>(proto);
      r.detail = "recorded in the capture";
      out.connects_[std::string(f[1])] = r;
    } else if (f.size() == 4 && f[0] == "xfer" && FromHex(f[2]).ok() &&
               (f[3] == "-" || f[3] == "!" || FromHex(f[3]).ok())) {
      out.xfers_[{std::string(f[1]), std::string(f[2])}] = std::string(f[3]);
    } else {
      ++out.malformed_;
    }
  }
  return out;
}

MeiConnectResult ReplayMei::Connect(const MeiUuid& client) {
  connected_ = false;
  client_ = client.ToString();
  auto it = connects_.find(client_);
  if (it == connects_.end()) {
    MeiConnectResult r;
    r.status = MeiStatus::kIoError;
    r.detail = "client not in the capture";
    return r;
  }
  connected_ = it->second.status == MeiStatus::kOk;
  return it->second;
}

Status ReplayMei::Write(std::span<const std::uint8_t> message) {
  if (!connected_) return Status::IoError("write to an unconnected MEI handle");
  auto it = xfers_.find({client_, ToHex(message)});
  reply_ = it == xfers_.end() ? "!" : it->second;
  return Status::Ok();
}

Result<std::vector<std::uint8_t>> ReplayMei::Read(
    std::size_t max_len, std::chrono::milliseconds /*timeout*/) {
  std::string reply = std::exchange(reply_, "!");
  if (reply == "!")
    return Status::DeadlineExceeded("no recorded reply for this request");
  if (reply == "-") return std::vector<std::uint8_t>{};
  AMTSCOPE_ASSIGN_OR_RETURN(std::vector<std::uint8_t> bytes, FromHex(reply));
  if (bytes.size() > max_len) bytes.resize(max_len);
  return bytes;
}

}  // namespace amtscope
