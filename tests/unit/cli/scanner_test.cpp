#include "cli/scanner.hpp"

#include <gtest/gtest.h>

namespace ipvs::cli {
namespace {

struct Seen {
  std::vector<std::string> items;  // "id=value" or "ERR:word:text"
  std::vector<std::string> leftovers;
};

Seen scan(std::vector<std::string> args) {
  Scanner s(args);
  Seen seen;
  while (true) {
    ScanItem it = s.next();
    if (it.kind == ScanItem::Kind::End) break;
    if (it.kind == ScanItem::Kind::Error) {
      seen.items.push_back("ERR:" + std::string(it.word) + ":" + std::string(it.error));
      break;
    }
    std::string name(it.spec->long_name.empty() ? std::string(1, it.spec->short_name)
                                                : std::string(it.spec->long_name));
    seen.items.push_back(it.value ? name + "=" + std::string(*it.value) : name);
  }
  seen.leftovers.assign(s.leftovers().begin(), s.leftovers().end());
  return seen;
}

TEST(Scanner, ClustersShortOptions) {
  EXPECT_EQ(scan({"-Ln"}).items, (std::vector<std::string>{"list", "numeric"}));
  EXPECT_EQ(scan({"-lnc"}).items, (std::vector<std::string>{"l", "numeric", "connection"}));
}

TEST(Scanner, ShortOptionTakesRestOfWordOrNextWord) {
  EXPECT_EQ(scan({"-At", "1.2.3.4:80"}).items,
            (std::vector<std::string>{"add-service", "tcp-service=1.2.3.4:80"}));
  EXPECT_EQ(scan({"-t1.2.3.4:80"}).items, (std::vector<std::string>{"tcp-service=1.2.3.4:80"}));
  // A single-dash long word is a cluster: -t takes "cp-service".
  EXPECT_EQ(scan({"-tcp-service", "x"}).items, (std::vector<std::string>{"tcp-service=cp-service"}));
}

TEST(Scanner, RequiredValueIsNextWordWhateverItIs) {
  EXPECT_EQ(scan({"-A", "-t", "-L"}).items, (std::vector<std::string>{"add-service", "tcp-service=-L"}));
}

TEST(Scanner, LongOptionsTakeEqualsOrNextWord) {
  EXPECT_EQ(scan({"--tcp-service=a:1", "--scheduler", "rr"}).items,
            (std::vector<std::string>{"tcp-service=a:1", "scheduler=rr"}));
}

TEST(Scanner, OptionalValueSkipsDashWords) {
  EXPECT_EQ(scan({"-p", "600"}).items, (std::vector<std::string>{"persistent=600"}));
  EXPECT_EQ(scan({"-p600"}).items, (std::vector<std::string>{"persistent=600"}));
  EXPECT_EQ(scan({"--persistent=600"}).items, (std::vector<std::string>{"persistent=600"}));
  EXPECT_EQ(scan({"-p", "-n"}).items, (std::vector<std::string>{"persistent", "numeric"}));
  EXPECT_EQ(scan({"-p"}).items, (std::vector<std::string>{"persistent"}));
  EXPECT_EQ(scan({"-p", "rr"}).items, (std::vector<std::string>{"persistent=rr"}));
  EXPECT_EQ(scan({"-p=5"}).items, (std::vector<std::string>{"persistent=5"}));
  EXPECT_EQ(scan({"-t=1.2.3.4:80"}).items, (std::vector<std::string>{"tcp-service=1.2.3.4:80"}));
}

TEST(Scanner, ErrorsNameTheWholeWord) {
  EXPECT_EQ(scan({"-Lq"}).items, (std::vector<std::string>{"list", "ERR:-Lq:unknown option"}));
  EXPECT_EQ(scan({"--bogus=3"}).items, (std::vector<std::string>{"ERR:--bogus=3:unknown option"}));
  EXPECT_EQ(scan({"--numeric=3"}).items,
            (std::vector<std::string>{"ERR:--numeric=3:option does not take an argument"}));
  EXPECT_EQ(scan({"-A", "-t"}).items,
            (std::vector<std::string>{"add-service", "ERR:-t:missing argument"}));
  EXPECT_EQ(scan({"--tcp", "x"}).items, (std::vector<std::string>{"ERR:--tcp:unknown option"}));
}

TEST(Scanner, NonOptionsAreKeptAsideAndDoubleDashEndsOptions) {
  Seen s = scan({"-L", "foo", "-n", "--", "-x", "-"});
  EXPECT_EQ(s.items, (std::vector<std::string>{"list", "numeric"}));
  EXPECT_EQ(s.leftovers, (std::vector<std::string>{"foo", "-x", "-"}));
}

}  // namespace
}  // namespace ipvs::cli
