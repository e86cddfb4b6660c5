// -L -c over a temporary file standing in for /proc/net/ip_vs_conn: the
// header, v4 / v6 / mixed rows, --persistent-conn with PE data, names, the
// missing and empty file failures, and lines longer than 1.31's 256-byte
// buffer (COMPAT D7). Expected rows are the texts of IPVSADM-1.31.md §2.6.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "fakes/cli_harness.hpp"

namespace ipvs::cli {
namespace {

using testing::CliHarness;

constexpr const char* kProcHeader =
    "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n";
constexpr const char* kTitle =
    "IPVS connection entries\n"
    "pro expire state       source             virtual            destination\n";
constexpr const char* kPeTitle =
    "IPVS connection entries\n"
    "pro expire state       source             virtual            destination        pe name          pe_data\n";

// The kernel's %pI6: eight full groups.
const std::string kV6Prefix = "2001:0db8:0000:0000:0000:0000:0000:";

class ConnectionsTest : public ::testing::Test {
 protected:
  ConnectionsTest() {
    path_ = ::testing::TempDir() + "ip_vs_conn_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    h_.ctx.conn_path = path_;
  }
  ~ConnectionsTest() override { std::remove(path_.c_str()); }

  void write_file(const std::string& content) {
    std::ofstream f(path_, std::ios::binary | std::ios::trunc);
    f << content;
  }

  std::string path_;
  CliHarness h_;
};

TEST_F(ConnectionsTest, NumericRows) {
  write_file(std::string(kProcHeader) +
             "TCP C0A80A05 D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899\n"
             "TCP C0A80A07 0000 0A000002 01BB C0A80101 01BB NONE           6000\n"
             "TCP " + kV6Prefix + "0099 1F90 " + kV6Prefix + "0001 0050 " + kV6Prefix +
             "0020 1F90 SYN_RECV         59\n"
             "TCP C0A80A08 BEEF 0A000001 0050 " + kV6Prefix + "0010 0050 FIN_WAIT       119\n");
  EXPECT_EQ(h_.run("-Lnc"), 0);
  EXPECT_EQ(h_.io.err_text(), "");
  EXPECT_EQ(h_.io.out_text(), std::string(kTitle) +
                                  "TCP 14:59  ESTABLISHED 192.168.10.5:54321 10.0.0.1:80        192.168.1.10:8080\n"
                                  "TCP 100:00 NONE        192.168.10.7:0     10.0.0.2:443       192.168.1.1:443\n"
                                  "TCP 00:59  SYN_RECV    [2001:db8::99]:8080 [2001:db8::1]:80   [2001:db8::20]:8080\n"
                                  "TCP 01:59  FIN_WAIT    192.168.10.8:48879 10.0.0.1:80        [2001:db8::10]:80\n");
  EXPECT_TRUE(h_.kernel->commands.empty());  // -c reads only the file
}

TEST_F(ConnectionsTest, NamesAreResolvedWithoutNumeric) {
  write_file(std::string(kProcHeader) +
             "TCP C0A80A05 D431 0A000001 0050 C0A80102 0050 ESTABLISHED     899\n"
             "UDP C0A80A05 D431 0A000001 0035 C0A80102 0035 UDP             299\n");
  EXPECT_EQ(h_.run("-L -c"), 0);
  EXPECT_EQ(h_.io.out_text(), std::string(kTitle) +
                                  "TCP 14:59  ESTABLISHED 192.168.10.5:54321 vip1.test:http     rs1.test:http\n"
                                  "UDP 04:59  UDP         192.168.10.5:54321 vip1.test:domain   rs1.test:domain\n");
}

TEST_F(ConnectionsTest, PersistentConnShowsPeNameAndData) {
  write_file(std::string(kProcHeader) +
             "UDP C0A80A05 13C4 0A000001 13C4 01020304 13C4 NONE             60 sip call-1@x\n"
             "UDP C0A80A05 13C4 0A000001 13C4 01020304 13C4 UDP             299\n");
  EXPECT_EQ(h_.run("-L -c -n --persistent-conn"), 0);
  EXPECT_EQ(h_.io.out_text(),
            std::string(kPeTitle) +
                "UDP 01:00  NONE        192.168.10.5:5060  10.0.0.1:5060      1.2.3.4:5060     sip                call-1@x\n"
                "UDP 04:59  UDP         192.168.10.5:5060  10.0.0.1:5060      1.2.3.4:5060\n");
  // Without --persistent-conn the PE columns are not shown.
  h_.io.clear();
  EXPECT_EQ(h_.run("-Lnc"), 0);
  EXPECT_EQ(h_.io.out_text(), std::string(kTitle) +
                                  "UDP 01:00  NONE        192.168.10.5:5060  10.0.0.1:5060      1.2.3.4:5060\n"
                                  "UDP 04:59  UDP         192.168.10.5:5060  10.0.0.1:5060      1.2.3.4:5060\n");
}

TEST_F(ConnectionsTest, JsonHasEveryFieldAndPeDataWhereTheEntryHasIt) {
  write_file(std::string(kProcHeader) +
             "UDP C0A80A05 13C4 0A000001 13C4 01020304 13C4 NONE             60 sip call-\"1\"@x\n"
             "TCP " + kV6Prefix + "0099 1F90 " + kV6Prefix + "0001 0050 " + kV6Prefix +
             "0020 1F90 SYN_RECV         59\n");
  // -n and --persistent-conn change nothing: addresses are always numeric
  // and PE data always shown.
  for (const char* line : {"-Lc --json", "-Lnc --json --persistent-conn"}) {
    h_.io.clear();
    EXPECT_EQ(h_.run(line), 0);
    EXPECT_EQ(h_.io.err_text(), "");
    EXPECT_EQ(h_.io.out_text(),
              "{\"connections\":["
              "{\"protocol\":\"udp\",\"client_address\":\"192.168.10.5\",\"client_port\":5060,"
              "\"virtual_address\":\"10.0.0.1\",\"virtual_port\":5060,\"real_address\":\"1.2.3.4\","
              "\"real_port\":5060,\"state\":\"NONE\",\"expires\":60,\"pe\":\"sip\",\"pe_data\":\"call-\\\"1\\\"@x\"},"
              "{\"protocol\":\"tcp\",\"client_address\":\"2001:db8::99\",\"client_port\":8080,"
              "\"virtual_address\":\"2001:db8::1\",\"virtual_port\":80,\"real_address\":\"2001:db8::20\","
              "\"real_port\":8080,\"state\":\"SYN_RECV\",\"expires\":59}]}\n")
        << line;
  }
  h_.io.clear();
  write_file(kProcHeader);
  EXPECT_EQ(h_.run("-Lc -j --pretty"), 0);
  EXPECT_EQ(h_.io.out_text(), "{\n  \"connections\": []\n}\n");
}

TEST_F(ConnectionsTest, LinesLongerThan256BytesAreReadWhole) {
  // COMPAT D7: 1.31's 256-byte fgets would split this line into bogus rows.
  const std::string call_id(220, 'c');
  const std::string long_line = "UDP " + kV6Prefix + "0099 0000 " + kV6Prefix + "0001 13C4 " + kV6Prefix +
                                "0021 13C4 NONE             59 sip " + call_id + "\n";
  ASSERT_GT(long_line.size(), 300u);
  write_file(std::string(kProcHeader) + long_line +
             "UDP " + kV6Prefix + "0099 AFC9 " + kV6Prefix + "0001 13C4 " + kV6Prefix + "0021 13C4 UDP  299\n");
  EXPECT_EQ(h_.run("-Lnc --persistent-conn"), 0);
  EXPECT_EQ(h_.io.out_text(),
            std::string(kPeTitle) +
                "UDP 00:59  NONE        [2001:db8::99]:0   [2001:db8::1]:5060 [2001:db8::21]:5060 sip                " +
                call_id + "\n"
                "UDP 04:59  UDP         [2001:db8::99]:45001 [2001:db8::1]:5060 [2001:db8::21]:5060\n");
}

TEST_F(ConnectionsTest, TheFirstLineIsSkippedWhateverItHolds) {
  write_file("TCP C0A80A05 D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899\n");
  EXPECT_EQ(h_.run("-Lnc"), 0);
  EXPECT_EQ(h_.io.transcript(), "O: IPVS connection entries\n"
                                "O: pro expire state       source             virtual            destination\n");
}

TEST_F(ConnectionsTest, MissingFile) {
  h_.ctx.conn_path = path_ + ".absent";
  EXPECT_EQ(h_.run("-Lnc"), 1);
  EXPECT_EQ(h_.io.transcript(), "E: cannot open file " + path_ + ".absent\n");
}

TEST_F(ConnectionsTest, EmptyFile) {
  write_file("");
  EXPECT_EQ(h_.run("-Lnc"), 1);
  EXPECT_EQ(h_.io.transcript(), "E: unexpected input from " + path_ + "\n");
}

TEST_F(ConnectionsTest, AFailureEndsARestoreAtOnce) {
  h_.ctx.conn_path = path_ + ".absent";
  EXPECT_EQ(h_.restore("-A -t 10.0.0.1:80\n-A -t 10.0.0.1:80\n-Lnc\n-A -t 10.0.0.2:80\n"), 1);
  EXPECT_EQ(h_.io.transcript(),
            "E: Service already exists\n"
            "E: cannot open file " + path_ + ".absent\n");
  EXPECT_EQ(h_.kernel->table.size(), 1u);
}

// --netns: the file is opened inside the namespace, and a namespace that
// cannot be entered is iproute2's message and exit 2 (main.cpp refuses such a
// namespace before; this is the path's own check).
TEST_F(ConnectionsTest, MissingNetnsIsRefused) {
  write_file(kProcHeader);
  h_.ctx.netns = "ipvs-unit-test-no-such-netns";
  EXPECT_EQ(h_.run("-Lnc"), 2);
  EXPECT_EQ(h_.io.transcript(),
            "E: Cannot open network namespace \"ipvs-unit-test-no-such-netns\": No such file or directory\n");
}

TEST_F(ConnectionsTest, OwnNetnsByPath) {
  write_file(kProcHeader);
  h_.ctx.netns = "/proc/self/ns/net";
  const int rc = h_.run("-Lnc");
  if (rc == 2) {  // no CAP_SYS_ADMIN here
    EXPECT_EQ(h_.io.transcript(),
              "E: setting the network namespace \"/proc/self/ns/net\" failed: Operation not permitted\n");
    return;
  }
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(h_.io.out_text(), kTitle);
}

}  // namespace
}  // namespace ipvs::cli
