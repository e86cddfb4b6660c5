// Save and restore through the runner, in memory: a table loaded into one
// fake kernel, listed with -Sn, restored with -R into a second, empty fake
// kernel must give the same table, and the second's -Sn the same text.
// Tables come from a seeded generator (every rule ipvsadm can express) and
// from hand-written rule files.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "fakes/cli_harness.hpp"
#include "fakes/random_table.hpp"

namespace ipvs::cli {
namespace {

using testing::canonical;
using testing::CliHarness;
using Table = std::vector<testing::FakeKernel::Entry>;

/// Adds every rule of `table` to h's kernel through the Client.
void load(CliHarness& h, const Table& table) {
  for (const auto& e : table) {
    auto added = h.client.add_service(e.service);
    ASSERT_TRUE(added.ok()) << added.error().errnum;
    for (const Destination& d : e.dests) {
      auto r = h.client.add_destination(e.service.key, d);
      ASSERT_TRUE(r.ok()) << r.error().errnum << " " << d.address.to_string();
    }
  }
}

/// -Sn of h, which must succeed silently.
std::string save(CliHarness& h) {
  h.io.clear();
  EXPECT_EQ(h.run("-Sn"), 0);
  EXPECT_EQ(h.io.err_text(), "");
  return h.io.out_text();
}

/// -R of `rules` into an empty kernel; its -Sn must give `rules` back.
void expect_restores_to_itself(const std::string& rules, CliHarness& into) {
  ASSERT_EQ(into.restore(rules), 0) << into.io.err_text();
  ASSERT_EQ(into.io.transcript(), "");
  EXPECT_EQ(save(into), rules);
}

void round_trip(const Table& table) {
  CliHarness first;
  load(first, table);
  ASSERT_EQ(canonical(first.kernel->table), canonical(table));
  const std::string saved = save(first);
  CliHarness second;
  expect_restores_to_itself(saved, second);
  EXPECT_EQ(canonical(second.kernel->table), canonical(first.kernel->table)) << saved;
}

TEST(RoundTrip, GeneratedTables) {
  int services = 0;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("random_table seed " + std::to_string(seed));
    const Table table = testing::random_table(seed);
    services += static_cast<int>(table.size());
    round_trip(table);
    if (::testing::Test::HasFatalFailure()) return;
  }
  EXPECT_GT(services, 900);  // the generator does make tables
}

TEST(RoundTrip, TheGeneratorCoversEveryFeature) {
  std::map<std::string, int> seen;
  for (std::uint32_t seed = 1; seed <= 300; ++seed) {
    for (const auto& e : testing::random_table(seed)) {
      const Service& s = e.service;
      const ServiceKey& k = s.key;
      const std::string fam = k.family == Family::Inet6 ? "v6" : "v4";
      seen[(k.is_fwmark() ? "fwmark " : "proto " + std::to_string(static_cast<int>(k.protocol)) + " ") + fam]++;
      if (s.flags & svc_flags::kPersistent) seen["persistent"]++;
      if ((s.flags & svc_flags::kPersistent) && s.netmask != (k.family == Family::Inet6 ? 128u : 0xffffffffu)) {
        seen["netmask " + fam]++;
      }
      if (!s.pe_name.empty()) seen["pe"]++;
      if (s.flags & svc_flags::kOnePacket) seen["ops"]++;
      if (s.flags & svc_flags::kSched3) seen["flag-3 " + s.scheduler.substr(0, 1)]++;
      if (s.scheduler == "sh" && (s.flags & svc_flags::kSched1)) seen["sh-fallback"]++;
      if (s.scheduler == "mh" && (s.flags & svc_flags::kSched2)) seen["mh-port"]++;
      for (const Destination& d : e.dests) {
        seen["fwd " + std::to_string(static_cast<int>(d.forward))]++;
        if (d.address.family != k.family) seen["mixed"]++;
        if (d.u_threshold != 0 && d.l_threshold != 0) seen["thresholds"]++;
        if (d.forward == Forward::Tunnel) {
          seen["tun " + std::to_string(static_cast<int>(d.tun_type)) + " flags " + std::to_string(d.tun_flags)]++;
        }
      }
    }
  }
  for (const char* feature :
       {"proto 6 v4", "proto 17 v4", "proto 132 v4", "proto 6 v6", "proto 17 v6", "proto 132 v6", "fwmark v4",
        "fwmark v6", "persistent", "netmask v4", "netmask v6", "pe", "ops", "sh-fallback", "mh-port", "fwd 0",
        "fwd 2", "fwd 3", "mixed", "thresholds", "tun 0 flags 0", "tun 1 flags 0", "tun 1 flags 1",
        "tun 1 flags 2", "tun 2 flags 0", "tun 2 flags 1"}) {
    EXPECT_GE(seen[feature], 5) << feature;
  }
  int flag3 = 0;
  for (const auto& [name, count] : seen) {
    if (name.rfind("flag-3", 0) == 0) flag3 += count;
  }
  EXPECT_GE(flag3, 20);
}

TEST(RoundTrip, LargerGeneratedTables) {
  for (std::uint32_t seed = 1000; seed < 1010; ++seed) {
    SCOPED_TRACE("random_table seed " + std::to_string(seed));
    round_trip(testing::random_table(seed, 60, 20));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(RoundTrip, EmptyTable) {
  round_trip({});
}

TEST(RoundTrip, The131SaveExample) {
  // IPVSADM-1.31.md §2.8, as the reference prints it.
  const std::string rules =
      "-A -t 10.0.0.1:80 -s rr\n"
      "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -g -w 0\n"
      "-a -t 10.0.0.1:80 -r 192.168.1.3:80 -i -w 1 --tun-type ipip\n"
      "-a -t 10.0.0.1:80 -r 192.168.1.4:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum\n"
      "-a -t 10.0.0.1:80 -r 192.168.1.5:80 -i -w 1 --tun-type gre --tun-nocsum\n"
      "-a -t 10.0.0.1:80 -r 192.168.1.10:8080 -m -w 5\n"
      "-A -t 10.0.0.2:443 -s sh -p 600 -M 255.255.255.0 --pe sip -b sh-fallback,sh-port\n"
      "-A -u 10.0.0.3:5000 -s rr -o\n"
      "-A --sctp-service 10.0.0.4:3868 -s dh -b flag-1,flag-3\n"
      "-A -t [2001:db8::1]:80 -s mh -p 100 -M 64 -b mh-port\n"
      "-A -f 100 -s lc\n"
      "-a -f 100 -r 192.168.2.1:0 -m -w 1\n"
      "-A -f 101 -6 -s wlc -p 360\n"
      "-a -f 101 -6 -r [2001:db8::30]:0 -g -w 1\n";
  CliHarness h;
  expect_restores_to_itself(rules, h);
  const auto& svc = h.kernel->table[1].service;  // 10.0.0.2:443
  EXPECT_EQ(svc.netmask, 0xffffff00u);
  EXPECT_EQ(svc.pe_name, "sip");
  EXPECT_EQ(svc.flags & ~svc_flags::kHashed, svc_flags::kPersistent | svc_flags::kSched1 | svc_flags::kSched2);
  round_trip(h.kernel->table);
}

TEST(RoundTrip, MixedFamilyTunnelsThresholdsAndFlagThree) {
  const std::string rules =
      "-A -t 10.0.0.1:80 -s sh -b sh-port,flag-3\n"
      "-a -t 10.0.0.1:80 -r [2001:db8::5]:80 -i -w 2 --tun-type gue --tun-port 5555 --tun-remcsum\n"
      "-a -t 10.0.0.1:80 -r [2001:db8::6]:80 -i -w 2 --tun-type gre --tun-csum\n"
      "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1 -x 100 -y 10\n"
      "-A -u [2001:db8::1]:53 -s rr -p 60 -M 96 --pe sip -o\n"
      "-a -u [2001:db8::1]:53 -r 192.168.1.3:53 -i -w 0 --tun-type ipip -x 5\n"
      "-A -f 4294967295 -s wrr -b flag-1,flag-2,flag-3\n"
      "-a -f 4294967295 -r 192.168.1.4:0 -g -w 2147483647\n";
  CliHarness h;
  expect_restores_to_itself(rules, h);
  ASSERT_EQ(h.kernel->table.size(), 3u);
  const Destination& gue = h.kernel->table[0].dests[0];
  EXPECT_EQ(gue.address.family, Family::Inet6);
  EXPECT_EQ(gue.tun_type, TunnelType::Gue);
  EXPECT_EQ(gue.tun_port, 5555);
  EXPECT_EQ(gue.tun_flags, tun_flags::kRemCsum);
  EXPECT_EQ(h.kernel->table[0].dests[2].u_threshold, 100u);
  EXPECT_EQ(h.kernel->table[0].dests[2].l_threshold, 10u);
  round_trip(h.kernel->table);
}

}  // namespace
}  // namespace ipvs::cli
