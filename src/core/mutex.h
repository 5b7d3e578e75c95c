// Mutex and MutexLock: std::mutex with Clang's thread-safety annotations, so
// `-Wthread-safety` (the clang builds in CI: fuzz and clang-tidy) proves each
// GUARDED_BY member is only touched under its lock. libstdc++'s std::mutex
// carries no annotations, hence the wrapper (the pattern of Abseil's Mutex).
// With g++ the macros expand to nothing.
#ifndef AMTSCOPE_CORE_MUTEX_H_
#define AMTSCOPE_CORE_MUTEX_H_

#include <mutex>

#if defined(__clang__)
#define AMTSCOPE_TSA(x) __attribute__((x))
#else
#define AMTSCOPE_TSA(x)
#endif

#define CAPABILITY(x) AMTSCOPE_TSA(capability(x))
#define SCOPED_CAPABILITY AMTSCOPE_TSA(scoped_lockable)
#define GUARDED_BY(x) AMTSCOPE_TSA(guarded_by(x))
#define PT_GUARDED_BY(x) AMTSCOPE_TSA(pt_guarded_by(x))
#define REQUIRES(...) AMTSCOPE_TSA(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) AMTSCOPE_TSA(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) AMTSCOPE_TSA(acquire_capability(__VA_ARGS__))
#define RELEASE(...) AMTSCOPE_TSA(release_capability(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS AMTSCOPE_TSA(no_thread_safety_analysis)

namespace amtscope {

/// A std::mutex the thread-safety analysis knows. Also BasicLockable
/// (lock/unlock), so std::condition_variable_any can wait on it.
class CAPABILITY("mutex") Mutex {
 public:
  /// Blocks until this thread holds the mutex.
  void lock() ACQUIRE() { mu_.lock(); }
  /// Releases the mutex this thread holds.
  void unlock() RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

/// Holds `mu` for the lifetime of the lock (std::lock_guard, annotated).
class SCOPED_CAPABILITY MutexLock {
 public:
  /// Locks `mu`, which must outlive the lock.
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  /// Unlocks.
  ~MutexLock() RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

}  // namespace amtscope

#endif  // AMTSCOPE_CORE_MUTEX_H_
