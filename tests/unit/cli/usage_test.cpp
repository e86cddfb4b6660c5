#include "cli/usage.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace ipvs::cli {
namespace {

// tests/golden/help.txt is the reference ipvsadm's -h output captured in the
// lab (run as /ref/ipvsadm, rewritten to "ipvsadm").
TEST(Usage, MatchesTheReferenceHelpText) {
  std::ifstream in(IPVS_TEST_DATA_DIR "/golden/help.txt");
  ASSERT_TRUE(in);
  std::stringstream golden;
  golden << in.rdbuf();
  EXPECT_EQ(usage_text("ipvsadm"), golden.str());
}

TEST(Usage, NamesTheProgramAsInvoked) {
  const std::string text = usage_text("/usr/sbin/ipvsadm");
  EXPECT_NE(text.find("  /usr/sbin/ipvsadm -A|E virtual-service"), std::string::npos);
  EXPECT_EQ(text.find("@P@"), std::string::npos);
}

}  // namespace
}  // namespace ipvs::cli
