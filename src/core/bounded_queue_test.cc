#include "core/bounded_queue.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace amtscope {
namespace {

TEST(BoundedQueueTest, EveryItemInOrderThroughASmallQueue) {
  BoundedQueue<int> queue(2);
  std::thread producer([&] {
    for (int i = 0; i < 1000; ++i) EXPECT_TRUE(queue.Push(i));
    queue.Close();
  });
  std::vector<int> got;
  while (auto item = queue.Pop()) got.push_back(*item);
  producer.join();
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(got[i], i);
}

// A consumer that gives up must not leave the producer blocked on a full
// queue.
TEST(BoundedQueueTest, CancelReleasesABlockedProducer) {
  BoundedQueue<int> queue(1);
  ASSERT_TRUE(queue.Push(1));
  bool pushed = true;
  std::thread producer([&] { pushed = queue.Push(2); });
  queue.Cancel();
  producer.join();
  EXPECT_FALSE(pushed);
  EXPECT_FALSE(queue.Pop().has_value());
}

}  // namespace
}  // namespace amtscope
