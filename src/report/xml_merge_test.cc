#include "report/xml_merge.h"

#include <gtest/gtest.h>

#include <string>

namespace amtscope {
namespace {

std::string Host(const std::string& ip, int port, int end) {
  return "<host starttime=\"1\" endtime=\"" + std::to_string(end) +
         "\"><status state=\"up\"/>\n<address addr=\"" + ip +
         "\" addrtype=\"ipv4\"/>\n<hostnames/>\n<ports><port portid=\"" +
         std::to_string(port) + "\"></port>\n</ports>\n</host>\n";
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

TEST(XmlMergeTest, OneHostPerAddressAfterAResume) {
  std::string head =
      "<nmaprun scanner=\"amtscope\">\n<debugging level=\"0\"/>\n";
  std::string tail =
      "<runstats><finished/><hosts up=\"2\" down=\"1\" "
      "total=\"3\"/>\n</runstats>\n</nmaprun>\n";
  std::string xml = head + Host("127.0.0.1", 16992, 5) +
                    Host("127.0.0.2", 16992, 6) + Host("127.0.0.1", 16993, 10) +
                    tail;
  std::string merged = MergeXmlHostsText(xml);
  EXPECT_EQ(Count(merged, "<host "), 2u);
  EXPECT_EQ(Count(merged, "<port "), 3u);
  EXPECT_EQ(Count(merged, "addr=\"127.0.0.1\""), 1u);
  EXPECT_NE(merged.find("endtime=\"10\""), std::string::npos);
  EXPECT_NE(merged.find("<hosts up=\"2\" down=\"1\" total=\"3\"/>"),
            std::string::npos);
  size_t first = merged.find("addr=\"127.0.0.1\"");
  size_t p16993 = merged.find("portid=\"16993\"");
  size_t second = merged.find("addr=\"127.0.0.2\"");
  EXPECT_LT(first, p16993);
  EXPECT_LT(p16993, second);  // the later port joined the first element
  EXPECT_EQ(MergeXmlHostsText(merged), merged);  // idempotent
}

TEST(XmlMergeTest, TextNotLaidOutAsOursIsLeftAlone) {
  std::string odd = "<nmaprun><host ><address addr=\"x\"/></nmaprun>";
  EXPECT_EQ(MergeXmlHostsText(odd), odd);
}

}  // namespace
}  // namespace amtscope
