// Campaigns (issue 14) against a real SQLite file and a real PostgreSQL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "inventory/backend_testutil.h"
#include "inventory/inventory.h"

namespace amtscope {
namespace {

using std::chrono::seconds;

class CampaignTest : public testing::BackendFixture {
 protected:
  ShardClaim Claim(uint32_t shard, std::string holder) {
    ShardClaim c;
    c.campaign = "weekly";
    c.shard = shard;
    c.shards = 2;
    c.key = "targets=198.18.0.0/24 ports=16992";
    c.scan.start = now_;
    c.scan.target_count = 256;
    c.holder = std::move(holder);
    c.now = now_;
    return c;
  }

  ShardProgress Progress(uint32_t shard, std::string holder) {
    ShardProgress p;
    p.shard = shard;
    p.holder = std::move(holder);
    p.now = now_;
    p.total = 128;
    return p;
  }

  static Observation Obs(std::string ip) {
    Observation o;
    o.finding.ip = std::move(ip);
    o.finding.port = 16992;
    o.finding.amt = true;
    o.finding.verdict = ScanVerdict::kVulnerable;
    o.finding.time = std::chrono::system_clock::now();
    return o;
  }

  TimePoint now_ = std::chrono::system_clock::now();
};

TEST_P(CampaignTest, ShardsShareOneScanAndEndDoneOrPartial) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  auto a = inv->ClaimShard(Claim(1, "h:1"));
  auto b = inv->ClaimShard(Claim(2, "h:2"));
  ASSERT_TRUE(a.ok() && b.ok()) << a.status().ToString();
  EXPECT_EQ(a->scan_id, b->scan_id);
  EXPECT_TRUE(a->checkpoint.empty());
  EXPECT_TRUE(a->fresh && b->fresh);
  std::vector<Observation> batch = {Obs("198.18.0.1"), Obs("198.18.0.2")};
  ShardProgress p1 = Progress(1, "h:1");
  p1.checkpoint = "state-1";
  ASSERT_TRUE(inv->SaveShard(a->scan_id, p1, batch).ok());
  // The redirection port of one address is found by both shards: once.
  ASSERT_TRUE(inv->SaveShard(b->scan_id, Progress(2, "h:2"), batch).ok());
  EXPECT_EQ(inv->GetScan(a->scan_id)->observations, 2u);
  ASSERT_TRUE(
      inv->FinishShard(a->scan_id, Progress(1, "h:1"), ScanStatus::kDone).ok());
  EXPECT_EQ(inv->GetScan(a->scan_id)->status, ScanStatus::kRunning);
  ASSERT_TRUE(
      inv->FinishShard(b->scan_id, Progress(2, "h:2"), ScanStatus::kInterrupted)
          .ok());
  EXPECT_EQ(inv->GetScan(a->scan_id)->status, ScanStatus::kPartial);
  // The interrupted shard restarts from its checkpoint; then all are done.
  auto again = inv->ClaimShard(Claim(2, "h:3"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->fresh);
  EXPECT_EQ(inv->GetScan(a->scan_id)->status, ScanStatus::kRunning);
  // What it probes again after its checkpoint is stored once.
  ASSERT_TRUE(inv->SaveShard(a->scan_id, Progress(2, "h:3"), batch).ok());
  EXPECT_EQ(inv->GetScan(a->scan_id)->observations, 2u);
  EXPECT_EQ(inv->Devices({})->size(), 2u);
  ASSERT_TRUE(
      inv->FinishShard(a->scan_id, Progress(2, "h:3"), ScanStatus::kDone).ok());
  auto scan = inv->GetScan(a->scan_id);
  EXPECT_EQ(scan->status, ScanStatus::kDone);
  EXPECT_EQ(scan->campaign, "weekly");
  EXPECT_EQ(scan->shards, 2u);
  EXPECT_EQ(*inv->FindCampaign("weekly"), a->scan_id);
  auto shards = inv->CampaignShards(a->scan_id);
  ASSERT_TRUE(shards.ok());
  ASSERT_EQ(shards->size(), 2u);
  EXPECT_EQ((*shards)[0].checkpoint, "state-1");
  EXPECT_TRUE((*shards)[1].holder.empty());
  EXPECT_TRUE(inv->ClaimShard(Claim(1, "h:9"))->already_done);
}

TEST_P(CampaignTest, LiveHolderRefusesASecondClaimUntilGoneOrExpired) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  auto first = inv->ClaimShard(Claim(1, "h:1"));
  ASSERT_TRUE(first.ok());
  ShardProgress p = Progress(1, "h:1");
  p.checkpoint = "kept";
  ASSERT_TRUE(inv->SaveShard(first->scan_id, p, {}).ok());
  auto second = inv->ClaimShard(Claim(1, "h:2"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(second.status().message().find("held by h:1"), std::string::npos);
  ShardClaim gone = Claim(1, "h:2");
  gone.holder_gone = [](const std::string& h) { return h == "h:1"; };
  auto taken = inv->ClaimShard(gone);
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ(taken->checkpoint, "kept");
  // The old holder learns it lost the shard at its next save.
  Status lost = inv->SaveShard(first->scan_id, Progress(1, "h:1"), {});
  EXPECT_EQ(lost.code(), StatusCode::kUnavailable) << lost.ToString();
  ShardClaim later = Claim(1, "h:3");
  later.now = now_ + seconds(61);  // h:2's lease has run out
  EXPECT_TRUE(inv->ClaimShard(later).ok());
}

TEST_P(CampaignTest, OtherArgumentsAreRefused) {
  auto inv = Open();
  ASSERT_TRUE(inv);
  ASSERT_TRUE(inv->ClaimShard(Claim(1, "h:1")).ok());
  ShardClaim other = Claim(2, "h:2");
  other.key = "targets=198.18.1.0/24 ports=16992";
  auto refused = inv->ClaimShard(other);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("other targets"),
            std::string::npos);
  other = Claim(2, "h:2");
  other.shards = 3;
  EXPECT_FALSE(inv->ClaimShard(other).ok());
  EXPECT_EQ(inv->FindCampaign("monthly").status().code(),
            StatusCode::kNotFound);
}

INSTANTIATE_BACKENDS(CampaignTest);

}  // namespace
}  // namespace amtscope
