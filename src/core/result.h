// Result<T>: a value or a failed Status (std::expected needs C++23).
#ifndef AMTSCOPE_CORE_RESULT_H_
#define AMTSCOPE_CORE_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "core/status.h"

namespace amtscope {

/// Holds either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  /// REQUIRES: !status.ok().
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit
    assert(!status_.ok());
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  /// REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

// NOLINTBEGIN(bugprone-macro-parentheses): lhs is a declaration.
/// Assigns the value of a Result expression to `lhs`, or returns its Status.
#define AMTSCOPE_ASSIGN_OR_RETURN(lhs, expr) \
  AMTSCOPE_ASSIGN_OR_RETURN_IMPL(AMTSCOPE_CONCAT(_res_, __LINE__), lhs, expr)
#define AMTSCOPE_CONCAT_INNER(a, b) a##b
#define AMTSCOPE_CONCAT(a, b) AMTSCOPE_CONCAT_INNER(a, b)
#define AMTSCOPE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.status();                  \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_RESULT_H_
