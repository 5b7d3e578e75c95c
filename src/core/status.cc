#include "core/status.h"

namespace amtscope {

namespace {
const std::string& Empty() {
  static const std::string* empty = new std::string();
  return *empty;
}
}  // namespace

Status::Status(StatusCode code, std::string_view msg, std::string_view hint)
    : rep_(std::make_shared<const Rep>(
          Rep{code, std::string(msg), std::string(hint)})) {}

const std::string& Status::message() const {
  return rep_ ? rep_->message : Empty();
}

const std::string& Status::hint() const { return rep_ ? rep_->hint : Empty(); }

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out = rep_->message;
  if (!rep_->hint.empty()) out += " (hint: " + rep_->hint + ")";
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(rep_->code, std::string(context) + ": " + rep_->message,
                rep_->hint);
}

}  // namespace amtscope
