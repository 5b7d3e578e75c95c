#include "core/status.h"

#include <gtest/gtest.h>

#include "core/result.h"

namespace amtscope {
namespace {

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, CarriesMessageAndHintOnOneLine) {
  Status s = Status::InvalidArgument("bad port \"x\"", "use -p 16992,16993");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "bad port \"x\" (hint: use -p 16992,16993)");
  EXPECT_EQ(s.ToString().find('\n'), std::string::npos);
}

TEST(StatusTest, WithContextPrefixes) {
  Status s = Status::IoError("no such file").WithContext("targets.txt");
  EXPECT_EQ(s.message(), "targets.txt: no such file");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
}

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  AMTSCOPE_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_EQ(Quarter(6).status().message(), "odd");
}

}  // namespace
}  // namespace amtscope
