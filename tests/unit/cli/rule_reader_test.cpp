#include "cli/rule_reader.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace ipvs::cli {
namespace {

using Words = std::vector<std::string>;

std::vector<Words> read_all(const std::string& text) {
  std::istringstream in(text);
  RuleReader r(in);
  std::vector<Words> out;
  for (Words w; r.next_into(w); w.clear()) out.push_back(w);
  return out;
}

TEST(RuleReader, SplitsOnBlanksTabsAndCarriageReturns) {
  EXPECT_EQ(read_all("-A\t-t 10.0.0.1:80\r\n-a  -t x\n"),
            (std::vector<Words>{{"-A", "-t", "10.0.0.1:80"}, {"-a", "-t", "x"}}));
}

TEST(RuleReader, DropsIpvsadmWordsAndEmptyLines) {
  EXPECT_EQ(read_all("ipvsadm -A -t x ipvsadm\n\n   \nipvsadm\n-C"),
            (std::vector<Words>{{"-A", "-t", "x"}, {"-C"}}));
}

TEST(RuleReader, FirstWordCommentsAreSkipped) {  // COMPAT D6
  EXPECT_EQ(read_all("# saved\n  #x -A\n-C # not a comment\n"),
            (std::vector<Words>{{"-C", "#", "not", "a", "comment"}}));
}

TEST(RuleReader, LineNumbersCountSkippedLines) {
  std::istringstream in("# saved\n\n-A -t x\n   \n# -C\n-a -t x -r y");
  RuleReader r(in);
  Words w;
  ASSERT_TRUE(r.next_into(w));
  EXPECT_EQ(r.line_number(), 3u);
  ASSERT_TRUE(r.next_into(w));
  EXPECT_EQ(r.line_number(), 6u);
  EXPECT_FALSE(r.next_into(w));
}

TEST(RuleReader, LongWordsSplitAt4096AndNulEndsAWord) {
  const std::string big(5000, 'x');
  auto rules = read_all("-A " + big + "\n");
  ASSERT_EQ(rules.size(), 1u);
  ASSERT_EQ(rules[0].size(), 3u);
  EXPECT_EQ(rules[0][1].size(), 4096u);
  EXPECT_EQ(rules[0][2].size(), 904u);
  EXPECT_EQ(read_all(std::string("-L\0xyz -n\n", 10)), (std::vector<Words>{{"-L", "-n"}}));
}

TEST(RuleReader, KeepsTheWordsAlreadyThere) {
  std::istringstream in("\n-C\n\n-L -n\n");
  RuleReader r(in);
  Words w{"ipvsadm"};
  ASSERT_TRUE(r.next_into(w));
  EXPECT_EQ(w, (Words{"ipvsadm", "-C"}));
  w.resize(1);
  ASSERT_TRUE(r.next_into(w));
  EXPECT_EQ(w, (Words{"ipvsadm", "-L", "-n"}));
  w.resize(1);
  EXPECT_FALSE(r.next_into(w));
  EXPECT_EQ(w, (Words{"ipvsadm"}));
}

TEST(RuleReader, LastLineWithoutNewlineEndingInBlanksIsARule) {  // COMPAT D8
  EXPECT_EQ(read_all("-C\n-L -n  "), (std::vector<Words>{{"-C"}, {"-L", "-n"}}));
  EXPECT_EQ(read_all("-Z\t\r \t"), (std::vector<Words>{{"-Z"}}));
}

}  // namespace
}  // namespace ipvs::cli
