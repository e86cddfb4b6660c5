// -R against a fake kernel: lines run in order, consecutive changes are
// pipelined in one batch, and what the user sees is exactly what 1.31 prints
// running line by line (IPVSADM-1.31.md §3.5): a kernel rejection's message
// at its line's position and the restore going on, a parse error ending it
// at once (exit 2) with earlier lines applied, listings seeing every earlier
// change, the exit status being the last line's.

#include <gtest/gtest.h>

#include <cerrno>
#include <sstream>

#include "cli/runner.hpp"
#include "fakes/cli_harness.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::cli {
namespace {

using testing::CliHarness;
using testing::FakeKernel;
namespace cmd = nl::cmd;

class RestoreTest : public ::testing::Test {
 protected:
  /// Addresses of the kernel's services, in insertion order ("10.0.0.1:80").
  std::vector<std::string> services() const {
    std::vector<std::string> out;
    for (const auto& e : h_.kernel->table) {
      out.push_back(e.service.key.address.to_string() + ":" + std::to_string(e.service.key.port));
    }
    return out;
  }
  using Strings = std::vector<std::string>;

  CliHarness h_;
};

TEST_F(RestoreTest, ConsecutiveChangesGoToTheKernelInOneDatagramInLineOrder) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80 -s rr\n"
                       "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m\n"
                       "-a -t 10.0.0.1:80 -r 192.168.1.3:80 -m\n"
                       "-E -t 10.0.0.1:80 -s wlc\n"),
            0);
  EXPECT_EQ(h_.io.transcript(), "");
  EXPECT_EQ(h_.kernel->datagram_requests, std::vector<std::size_t>{4});
  EXPECT_EQ(h_.kernel->commands,
            (std::vector<std::uint8_t>{cmd::kNewService, cmd::kNewDest, cmd::kNewDest, cmd::kSetService}));
  ASSERT_EQ(h_.kernel->table.size(), 1u);
  EXPECT_EQ(h_.kernel->table[0].service.scheduler, "wlc");
  EXPECT_EQ(h_.kernel->table[0].dests.size(), 2u);
}

TEST_F(RestoreTest, ARejectionInsideABatchIsReportedAndLaterLinesStillApply) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n"
                       "-A -t 10.0.0.1:80\n"
                       "-A -t 10.0.0.2:80\n"),
            0);  // the last line succeeded
  EXPECT_EQ(h_.io.transcript(), "E: Service already exists\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80", "10.0.0.2:80"}));
  EXPECT_EQ(h_.kernel->datagram_requests, std::vector<std::size_t>{3});
}

TEST_F(RestoreTest, TheStatusIsTheLastLines) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n-A -t 10.0.0.2:80\n-A -t 10.0.0.1:80\n"), 255);
  EXPECT_EQ(h_.io.transcript(), "E: Service already exists\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80", "10.0.0.2:80"}));
}

TEST_F(RestoreTest, RunRestoreGivesTheLastLinesStatusWithoutExiting) {
  std::istringstream in("-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n");
  const RunResult r = run_restore(in, h_.ctx);
  EXPECT_EQ(r.status, -1);
  EXPECT_FALSE(r.exit_now);
  std::istringstream again("-A -t 10.0.0.1:80\n-A -t 10.0.0.2:80\n");
  const RunResult ok = run_restore(again, h_.ctx);
  EXPECT_EQ(ok.status, 0);
  EXPECT_FALSE(ok.exit_now);
}

TEST_F(RestoreTest, SeveralRejectionsAreReportedInLineOrder) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n"
                       "-a -t 10.0.0.9:80 -r 192.168.1.2:80\n"
                       "-A -t 10.0.0.1:80\n"
                       "-a -t 10.0.0.1:80 -r 192.168.1.2:80\n"
                       "-d -t 10.0.0.1:80 -r 192.168.1.9:80\n"
                       "-D -t 10.0.0.7:80\n"),
            255);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service not defined\n"
            "E: Service already exists\n"
            "E: No such destination\n"
            "E: No such service\n");
  EXPECT_EQ(h_.kernel->table[0].dests.size(), 1u);
}

TEST_F(RestoreTest, AListingSeesEveryEarlierChangeAndMessagesKeepTheirPlace) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80 -s rr\n"
                       "-A -t 10.0.0.1:80\n"
                       "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m\n"
                       "-Ln\n"
                       "-A -t 10.0.0.1:80\n"
                       "-A -t 10.0.0.2:80 -s rr\n"),
            0);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service already exists\n"
            "O: IP Virtual Server version 1.2.1 (size=4096)\n"
            "O: Prot LocalAddress:Port Scheduler Flags\n"
            "O:   -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            "O: TCP  10.0.0.1:80 rr\n"
            "O:   -> 192.168.1.2:80               Masq    1      0          0         \n"
            "E: Service already exists\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80", "10.0.0.2:80"}));
  EXPECT_EQ(h_.kernel->commands,
            (std::vector<std::uint8_t>{cmd::kNewService, cmd::kNewService, cmd::kNewDest, cmd::kGetService,
                                       cmd::kGetDest, cmd::kNewService, cmd::kNewService}));
}

TEST_F(RestoreTest, AListingLineGivesItsOwnStatus) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n-Sn\n"), 0);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service already exists\n"
            "O: -A -t 10.0.0.1:80 -s wlc\n");
}

TEST_F(RestoreTest, AParseErrorEndsTheRestoreAtOnceAfterEarlierLines) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n"
                       "-A -t 10.0.0.1:80\n"
                       "-A -t 10.0.0.2:0\n"
                       "-A -t 10.0.0.3:80\n"),
            2);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service already exists\n"
            "E: Zero port specified for non-persistent service\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80"}));
  EXPECT_EQ(h_.kernel->commands, (std::vector<std::uint8_t>{cmd::kNewService, cmd::kNewService}));
}

TEST_F(RestoreTest, APoptErrorLineFailsThatLineOnly) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n"
                       "-A -t 10.0.0.1:80\n"
                       "-L --bogus\n"
                       "-A -t 10.0.0.2:80\n"),
            0);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service already exists\n"
            "E: --bogus: unknown option\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80", "10.0.0.2:80"}));
  h_.io.clear();
  EXPECT_EQ(h_.restore("-A -t 10.0.0.3:80\n-L --bogus\n"), 255);
  EXPECT_EQ(h_.io.transcript(), "E: --bogus: unknown option\n");
  EXPECT_EQ(h_.kernel->table.size(), 3u);
}

TEST_F(RestoreTest, CommentLinesAreSkippedAndDoNotCountAsTheLastLine) {
  // COMPAT D6: 1.31 aborts on these lines; ours skips them.
  EXPECT_EQ(h_.restore("# saved table\n"
                       "-A -t 10.0.0.1:80\n"
                       "   #indented comment\n"
                       "-A -t 10.0.0.1:80\n"
                       "# trailing comment\n"),
            255);
  EXPECT_EQ(h_.io.transcript(), "E: Service already exists\n");
  h_.io.clear();
  // '#' later on a line is an argument like any other.
  EXPECT_EQ(h_.restore("-A -t 10.0.0.2:80 # x\n-A -t 10.0.0.3:80\n"), 2);
  EXPECT_EQ(h_.io.transcript(), "E: unexpected argument #\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80"}));
}

TEST_F(RestoreTest, ANestedRestoreEndsTheRestoreWithTryHelp) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n-R\n-A -t 10.0.0.2:80\n"), 255);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service already exists\n"
            "E: Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80"}));
}

TEST_F(RestoreTest, HelpOrVersionEndsTheRestoreWithSuccess) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n-v\n-A -t 10.0.0.2:80\n"), 0);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service already exists\n"
            "O: ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80"}));
}

TEST_F(RestoreTest, AListingFailureEndsTheRestoreWithExitOne) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n"
                       "-Ln -t 10.0.0.9:80\n"
                       "-A -t 10.0.0.2:80\n"),
            1);
  EXPECT_EQ(h_.io.transcript(), "E: No such service\n");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80"}));
  h_.kernel->reject = FakeKernel::fail_always(cmd::kGetConfig, EPERM);
  h_.io.clear();
  EXPECT_EQ(h_.restore("-A -t 10.0.0.3:80\n-L --timeout\n-A -t 10.0.0.4:80\n"), 1);
  EXPECT_EQ(h_.io.transcript(), "");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80", "10.0.0.3:80"}));
}

TEST_F(RestoreTest, InputForms) {
  // "ipvsadm" words are dropped, CR is a blank, blank lines are skipped, the
  // last line needs no newline.
  EXPECT_EQ(h_.restore("ipvsadm -A -t 10.0.0.1:80\r\n\n   \n-A ipvsadm -t 10.0.0.2:80"), 0);
  EXPECT_EQ(h_.io.transcript(), "");
  EXPECT_EQ(services(), (Strings{"10.0.0.1:80", "10.0.0.2:80"}));
}

TEST_F(RestoreTest, EmptyInputSucceeds) {
  EXPECT_EQ(h_.restore(""), 0);
  EXPECT_EQ(h_.io.transcript(), "");
  EXPECT_TRUE(h_.kernel->commands.empty());
}

TEST_F(RestoreTest, EveryTableChangingCommandRunsInTheBatch) {
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n"
                       "-a -t 10.0.0.1:80 -r 192.168.1.2:80\n"
                       "-e -t 10.0.0.1:80 -r 192.168.1.2:80 -w 4\n"
                       "-Z -t 10.0.0.1:80\n"
                       "-Z\n"
                       "--set 5 6 7\n"
                       "--start-daemon master\n"
                       "--stop-daemon master\n"
                       "-d -t 10.0.0.1:80 -r 192.168.1.2:80\n"
                       "-D -t 10.0.0.1:80\n"
                       "-A -t 10.0.0.2:80\n"
                       "-C\n"),
            0);
  EXPECT_EQ(h_.io.transcript(), "");
  EXPECT_EQ(h_.kernel->datagram_requests, std::vector<std::size_t>{12});
  EXPECT_EQ(h_.kernel->commands,
            (std::vector<std::uint8_t>{cmd::kNewService, cmd::kNewDest, cmd::kSetDest, cmd::kZero, cmd::kZero,
                                       cmd::kSetConfig, cmd::kNewDaemon, cmd::kDelDaemon, cmd::kDelDest,
                                       cmd::kDelService, cmd::kNewService, cmd::kFlush}));
  EXPECT_EQ(h_.kernel->timeouts, (Timeouts{5, 6, 7}));
  EXPECT_TRUE(h_.kernel->table.empty());
}

TEST_F(RestoreTest, ManyLinesWithOneRejectionFarIn) {
  std::string rules = "-A -t 10.0.0.1:80\n";
  for (int i = 0; i < 5000; ++i) {
    rules += "-a -t 10.0.0.1:80 -r 10." + std::to_string(1 + i / 65536) + "." + std::to_string(i / 256 % 256) +
             "." + std::to_string(i % 256) + ":80\n";
    if (i == 4500) rules += "-a -t 10.0.0.1:80 -r 10.1.0.7:80\n";  // a duplicate
  }
  EXPECT_EQ(h_.restore(rules), 0);
  EXPECT_EQ(h_.io.transcript(), "E: Destination already exists\n");
  EXPECT_EQ(h_.kernel->table[0].dests.size(), 5000u);
  EXPECT_EQ(h_.kernel->commands.size(), 5002u);
}

}  // namespace
}  // namespace ipvs::cli
