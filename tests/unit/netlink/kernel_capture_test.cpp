// Decoding real kernel replies: tests/golden/netlink/kernel-*.capture were
// recorded in the lab (scripts/lab/capture-golden: Debian's 6.1 kernel, a
// table built by the reference ipvsadm 1.31), together with what the
// reference printed for that table. Decoding the captured bytes and rendering
// them must give the reference's text.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "fakes/hex.hpp"
#include "format/listing.hpp"
#include "format/text.hpp"
#include "netlink/codec.hpp"
#include "netlink/message.hpp"

namespace ipvs::nl {
namespace {

std::string read_file(const std::string& name) {
  std::ifstream in(std::string(IPVS_TEST_DATA_DIR) + "/golden/netlink/" + name);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Request name -> reply datagrams of each request of that name, in order.
using Capture = std::map<std::string, std::vector<std::vector<Bytes>>>;

Capture load(const std::string& name) {
  Capture cap;
  std::istringstream in(read_file(name));
  std::string line;
  std::vector<Bytes>* current = nullptr;
  while (std::getline(in, line)) {
    if (line.rfind("request ", 0) == 0) {
      const std::string req = line.substr(8, line.find(' ', 8) - 8);
      cap[req].emplace_back();
      current = &cap[req].back();
    } else if (line.rfind("< ", 0) == 0 && current != nullptr) {
      current->push_back(testing::hex(line.substr(2)));
    }
  }
  return cap;
}

/// The data messages (not ACK/DONE) of one request's replies.
std::vector<Bytes> data_payloads(const std::vector<Bytes>& datagrams) {
  std::vector<Bytes> out;
  for (const Bytes& d : datagrams) {
    auto msgs = parse_datagram(d);
    EXPECT_TRUE(msgs.ok());
    if (!msgs) continue;
    for (const Message& m : *msgs) {
      if (m.is_error()) {
        EXPECT_EQ(m.error, 0);
        continue;
      }
      if (!m.is_done()) out.emplace_back(m.payload.begin(), m.payload.end());
    }
  }
  return out;
}

class KernelCapture : public ::testing::Test {
 protected:
  void SetUp() override {
    cap_ = load("kernel-table.capture");
    ASSERT_EQ(cap_["get-info"].size(), 1u);
    auto info_msgs = data_payloads(cap_["get-info"][0]);
    ASSERT_EQ(info_msgs.size(), 1u);
    auto info = decode_info(info_msgs[0]);
    ASSERT_TRUE(info.ok()) << info.error().detail;
    listing_.info = *info;
    auto svc_msgs = data_payloads(cap_["get-services"].at(0));
    const auto& dest_reqs = cap_["get-dests"];
    ASSERT_EQ(svc_msgs.size(), dest_reqs.size());
    for (std::size_t i = 0; i < svc_msgs.size(); ++i) {
      auto svc = decode_service(svc_msgs[i]);
      ASSERT_TRUE(svc.ok()) << svc.error().detail;
      format::ServiceEntry e{*svc, {}};
      for (const Bytes& p : data_payloads(dest_reqs[i])) {
        auto d = decode_dest(p, svc->key.family);
        ASSERT_TRUE(d.ok()) << d.error().detail;
        e.dests.push_back(*d);
      }
      listing_.services.push_back(std::move(e));
    }
    format::sort_listing(listing_.services);
  }

  std::string render(format::View view, bool exact = false) {
    fmt::memory_buffer b;
    format::render_list(b, listing_, {view, exact}, nullptr);
    return fmt::to_string(b);
  }

  Capture cap_;
  format::Listing listing_;
};

TEST_F(KernelCapture, CaptureHoldsTheWholeTable) {
  EXPECT_EQ(listing_.services.size(), 7u);
  EXPECT_EQ(listing_.info->version, 0x010201u);
}

TEST_F(KernelCapture, ListingMatchesTheReference) {
  EXPECT_EQ(render(format::View::Normal), read_file("kernel-table.Ln.txt"));
}

TEST_F(KernelCapture, ThresholdsPersistentTunnelAndStatsMatchTheReference) {
  EXPECT_EQ(render(format::View::Thresholds), read_file("kernel-table.Ln_thresholds.txt"));
  EXPECT_EQ(render(format::View::PersistentConn), read_file("kernel-table.Ln_persistent_conn.txt"));
  EXPECT_EQ(render(format::View::TunInfo), read_file("kernel-table.Ln_tun_info.txt"));
  EXPECT_EQ(render(format::View::Stats, true), read_file("kernel-table.Ln_stats_exact.txt"));
}

TEST_F(KernelCapture, SaveMatchesTheReference) {
  // The captured table has no thresholds on saved lines except 192.168.1.2's
  // (-x 100 -y 10), which 1.31 drops and ours keeps (COMPAT D4).
  fmt::memory_buffer b;
  format::Listing l = listing_;
  l.info.reset();
  format::render_save(b, l, nullptr);
  std::string expected = read_file("kernel-table.Sn.txt");
  const std::string line = "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 3\n";
  const auto at = expected.find(line);
  ASSERT_NE(at, std::string::npos);
  expected.insert(at + line.size() - 1, " -x 100 -y 10");
  EXPECT_EQ(fmt::to_string(b), expected);
}

TEST_F(KernelCapture, Timeouts) {
  auto msgs = data_payloads(cap_["get-config"].at(0));
  ASSERT_EQ(msgs.size(), 1u);
  auto t = decode_config(msgs[0]);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(read_file("kernel-table.L_timeout.txt"),
            "Timeout (tcp tcpfin udp): " + std::to_string(t->tcp) + " " + std::to_string(t->tcp_fin) +
                " " + std::to_string(t->udp) + "\n");
}

TEST(KernelCaptureDaemons, BothDaemonsDecode) {
  Capture cap = load("kernel-daemon.capture");
  auto msgs = data_payloads(cap["get-daemons"].at(0));
  ASSERT_EQ(msgs.size(), 2u);
  std::vector<Daemon> ds;
  for (const Bytes& p : msgs) {
    auto d = decode_daemon(p);
    ASSERT_TRUE(d.ok()) << d.error().detail;
    ds.push_back(*d);
  }
  std::sort(ds.begin(), ds.end(), [](const Daemon& a, const Daemon& b) { return a.state < b.state; });
  // Reference: kernel-daemon.L_daemon.txt
  EXPECT_EQ(ds[0].state, DaemonState::Master);
  EXPECT_EQ(ds[0].mcast_ifname, "lab0");
  EXPECT_EQ(ds[0].sync_id, 9u);
  EXPECT_EQ(ds[0].sync_maxlen, 1472);
  EXPECT_EQ(ds[0].mcast_group.to_string(), "224.0.0.81");
  EXPECT_EQ(ds[0].mcast_port, 8848);
  EXPECT_EQ(ds[0].mcast_ttl, 1);
  EXPECT_EQ(ds[1].state, DaemonState::Backup);
  EXPECT_EQ(ds[1].sync_id, 4u);
  EXPECT_EQ(ds[1].sync_maxlen, 1200);
  EXPECT_EQ(ds[1].mcast_group.to_string(), "239.0.0.7");
  EXPECT_EQ(ds[1].mcast_port, 9000);
  EXPECT_EQ(ds[1].mcast_ttl, 2);
  EXPECT_NE(read_file("kernel-daemon.L_daemon.txt").find("backup sync daemon (mcast=lab0, syncid=4, maxlen=1200, group=239.0.0.7, port=9000, ttl=2)"), std::string::npos);
}

}  // namespace
}  // namespace ipvs::nl
