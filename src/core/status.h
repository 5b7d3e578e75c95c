// Status: the outcome of an operation, as a value (after LevelDB's Status).
#ifndef AMTSCOPE_CORE_STATUS_H_
#define AMTSCOPE_CORE_STATUS_H_

#include <memory>
#include <string>
#include <string_view>

namespace amtscope {

/// What kind of failure a Status carries; the CLI maps it to an exit code.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,   // bad user input: usage/configuration (exit 2)
  kNotFound,          // a named thing does not exist (exit 2 when user-named)
  kCorruption,        // malformed data from a file, peer or device
  kIoError,           // the OS refused (open, read, bind, ioctl)
  kPermissionDenied,  // needs more privileges
  kUnavailable,       // a peer or device is absent or busy
  kDeadlineExceeded,  // a timeout fired
  kInterrupted,       // SIGINT/SIGTERM
};

/// Success, or a failure code with a one-line message and an optional hint
/// telling the user what to do next. Cheap to copy when OK.
class [[nodiscard]] Status {
 public:
  /// An OK status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view msg,
                                std::string_view hint = {}) {
    return Status(StatusCode::kInvalidArgument, msg, hint);
  }
  static Status NotFound(std::string_view msg, std::string_view hint = {}) {
    return Status(StatusCode::kNotFound, msg, hint);
  }
  static Status Corruption(std::string_view msg, std::string_view hint = {}) {
    return Status(StatusCode::kCorruption, msg, hint);
  }
  static Status IoError(std::string_view msg, std::string_view hint = {}) {
    return Status(StatusCode::kIoError, msg, hint);
  }
  static Status PermissionDenied(std::string_view msg,
                                 std::string_view hint = {}) {
    return Status(StatusCode::kPermissionDenied, msg, hint);
  }
  static Status Unavailable(std::string_view msg, std::string_view hint = {}) {
    return Status(StatusCode::kUnavailable, msg, hint);
  }
  static Status DeadlineExceeded(std::string_view msg,
                                 std::string_view hint = {}) {
    return Status(StatusCode::kDeadlineExceeded, msg, hint);
  }
  static Status Interrupted(std::string_view msg, std::string_view hint = {}) {
    return Status(StatusCode::kInterrupted, msg, hint);
  }

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  /// The message without the hint ("" when OK).
  const std::string& message() const;
  /// What the user should do next ("" when none).
  const std::string& hint() const;
  /// One line: "message (hint: ...)"; "OK" when ok().
  std::string ToString() const;
  /// A copy whose message is prefixed with `context: `.
  Status WithContext(std::string_view context) const;

 private:
  struct Rep {
    StatusCode code;
    std::string message;
    std::string hint;
  };
  Status(StatusCode code, std::string_view msg, std::string_view hint);

  std::shared_ptr<const Rep> rep_;  // null when OK
};

/// Returns early from the enclosing function when `expr` is not OK.
#define AMTSCOPE_RETURN_IF_ERROR(expr) \
  do {                                 \
    ::amtscope::Status _st = (expr);   \
    if (!_st.ok()) return _st;         \
  } while (0)

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_STATUS_H_
