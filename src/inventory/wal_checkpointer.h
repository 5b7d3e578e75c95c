// WalCheckpointer: copies a SQLite write-ahead log into its database on a
// thread of its own, so a writer's commits do not wait for the copy.
#ifndef AMTSCOPE_INVENTORY_WAL_CHECKPOINTER_H_
#define AMTSCOPE_INVENTORY_WAL_CHECKPOINTER_H_

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace amtscope {

/// When a background checkpoint starts and when the writer does one itself,
/// in WAL pages.
struct WalCheckpointPages {
  int background = 2048;  // 32 MiB of 16 KiB pages
  int writer = 8192;      // the WAL's bound, as wal_autocheckpoint was
};

/// Takes over `db`'s automatic checkpoints (sqlite3_wal_hook): a commit that
/// leaves `pages.background` pages in the WAL wakes a thread that runs a
/// PASSIVE checkpoint on its own connection to `path`; a commit that leaves
/// `pages.writer` (the thread fell behind, or the log never drained to
/// restart) checkpoints on `db` itself, as SQLite would. Destroy it before
/// closing `db`.
class WalCheckpointer {
 public:
  WalCheckpointer(sqlite3* db, std::string path, WalCheckpointPages pages);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  /// Background checkpoints that ran to the end of the WAL they saw.
  int completed() const;

 private:
  static int Hook(void* self, sqlite3* db, const char* name, int pages);
  void Wake();
  void Run();

  sqlite3* db_;
  std::string path_;
  WalCheckpointPages pages_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;  // guarded by mu_
  bool stop_ = false;    // guarded by mu_
  int completed_ = 0;    // guarded by mu_
  std::thread thread_;   // started by the first Wake
};

}  // namespace amtscope

#endif  // AMTSCOPE_INVENTORY_WAL_CHECKPOINTER_H_
