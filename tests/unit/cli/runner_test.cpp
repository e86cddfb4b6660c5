// The runner (run_outcome / run_request) against a fake kernel: every
// command's exit status and what it prints, on success and on each kernel
// rejection; listing failures; -h / -v; parse errors. Expected texts are
// 1.31's (IPVSADM-1.31.md §2, §3.1, §3.2).

#include "cli/runner.hpp"

#include <gtest/gtest.h>

#include <cerrno>

#include "fakes/cli_harness.hpp"
#include "fakes/fake_transport.hpp"
#include "fakes/ipvs_replies.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::cli {
namespace {

using testing::CliHarness;
using testing::FakeKernel;
namespace cmd = nl::cmd;

constexpr const char* kHeader =
    "IP Virtual Server version 1.2.1 (size=4096)\n"
    "Prot LocalAddress:Port Scheduler Flags\n"
    "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";

class RunnerTest : public ::testing::Test {
 protected:
  /// A service 10.0.0.1:80 (rr) with one real server 192.168.1.2:80.
  void seed() {
    ASSERT_EQ(h_.run("-A -t 10.0.0.1:80 -s rr"), 0);
    ASSERT_EQ(h_.run("-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m"), 0);
    h_.io.clear();
  }

  /// Runs `line`; expects exit 255, nothing on stdout, `message` on stderr.
  void expect_rejected(const std::string& line, const std::string& message) {
    h_.io.clear();
    EXPECT_EQ(h_.run(line), 255) << line;
    EXPECT_EQ(h_.io.out_text(), "") << line;
    EXPECT_EQ(h_.io.err_text(), message + "\n") << line;
  }

  /// Runs `line`; expects exit 0 and no output at all.
  void expect_silent_success(const std::string& line) {
    h_.io.clear();
    EXPECT_EQ(h_.run(line), 0) << line;
    EXPECT_EQ(h_.io.transcript(), "") << line;
  }

  CliHarness h_;
};

// ---- table-changing commands ----------------------------------------------

TEST_F(RunnerTest, AddServiceSucceedsSilentlyAndReachesTheKernel) {
  expect_silent_success("-A -t 10.0.0.1:80 -s rr");
  ASSERT_EQ(h_.kernel->table.size(), 1u);
  EXPECT_EQ(h_.kernel->table[0].service.scheduler, "rr");
  EXPECT_EQ(h_.kernel->table[0].service.key.port, 80);
}

TEST_F(RunnerTest, AddServiceRejections) {
  seed();
  expect_rejected("-A -t 10.0.0.1:80", "Service already exists");
  expect_rejected("-A -t 10.0.0.2:80 -s bogus", "Scheduler or persistence engine not found");
  expect_rejected("-A -t 10.0.0.2:80 -p --pe bogus", "Scheduler or persistence engine not found");
  EXPECT_EQ(h_.kernel->table.size(), 1u);
}

TEST_F(RunnerTest, EditService) {
  seed();
  expect_silent_success("-E -t 10.0.0.1:80 -s wlc -p 600");
  EXPECT_EQ(h_.kernel->table[0].service.scheduler, "wlc");
  EXPECT_EQ(h_.kernel->table[0].service.timeout, 600u);
  expect_rejected("-E -t 10.0.0.9:80 -s rr", "No such service");
  expect_rejected("-E -t 10.0.0.1:80 -s bogus", "Scheduler or persistence engine not found");
}

TEST_F(RunnerTest, DeleteService) {
  seed();
  expect_rejected("-D -t 10.0.0.9:80", "No such service");
  expect_silent_success("-D -t 10.0.0.1:80");
  EXPECT_TRUE(h_.kernel->table.empty());
}

TEST_F(RunnerTest, AddServer) {
  seed();
  expect_silent_success("-a -t 10.0.0.1:80 -r 192.168.1.3:8080 -m -w 5");
  ASSERT_EQ(h_.kernel->table[0].dests.size(), 2u);
  EXPECT_EQ(h_.kernel->table[0].dests[1].weight, 5u);
  expect_rejected("-a -t 10.0.0.9:80 -r 192.168.1.3:80", "Service not defined");
  expect_rejected("-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m", "Destination already exists");
  // ERANGE has no row of its own: strerror's text.
  expect_rejected("-a -t 10.0.0.1:80 -r 192.168.1.4:80 -x 1 -y 5", "Numerical result out of range");
}

TEST_F(RunnerTest, EditServer) {
  seed();
  expect_silent_success("-e -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 7");
  EXPECT_EQ(h_.kernel->table[0].dests[0].weight, 7u);
  expect_rejected("-e -t 10.0.0.9:80 -r 192.168.1.2:80", "Service not defined");
  expect_rejected("-e -t 10.0.0.1:80 -r 192.168.1.9:80", "No such destination");
}

TEST_F(RunnerTest, DeleteServer) {
  seed();
  expect_rejected("-d -t 10.0.0.9:80 -r 192.168.1.2:80", "Service not defined");
  expect_rejected("-d -t 10.0.0.1:80 -r 192.168.1.9:80", "No such destination");
  expect_silent_success("-d -t 10.0.0.1:80 -r 192.168.1.2:80");
  EXPECT_TRUE(h_.kernel->table[0].dests.empty());
}

TEST_F(RunnerTest, Flush) {
  seed();
  expect_silent_success("-C");
  EXPECT_TRUE(h_.kernel->table.empty());
  h_.kernel->reject = FakeKernel::fail_always(cmd::kFlush, EPERM);
  expect_rejected("-C", "Permission denied (you must be root)");
  // flush never names its operation in 1.31: ENOENT reads as strerror's.
  h_.kernel->reject = FakeKernel::fail_always(cmd::kFlush, ENOENT);
  expect_rejected("-C", "No such file or directory");
}

TEST_F(RunnerTest, Zero) {
  seed();
  h_.kernel->table[0].service.stats.conns = 42;
  h_.kernel->table[0].dests[0].stats.conns = 7;
  expect_silent_success("-Z -t 10.0.0.1:80");
  EXPECT_EQ(h_.kernel->table[0].service.stats.conns, 0u);
  EXPECT_EQ(h_.kernel->table[0].dests[0].stats.conns, 0u);
  expect_rejected("-Z -t 10.0.0.9:80", "No such service");
  expect_silent_success("-Z");
  h_.kernel->reject = FakeKernel::fail_always(cmd::kZero, ESRCH);
  expect_rejected("-Z", "No such service");
}

TEST_F(RunnerTest, ZeroSendsTheServiceOnlyWhenOneIsGiven) {
  seed();
  ASSERT_EQ(h_.run("-A -t 10.0.0.2:80"), 0);
  h_.kernel->table[0].service.stats.conns = 1;
  h_.kernel->table[1].service.stats.conns = 2;
  expect_silent_success("-Z -t 10.0.0.2:80");
  EXPECT_EQ(h_.kernel->table[0].service.stats.conns, 1u);
  EXPECT_EQ(h_.kernel->table[1].service.stats.conns, 0u);
  expect_silent_success("-Z");
  EXPECT_EQ(h_.kernel->table[0].service.stats.conns, 0u);
}

TEST_F(RunnerTest, SetTimeouts) {
  expect_silent_success("--set 10 0 30");
  EXPECT_EQ(h_.kernel->timeouts, (Timeouts{10, 120, 30}));
  h_.kernel->reject = FakeKernel::fail_always(cmd::kSetConfig, EINVAL);
  expect_rejected("--set 1 2 3", "Invalid operation.  Possibly wrong module version, address not unicast, ...");
}

TEST_F(RunnerTest, Daemons) {
  expect_rejected("--stop-daemon master", "No daemon is running");
  expect_silent_success("--start-daemon master --mcast-interface eth1 --syncid 5");
  ASSERT_EQ(h_.kernel->daemons.size(), 1u);
  EXPECT_EQ(h_.kernel->daemons[0].mcast_ifname, "eth1");
  EXPECT_EQ(h_.kernel->daemons[0].sync_id, 5u);
  expect_rejected("--start-daemon master", "Daemon has already run");
  expect_silent_success("--stop-daemon master");
  EXPECT_TRUE(h_.kernel->daemons.empty());
}

TEST_F(RunnerTest, GenericErrnoRowsApplyToEveryCommand) {
  seed();
  h_.kernel->reject = FakeKernel::fail_always(cmd::kNewService, EAFNOSUPPORT);
  expect_rejected("-A -t 10.0.0.5:80", "Operation not supported with specified address family");
  h_.kernel->reject = FakeKernel::fail_always(cmd::kSetDest, ENOMEM);
  expect_rejected("-e -t 10.0.0.1:80 -r 192.168.1.2:80", "Memory allocation problem");
}

TEST_F(RunnerTest, AnAnswerThatNeverComesIsReportedWithItsReason) {
  h_.kernel->lose_replies = true;
  expect_rejected("-A -t 10.0.0.1:80",
                  "Connection timed out (outcome unknown: fake kernel: nothing queued)");
}

// ---- listings ---------------------------------------------------------------

TEST_F(RunnerTest, ListAllPrintsTheVersionLineAndSortedServices) {
  seed();
  ASSERT_EQ(h_.run("-A -u 10.0.0.1:53"), 0);
  ASSERT_EQ(h_.run("-a -t 10.0.0.1:80 -r 192.168.1.1:80 -w 3"), 0);
  h_.io.clear();
  EXPECT_EQ(h_.run("-Ln"), 0);
  EXPECT_EQ(h_.io.err_text(), "");
  EXPECT_EQ(h_.io.out_text(), std::string(kHeader) +
                                  "TCP  10.0.0.1:80 rr\n"
                                  "  -> 192.168.1.1:80               Route   3      0          0         \n"
                                  "  -> 192.168.1.2:80               Masq    1      0          0         \n"
                                  "UDP  10.0.0.1:53 wlc\n");
}

TEST_F(RunnerTest, ListViewsAndTheirPrecedence) {
  seed();
  const std::string stats = "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n";
  const std::string rate = "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n";
  const std::string thresholds = "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n";
  const std::string persistent = "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n";
  const std::string tun_info =
      "Prot LocalAddress:Port Scheduler Flags\n"
      "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";
  // stats > rate > thresholds > persistent-conn > tun-info > normal
  const std::pair<const char*, std::string> cases[] = {
      {"-Ln --stats --rate --thresholds --persistent-conn --tun-info", stats},
      {"-Ln --rate --thresholds --persistent-conn --tun-info", rate},
      {"-Ln --thresholds --persistent-conn --tun-info", thresholds},
      {"-Ln --persistent-conn --tun-info", persistent},
      {"-Ln --tun-info", tun_info},
  };
  for (const auto& [line, title] : cases) {
    h_.io.clear();
    EXPECT_EQ(h_.run(line), 0) << line;
    const std::string out = h_.io.out_text();
    const std::string first = "IP Virtual Server version 1.2.1 (size=4096)\n";
    EXPECT_EQ(out.substr(0, first.size() + title.size()), first + title) << line;
  }
}

// Widths as in IPVSADM-1.31.md §2.3 ("TCP  10.0.0.1:80                   123456K ...").
TEST_F(RunnerTest, StatsWithAndWithoutExact) {
  seed();
  h_.kernel->table[0].service.stats.conns = 123456789;
  EXPECT_EQ(h_.run("-Ln --stats -t 10.0.0.1:80"), 0);
  EXPECT_EQ(h_.io.out_text(),
            "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.1:80                   123456K        0        0        0        0\n"
            "  -> 192.168.1.2:80                      0        0        0        0        0\n");
  h_.io.clear();
  EXPECT_EQ(h_.run("-Ln --stats --exact -t 10.0.0.1:80"), 0);
  EXPECT_EQ(h_.io.out_text(),
            "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.1:80                  123456789        0        0        0        0\n"
            "  -> 192.168.1.2:80                      0        0        0        0        0\n");
}

TEST_F(RunnerTest, NosortKeepsTheKernelsOrder) {
  seed();
  ASSERT_EQ(h_.run("-a -t 10.0.0.1:80 -r 192.168.1.1:80 -m"), 0);
  ASSERT_EQ(h_.run("-A -t 10.0.0.0:80 -s rr"), 0);
  h_.io.clear();
  // The fake kernel, like the real one, dumps the newest service and server first.
  EXPECT_EQ(h_.run("-Ln --nosort"), 0);
  EXPECT_EQ(h_.io.out_text(), std::string(kHeader) +
                                  "TCP  10.0.0.0:80 rr\n"
                                  "TCP  10.0.0.1:80 rr\n"
                                  "  -> 192.168.1.1:80               Masq    1      0          0         \n"
                                  "  -> 192.168.1.2:80               Masq    1      0          0         \n");
  h_.io.clear();
  ASSERT_EQ(h_.run("-A -t 10.0.0.2:80 -s rr"), 0);
  ASSERT_EQ(h_.run("-a -t 10.0.0.1:80 -r 192.168.1.3:80 -m"), 0);
  EXPECT_EQ(h_.run("-Ln --nosort"), 0);
  EXPECT_EQ(h_.io.out_text(), std::string(kHeader) +
                                  "TCP  10.0.0.2:80 rr\n"
                                  "TCP  10.0.0.0:80 rr\n"
                                  "TCP  10.0.0.1:80 rr\n"
                                  "  -> 192.168.1.3:80               Masq    1      0          0         \n"
                                  "  -> 192.168.1.1:80               Masq    1      0          0         \n"
                                  "  -> 192.168.1.2:80               Masq    1      0          0         \n");
  h_.io.clear();
  EXPECT_EQ(h_.run("-Ln -t 10.0.0.1:80 --nosort"), 0);
  EXPECT_EQ(h_.io.out_text(),
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            "TCP  10.0.0.1:80 rr\n"
            "  -> 192.168.1.3:80               Masq    1      0          0         \n"
            "  -> 192.168.1.1:80               Masq    1      0          0         \n"
            "  -> 192.168.1.2:80               Masq    1      0          0         \n");
}

TEST_F(RunnerTest, ListWithoutNumericResolvesNames) {
  seed();
  EXPECT_EQ(h_.run("-L"), 0);
  EXPECT_EQ(h_.io.out_text(), std::string(kHeader) +
                                  "TCP  vip1.test:http rr\n"
                                  "  -> rs1.test:http                Masq    1      0          0         \n");
}

TEST_F(RunnerTest, ListOneServiceHasNoVersionLine) {
  seed();
  EXPECT_EQ(h_.run("-Ln -t 10.0.0.1:80"), 0);
  EXPECT_EQ(h_.io.out_text(),
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            "TCP  10.0.0.1:80 rr\n"
            "  -> 192.168.1.2:80               Masq    1      0          0         \n");
}

TEST_F(RunnerTest, ListFailuresExitOneWithTheMessage) {
  seed();
  h_.io.clear();
  EXPECT_EQ(h_.run("-Ln -t 10.0.0.9:80"), 1);
  EXPECT_EQ(h_.io.transcript(), "E: No such service\n");

  h_.kernel->reject = FakeKernel::fail_always(cmd::kGetService, EPERM);
  h_.io.clear();
  EXPECT_EQ(h_.run("-Ln"), 1);
  EXPECT_EQ(h_.io.transcript(), "E: Permission denied (you must be root)\n");

  // Listing all never names its operation in 1.31: ESRCH is strerror's.
  h_.kernel->reject = FakeKernel::fail_always(cmd::kGetService, ESRCH);
  h_.io.clear();
  EXPECT_EQ(h_.run("-Ln"), 1);
  EXPECT_EQ(h_.io.transcript(), "E: No such process\n");

  h_.io.clear();
  EXPECT_EQ(h_.run("-Sn"), 1);
  EXPECT_EQ(h_.io.transcript(), "E: No such process\n");
}

TEST_F(RunnerTest, OneServiceWhoseServersCannotBeListed) {
  seed();
  h_.kernel->reject = FakeKernel::fail_always(cmd::kGetDest, ESRCH);
  EXPECT_EQ(h_.run("-Ln -t 10.0.0.1:80"), 1);
  EXPECT_EQ(h_.io.transcript(), "E: No such service\n");
}

TEST_F(RunnerTest, AFailedServerDumpKeepsWhatWasListedBeforeIt) {
  seed();
  ASSERT_EQ(h_.run("-A -t 10.0.0.2:80 -s rr"), 0);
  h_.io.clear();
  h_.kernel->reject = FakeKernel::fail_nth(cmd::kGetDest, 1, EPERM);
  EXPECT_EQ(h_.run("-Ln"), 1);
  EXPECT_EQ(h_.io.transcript(),
            "O: IP Virtual Server version 1.2.1 (size=4096)\n"
            "O: Prot LocalAddress:Port Scheduler Flags\n"
            "O:   -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            "O: TCP  10.0.0.1:80 rr\n"
            "O:   -> 192.168.1.2:80               Masq    1      0          0         \n"
            "E: Permission denied (you must be root)\n");
}

TEST_F(RunnerTest, SaveNumeric) {
  seed();
  EXPECT_EQ(h_.run("-Sn"), 0);
  EXPECT_EQ(h_.io.transcript(),
            "O: -A -t 10.0.0.1:80 -s rr\n"
            "O: -a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1\n");
}

TEST_F(RunnerTest, Timeouts) {
  EXPECT_EQ(h_.run("-L --timeout"), 0);
  EXPECT_EQ(h_.io.transcript(), "O: Timeout (tcp tcpfin udp): 900 120 300\n");
  h_.kernel->reject = FakeKernel::fail_always(cmd::kGetConfig, EPERM);
  h_.io.clear();
  EXPECT_EQ(h_.run("-L --timeout"), 1);
  EXPECT_EQ(h_.io.transcript(), "");
}

TEST_F(RunnerTest, DaemonListing) {
  EXPECT_EQ(h_.run("-L --daemon"), 0);
  EXPECT_EQ(h_.io.transcript(), "");
  ASSERT_EQ(h_.run("--start-daemon backup --mcast-interface eth2 --syncid 3"), 0);
  ASSERT_EQ(h_.run("--start-daemon master --mcast-interface eth1 --syncid 9 --mcast-group 224.0.0.99 "
                   "--mcast-port 9000 --mcast-ttl 4 --sync-maxlen 1400"),
            0);
  h_.io.clear();
  EXPECT_EQ(h_.run("-L --daemon"), 0);
  EXPECT_EQ(h_.io.transcript(),
            "O: master sync daemon (mcast=eth1, syncid=9, maxlen=1400, group=224.0.0.99, port=9000, ttl=4)\n"
            "O: backup sync daemon (mcast=eth2, syncid=3, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n");
  h_.kernel->reject = FakeKernel::fail_always(cmd::kGetDaemon, EPERM);
  h_.io.clear();
  EXPECT_EQ(h_.run("-L --daemon"), 1);
  EXPECT_EQ(h_.io.transcript(), "");
}

TEST_F(RunnerTest, DaemonFieldsAnOldKernelLeavesOutAreNotShown) {
  // Before 4.3 the kernel reported only state, interface and sync id.
  Daemon d;
  d.state = DaemonState::Backup;
  d.mcast_ifname = "eth0";
  d.sync_id = 7;
  h_.kernel->daemons.push_back(d);
  EXPECT_EQ(h_.run("-L --daemon"), 0);
  EXPECT_EQ(h_.io.transcript(), "O: backup sync daemon (mcast=eth0, syncid=7)\n");
}

TEST(RunnerScripted, DaemonsListMasterFirstWhateverTheDumpOrder) {
  auto fake = testing::FakeTransport::make();
  namespace reply = testing::reply;
  Daemon backup;
  backup.state = DaemonState::Backup;
  backup.mcast_ifname = "eth2";
  backup.sync_id = 2;
  Daemon master = backup;
  master.state = DaemonState::Master;
  master.mcast_ifname = "eth1";
  master.sync_id = 1;
  fake.state->replies.push_back(reply::datagram({reply::daemon(1, backup), reply::daemon(1, master), reply::done(1)}));
  Client client(std::move(fake.transport));
  testing::FakeNames names;
  testing::RecordingOutput io;
  Context ctx{client, Info{0x010201, 4096}, names, names, io, "ipvsadm"};
  Request req;
  req.command = Command::List;
  req.list.daemon = true;
  const RunResult r = run_request(req, ctx);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(io.transcript(),
            "O: master sync daemon (mcast=eth1, syncid=1)\n"
            "O: backup sync daemon (mcast=eth2, syncid=2)\n");
}

// ---- what the parser decides ------------------------------------------------

TEST_F(RunnerTest, HelpAndVersionPrintOnStdout) {
  EXPECT_EQ(h_.run("-v"), 0);
  EXPECT_EQ(h_.io.transcript(), "O: ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n");
  h_.io.clear();
  EXPECT_EQ(h_.run("-h"), 0);
  EXPECT_EQ(h_.io.err_text(), "");
  EXPECT_EQ(h_.io.out_text().rfind("ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n", 0), 0u);
  EXPECT_TRUE(h_.kernel->commands.empty());
}

TEST_F(RunnerTest, ParseErrors) {
  EXPECT_EQ(h_.run("-A -t 10.0.0.1:0"), 2);
  EXPECT_EQ(h_.io.transcript(), "E: Zero port specified for non-persistent service\n");
  h_.io.clear();
  EXPECT_EQ(h_.run("-n -L"), 255);
  EXPECT_EQ(h_.io.transcript(), "E: Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n");
  h_.io.clear();
  EXPECT_EQ(h_.run("-L --bogus"), 255);
  EXPECT_EQ(h_.io.transcript(), "E: --bogus: unknown option\n");
  EXPECT_TRUE(h_.kernel->commands.empty());
}

TEST_F(RunnerTest, RunRequestReportsStatusWithoutExiting) {
  Request req;
  req.command = Command::Flush;
  h_.kernel->reject = FakeKernel::fail_always(cmd::kFlush, EPERM);
  const RunResult r = run_request(req, h_.ctx);
  EXPECT_EQ(r.status, -1);
  EXPECT_FALSE(r.exit_now);
  h_.kernel->reject = nullptr;
  const RunResult ok = run_request(req, h_.ctx);
  EXPECT_EQ(ok.status, 0);
  EXPECT_FALSE(ok.exit_now);
}

}  // namespace
}  // namespace ipvs::cli
