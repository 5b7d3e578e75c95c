// BoundedQueue: hands items from one thread to another, at most `capacity`
// waiting, so a fast producer (a parser) cannot outrun a slow consumer (a
// database) by more than that: memory stays bounded whatever the input's
// size.
#ifndef AMTSCOPE_CORE_BOUNDED_QUEUE_H_
#define AMTSCOPE_CORE_BOUNDED_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <optional>
#include <utility>

#include "core/mutex.h"

namespace amtscope {

template <typename T>
class BoundedQueue {
 public:
  /// At most `capacity` (at least 1) items wait.
  explicit BoundedQueue(size_t capacity)
      : capacity_(capacity == 0 ? 1 : capacity) {}

  /// Adds `item`, waiting while the queue is full; false (item dropped) once
  /// the consumer has cancelled.
  bool Push(T item) EXCLUDES(mu_) {
    MutexLock lock(mu_);
    cv_.wait(mu_, [this]() NO_THREAD_SAFETY_ANALYSIS {
      return cancelled_ || items_.size() < capacity_;
    });
    if (cancelled_) return false;
    items_.push_back(std::move(item));
    cv_.notify_all();
    return true;
  }

  /// The oldest item, waiting for one; nullopt once closed and drained, or
  /// cancelled.
  std::optional<T> Pop() EXCLUDES(mu_) {
    MutexLock lock(mu_);
    cv_.wait(mu_, [this]() NO_THREAD_SAFETY_ANALYSIS {
      return cancelled_ || closed_ || !items_.empty();
    });
    if (cancelled_ || items_.empty()) return std::nullopt;
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    cv_.notify_all();
    return item;
  }

  /// The producer's: nothing more comes; Pop drains what waits.
  void Close() EXCLUDES(mu_) {
    MutexLock lock(mu_);
    closed_ = true;
    cv_.notify_all();
  }

  /// The consumer's: it takes nothing more; waiting items are dropped and
  /// Push fails from now on.
  void Cancel() EXCLUDES(mu_) {
    MutexLock lock(mu_);
    cancelled_ = true;
    items_.clear();
    cv_.notify_all();
  }

 private:
  const size_t capacity_;
  Mutex mu_;
  std::condition_variable_any cv_;
  std::deque<T> items_ GUARDED_BY(mu_);
  bool closed_ GUARDED_BY(mu_) = false;
  bool cancelled_ GUARDED_BY(mu_) = false;
};

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_BOUNDED_QUEUE_H_
