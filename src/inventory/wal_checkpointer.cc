// WalCheckpointer: the writer commits while another thread copies.
//
// Why: a checkpoint copies every WAL page into the database file and syncs
// both; done from the commit that crossed the limit (SQLite's automatic
// checkpoint) it stalled a 1M-line import's only writing thread for about
// 7 % of its wall time, on a machine whose other core was mostly idle.
//
// Why the writer still checkpoints sometimes: SQLite rewinds the WAL only
// when a write transaction begins with every frame already copied. A
// background copy that keeps pace but never quite catches up would let the
// log grow without end; at `pages.writer` the writer copies what is left
// (little: the thread did the rest), and the next transaction rewinds.
#include "inventory/wal_checkpointer.h"

#include <utility>

namespace amtscope {

WalCheckpointer::WalCheckpointer(sqlite3* db, std::string path,
                                 WalCheckpointPages pages)
    : db_(db), path_(std::move(path)), pages_(pages) {
  sqlite3_wal_hook(db_, &WalCheckpointer::Hook, this);
}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(db_, nullptr, nullptr);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

int WalCheckpointer::completed() const {
  std::lock_guard<std::mutex> lock(mu_);
  return completed_;
}

int WalCheckpointer::Hook(void* self, sqlite3* db, const char* name,
                          int pages) {
  auto* me = static_cast<WalCheckpointer*>(self);
  if (pages >= me->pages_.writer) {
    // Busy (the thread is copying) is no failure: the next commit retries.
    (void)sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
                                    nullptr, nullptr);
  } else if (pages >= me->pages_.background) {
    me->Wake();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wanted_ = true;
  }
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
  cv_.notify_one();
}

// A failure here loses nothing: the pages stay in the WAL, and the writer's
// own checkpoint at `pages_.writer` copies them.
void WalCheckpointer::Run() {
  sqlite3* own = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &own,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    sqlite3_close_v2(own);
    return;
  }
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return wanted_ || stop_; });
    if (stop_) break;
    wanted_ = false;
    lock.unlock();
    int log = 0;
    int copied = 0;
    // A connection that has read nothing yet does not know the file is in
    // WAL mode, and its checkpoint would be a no-op (log -1).
    (void)sqlite3_exec(own, "PRAGMA schema_version", nullptr, nullptr, nullptr);
    int rc = sqlite3_wal_checkpoint_v2(own, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                       &log, &copied);
    lock.lock();
    if (rc == SQLITE_OK && log >= 0 && copied == log) ++completed_;
  }
  lock.unlock();
  sqlite3_close_v2(own);
}

}  // namespace amtscope
