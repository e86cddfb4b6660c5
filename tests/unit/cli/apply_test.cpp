// --apply over the fake kernel: the table ends as the rule set says with only
// the differences sent; --dry-run prints a plan that -R turns into the same
// table; invalid input sends nothing; a refusal is rolled back (255), a failed
// rollback says what stays (3); JSON input; --drain.
#include "cli/apply.hpp"

#include <gtest/gtest.h>

#include <cerrno>

#include "fakes/cli_harness.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::cli {
namespace {

using testing::CliHarness;
using testing::FakeKernel;

constexpr const char* kRulesA =
    "-A -t 10.0.0.1:80 -s rr\n"
    "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1\n"
    "-a -t 10.0.0.1:80 -r 192.168.1.3:80 -m -w 1\n"
    "-A -u 10.0.0.2:53 -s wlc\n"
    "-a -u 10.0.0.2:53 -r 192.168.1.4:53 -g -w 1\n";

// B: 10.0.0.1 re-scheduled, .2 re-weighted, .3 gone, .5 new; 10.0.0.2 gone; fwmark 7 new.
constexpr const char* kRulesB =
    "# reloaded\n"
    "-A -t 10.0.0.1:80 -s wrr -p 300\n"
    "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 5\n"
    "\n"
    "-a -t 10.0.0.1:80 -r 192.168.1.5:80 -m -w 1\n"
    "-A -f 7 -s rr\n"
    "-a -f 7 -r 192.168.1.6:0 -g -w 2\n";

class ApplyTest : public ::testing::Test {
 protected:
  std::string saved() {
    h_.io.clear();
    EXPECT_EQ(h_.run("-Sn"), 0);
    return h_.io.out_text();
  }
  /// -Sn of a table loaded with -R from `rules` into a fresh fake kernel.
  static std::string saved_of(const std::string& rules) {
    CliHarness other;
    EXPECT_EQ(other.restore(rules), 0) << other.io.err_text();
    other.io.clear();
    other.run("-Sn");
    return other.io.out_text();
  }
  int apply(const std::string& options, const std::string& rules) {
    h_.io.clear();
    h_.kernel->commands.clear();
    return h_.run("--apply - " + options, rules);
  }
  /// Requests that changed the table (not the GET dumps).
  std::size_t changes() const {
    std::size_t n = 0;
    for (std::uint8_t c : h_.kernel->commands) {
      n += c == nl::cmd::kNewService || c == nl::cmd::kSetService || c == nl::cmd::kDelService ||
           c == nl::cmd::kNewDest || c == nl::cmd::kSetDest || c == nl::cmd::kDelDest || c == nl::cmd::kFlush;
    }
    return n;
  }
  CliHarness h_;
};

TEST_F(ApplyTest, OntoAnEmptyTableThenOnlyTheDifferences) {
  EXPECT_EQ(apply("", kRulesA), 0);
  EXPECT_EQ(h_.io.transcript(), "");
  EXPECT_EQ(saved(), saved_of(kRulesA));
  EXPECT_EQ(apply("", kRulesB), 0);
  EXPECT_EQ(h_.io.transcript(), "");
  EXPECT_EQ(saved(), saved_of(kRulesB));
  // -E 10.0.0.1, -e .2, -a .5, -d .3, -A fwmark 7 + its -a, -D 10.0.0.2: 7 changes, no flush.
  EXPECT_EQ(apply("", kRulesA), 0);
  EXPECT_EQ(changes(), 7u);
  EXPECT_EQ(saved(), saved_of(kRulesA));
  // Nothing to do: nothing sent.
  EXPECT_EQ(apply("", kRulesA), 0);
  EXPECT_EQ(changes(), 0u);
}

TEST_F(ApplyTest, DryRunPrintsAPlanThatRestoreTurnsIntoTheRuleSet) {
  ASSERT_EQ(apply("", kRulesA), 0);
  const std::string before = saved();
  EXPECT_EQ(apply("--dry-run", kRulesB), 0);
  EXPECT_EQ(changes(), 0u);
  EXPECT_EQ(h_.io.err_text(), "");
  EXPECT_EQ(h_.io.out_text(),
            "-A -f 7 -s rr\n"
            "-a -f 7 -r 192.168.1.6:0 -g -w 2\n"
            "-E -t 10.0.0.1:80 -s wrr -p 300\n"
            "-a -t 10.0.0.1:80 -r 192.168.1.5:80 -m -w 1\n"
            "-e -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 5\n"
            "-d -t 10.0.0.1:80 -r 192.168.1.3:80\n"
            "-D -u 10.0.0.2:53\n");
  const std::string plan = h_.io.out_text();
  EXPECT_EQ(saved(), before);
  EXPECT_EQ(h_.restore(plan), 0);
  EXPECT_EQ(saved(), saved_of(kRulesB));
  // Nothing to do: no output at all.
  EXPECT_EQ(apply("--dry-run", kRulesB), 0);
  EXPECT_EQ(h_.io.transcript(), "");
  // The options may come first, and the plan may be JSON.
  h_.io.clear();
  EXPECT_EQ(h_.run("--dry-run --json --apply -", kRulesA), 0);
  EXPECT_EQ(h_.io.out_text().rfind(R"({"plan":[{"op":"add-service","service":{"protocol":"udp","address":"10.0.0.2")", 0),
            0u)
      << h_.io.out_text();
  h_.io.clear();
  EXPECT_EQ(h_.run("--dry-run --json --apply -", kRulesB), 0);
  EXPECT_EQ(h_.io.out_text(), "{\"plan\":[]}\n");
}

TEST_F(ApplyTest, InvalidInputSendsNothing) {
  ASSERT_EQ(apply("", kRulesA), 0);
  const std::string before = saved();
  struct Case {
    std::string rules;
    std::string message;
  };
  const Case cases[] = {
      {"-A -t 10.0.0.1:80\n-C\n", "-:2: only -A (--add-service) and -a (--add-server) lines make a rule set\n"},
      {"-A -t 10.0.0.1:80\n\n-A -t 10.0.0.1:80 -s rr\n", "-:3: the service is defined twice (first at -:1)\n"},
      {"-A -t 10.0.0.1:80\n-a -t 10.0.0.1:80 -r 1.2.3.4\n-a -t 10.0.0.1:80 -r 1.2.3.4 -w 2\n",
       "-:3: the real server is defined twice (first at -:2)\n"},
      {"-a -t 10.0.0.9:80 -r 1.2.3.4\n", "-:1: a real server of a service no line before it defines\n"},
      {"-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 1.2.3.4 -w 99999999999\n", "-:2: illegal weight specified\n"},
      {"-A -t 10.0.0.1:80 --bogus\n", "-:1: --bogus: unknown option\n"},
      {"{\"services\": 5}", "-: services: expected an array\n"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(apply("", c.rules), kApplyInvalidInput) << c.rules;
    EXPECT_EQ(h_.io.err_text(), c.message) << c.rules;
    EXPECT_TRUE(h_.kernel->commands.empty()) << c.rules;  // not even the table was read
  }
  EXPECT_EQ(saved(), before);
  h_.io.clear();
  EXPECT_EQ(h_.run("--apply /nonexistent/rules"), kApplyInvalidInput);
  EXPECT_EQ(h_.io.err_text(), "cannot open file /nonexistent/rules: No such file or directory\n");
}

TEST_F(ApplyTest, ARefusalIsRolledBackAndNamesItsLine) {
  ASSERT_EQ(apply("", kRulesA), 0);
  const std::string before = saved();
  // The third real server added (line 5: the new services' come first) is
  // refused; the steps before it and after it were applied, and are undone.
  const std::string rules = std::string(kRulesB) + "-a -f 7 -r 192.168.1.7:0 -g -w 1\n";
  h_.kernel->reject = FakeKernel::fail_nth(nl::cmd::kNewDest, 2, EINVAL);
  EXPECT_EQ(apply("", rules), kApplyRolledBack);
  EXPECT_EQ(h_.io.err_text(),
            "-:5: Invalid operation.  Possibly wrong module version, address not unicast, ...\n"
            "the table was put back as it was; nothing changed\n");
  h_.kernel->reject = nullptr;
  EXPECT_EQ(saved(), before);
  // The kernel refuses an unknown scheduler (ENOENT) at an edit.
  EXPECT_EQ(apply("", std::string(kRulesA).replace(21, 2, "nosuch")), kApplyRolledBack);
  EXPECT_EQ(h_.io.err_text().substr(0, 4), "-:1:");
  EXPECT_EQ(saved(), before);
}

TEST_F(ApplyTest, AFailedRollbackSaysWhatStays) {
  ASSERT_EQ(apply("", kRulesA), 0);
  // Deleting 10.0.0.2 (the plan's last step) fails; undoing the fwmark add fails too.
  int deletes = 0;
  h_.kernel->reject = [&](std::uint8_t cmd) { return cmd == nl::cmd::kDelService && deletes++ < 2 ? EPERM : 0; };
  EXPECT_EQ(apply("", kRulesB), kApplyRollbackFailed);
  h_.kernel->reject = nullptr;
  EXPECT_EQ(h_.io.err_text(),
            "-D -u 10.0.0.2:53: Permission denied (you must be root)\n"
            "putting the table back failed too; these changes stay:\n"
            "  not undone: -D -f 7: Permission denied (you must be root)\n");
}

TEST_F(ApplyTest, JsonRuleSetsApplyLikeTheirText) {
  ASSERT_EQ(apply("", kRulesB), 0);
  h_.io.clear();
  ASSERT_EQ(h_.run("-S --json"), 0);
  const std::string json = h_.io.out_text();
  const std::string text = saved();
  ASSERT_EQ(h_.run("-C"), 0);
  EXPECT_EQ(apply("", json), 0) << h_.io.err_text();
  EXPECT_EQ(saved(), text);
}

TEST_F(ApplyTest, DrainSetsWeightZeroUntilTheConnectionsAreGone) {
  ASSERT_EQ(apply("", kRulesA), 0);
  for (auto& e : h_.kernel->table) {
    for (auto& d : e.dests) d.active_conns = 3;
  }
  const std::string without_3 = "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1\n"
                                "-A -u 10.0.0.2:53 -s wlc\n-a -u 10.0.0.2:53 -r 192.168.1.4:53 -g -w 1\n";
  EXPECT_EQ(apply("--drain --dry-run", without_3), 0);
  EXPECT_EQ(h_.io.out_text(), "-e -t 10.0.0.1:80 -r 192.168.1.3:80 -m -w 0\n");
  EXPECT_EQ(apply("--drain", without_3), 0);
  EXPECT_NE(saved().find("-a -t 10.0.0.1:80 -r 192.168.1.3:80 -m -w 0\n"), std::string::npos);
  EXPECT_EQ(apply("--drain", without_3), 0);
  EXPECT_EQ(changes(), 0u);  // still draining
  for (auto& e : h_.kernel->table) {
    for (auto& d : e.dests) d.active_conns = 0;
  }
  EXPECT_EQ(apply("--drain", without_3), 0);
  EXPECT_EQ(saved(), saved_of(without_3));
}

}  // namespace
}  // namespace ipvs::cli
