#include "format/text.hpp"

#include <gtest/gtest.h>

#include "fakes/fake_names.hpp"

namespace ipvs::format {
namespace {

Service svc(Protocol p, const char* addr, std::uint16_t port, const char* sched) {
  Service s;
  s.key.protocol = p;
  s.key.address = *Address::parse(addr);
  s.key.family = s.key.address.family;
  s.key.port = port;
  s.scheduler = sched;
  s.netmask = s.key.family == Family::Inet6 ? 128 : 0xffffffffu;
  return s;
}

Destination dest(const char* addr, std::uint16_t port, Forward f, std::uint32_t weight) {
  Destination d;
  d.address = *Address::parse(addr);
  d.port = port;
  d.forward = f;
  d.weight = weight;
  return d;
}

/// A table as the runner streams it: the GET_INFO answer (list all) and the
/// services with their real servers, already in listing order.
struct Listing {
  std::optional<Info> info;
  std::vector<ServiceEntry> services;
};

/// What the runner writes for -L: header, then entry by entry.
std::string render(const Listing& l, ListOptions o = {}, Resolver* r = nullptr) {
  fmt::memory_buffer b;
  render_list_header(b, l.info, o.view);
  for (const ServiceEntry& e : l.services) render_list_entry(b, e, o, r);
  return fmt::to_string(b);
}

/// What the runner writes for -S: entry by entry.
std::string save(const Listing& l, Resolver* r = nullptr) {
  fmt::memory_buffer b;
  for (const ServiceEntry& e : l.services) render_save_entry(b, e, r);
  return fmt::to_string(b);
}

Listing example() {
  Listing l;
  l.info = Info{0x010201, 4096};
  Service a = svc(Protocol::Tcp, "10.0.0.1", 80, "rr");
  l.services.push_back({a, {dest("192.168.1.2", 80, Forward::Route, 0),
                            dest("192.168.1.10", 8080, Forward::Masq, 5)}});
  Service b = svc(Protocol::Tcp, "10.0.0.2", 443, "sh");
  b.flags = svc_flags::kSched1 | svc_flags::kSched2 | svc_flags::kPersistent;
  b.timeout = 600;
  b.netmask = 0xffffff00u;
  b.pe_name = "sip";
  l.services.push_back({b, {}});
  Service c = svc(Protocol::Udp, "10.0.0.1", 53, "wrr");
  c.flags = svc_flags::kPersistent;
  c.timeout = 360;
  l.services.push_back({c, {}});
  Service d = svc(Protocol::Udp, "10.0.0.3", 5000, "rr");
  d.flags = svc_flags::kOnePacket;
  l.services.push_back({d, {}});
  Service e = svc(Protocol::Sctp, "10.0.0.4", 3868, "dh");
  e.flags = svc_flags::kSched1 | svc_flags::kSched3;
  l.services.push_back({e, {}});
  Service f = svc(Protocol::Tcp, "2001:db8::1", 80, "mh");
  f.flags = svc_flags::kSched2 | svc_flags::kPersistent;
  f.timeout = 100;
  f.netmask = 64;
  l.services.push_back({f, {dest("2001:db8::20", 8080, Forward::Masq, 1)}});
  Service g;
  g.key.fwmark = 100;
  g.scheduler = "lc";
  l.services.push_back({g, {dest("192.168.2.1", 0, Forward::Masq, 1)}});
  Service h;
  h.key.fwmark = 101;
  h.key.family = Family::Inet6;
  h.scheduler = "wlc";
  h.flags = svc_flags::kPersistent;
  h.timeout = 360;
  h.netmask = 128;
  l.services.push_back({h, {}});
  return l;
}

// Expected text: ipvsadm 1.31's output for the same table (IPVSADM-1.31.md 2.2).
TEST(TextList, NormalFormat) {
  EXPECT_EQ(render(example()),
            "IP Virtual Server version 1.2.1 (size=4096)\n"
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            "TCP  10.0.0.1:80 rr\n"
            "  -> 192.168.1.2:80               Route   0      0          0         \n"
            "  -> 192.168.1.10:8080            Masq    5      0          0         \n"
            "TCP  10.0.0.2:443 sh (sh-fallback,sh-port) persistent 600 mask 255.255.255.0 pe sip\n"
            "UDP  10.0.0.1:53 wrr persistent 360\n"
            "UDP  10.0.0.3:5000 rr ops\n"
            "SCTP 10.0.0.4:3868 dh (flag-1,flag-3)\n"
            "TCP  [2001:db8::1]:80 mh (mh-port) persistent 100 mask 64\n"
            "  -> [2001:db8::20]:8080          Masq    1      0          0         \n"
            "FWM  100 lc\n"
            "  -> 192.168.2.1:0                Masq    1      0          0         \n"
            "FWM  101 IPv6 wlc persistent 360\n");
}

TEST(TextList, SingleServiceHasNoVersionLine) {
  Listing l = example();
  l.info.reset();
  l.services.resize(1);
  EXPECT_EQ(render(l).rfind("Prot LocalAddress:Port Scheduler Flags\n", 0), 0u);
}

TEST(TextList, FwmarkAboveTwoToThe31IsUnsigned) {  // COMPAT D5
  Listing l;
  Service s;
  s.key.fwmark = 4294967295u;
  s.scheduler = "wlc";
  l.services.push_back({s, {}});
  EXPECT_NE(render(l).find("FWM  4294967295 wlc\n"), std::string::npos);
  EXPECT_EQ(save(l), "-A -f 4294967295 -s wlc\n");
}

TEST(TextList, NamesAreResolvedAndCut) {
  testing::FakeNames names;
  Listing l;
  Service s = svc(Protocol::Tcp, "10.0.0.9", 80, "wlc");
  names.add_host("anotherveryveryverylongrealservername.example", *Address::parse("192.168.1.9"));
  l.services.push_back({s, {dest("192.168.1.9", 80, Forward::Masq, 1), dest("192.168.1.2", 443, Forward::Masq, 1)}});
  Service v6 = svc(Protocol::Tcp, "2001:db8::1", 80, "rr");
  l.services.push_back({v6, {}});
  EXPECT_EQ(render(l, {}, &names),
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            "TCP  averyveryveryverylonghostnam wlc\n"
            "  -> anotherveryveryverylongreals Masq    1      0          0         \n"
            "  -> rs1.test:https               Masq    1      0          0         \n"
            "TCP  [vip6.test]:http rr\n");
}

TEST(TextList, StatsAndRates) {
  Listing l;
  Service s = svc(Protocol::Tcp, "10.0.0.1", 80, "rr");
  s.stats = Stats{5000000001ULL, 50000000001ULL, 35000000001ULL, 5000000000001ULL, 3500000000001ULL,
                  1, 2, 3, 4, 5};
  Destination d = dest("192.168.1.10", 8080, Forward::Masq, 1);
  d.stats = s.stats;
  l.services.push_back({s, {d}});
  // COMPAT D2: real-server counters print in full (1.31 would show 705032K for conns).
  EXPECT_EQ(render(l, {View::Stats, false}),
            "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.1:80                     5000M   50000M   35000M    5000G    3500G\n"
            "  -> 192.168.1.10:8080               5000M   50000M   35000M    5000G    3500G\n");
  EXPECT_EQ(render(l, {View::Rate, false}),
            "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.1:80                         1        2        3        4        5\n"
            "  -> 192.168.1.10:8080                   1        2        3        4        5\n");
}

TEST(TextList, Largenum) {
  auto num = [](std::uint64_t v, bool exact) {
    fmt::memory_buffer b;
    append_largenum(b, v, exact);
    return fmt::to_string(b);
  };
  EXPECT_EQ(num(99999999, false), " 99999999");
  EXPECT_EQ(num(100000000, false), "  100000K");
  EXPECT_EQ(num(1234567890, false), "    1234M");
  EXPECT_EQ(num(123456789012ULL, false), "     123G");
  EXPECT_EQ(num(123456789012345ULL, false), "     123T");
  EXPECT_EQ(num(12, true), "       12");
  EXPECT_EQ(num(1234567890, true), " 1234567890");
}

TEST(TextList, ThresholdsPersistentAndTunnelViews) {
  Listing l;
  Service s = svc(Protocol::Tcp, "10.0.0.1", 80, "rr");
  Destination a = dest("192.168.1.3", 80, Forward::Tunnel, 1);
  a.u_threshold = 100;
  a.l_threshold = 10;
  a.active_conns = 14;
  a.inactive_conns = 347;
  a.persist_conns = 6;
  Destination g = dest("192.168.1.4", 80, Forward::Tunnel, 1);
  g.tun_type = TunnelType::Gue;
  g.tun_port = 6080;
  g.tun_flags = tun_flags::kCsum;
  Destination r = dest("192.168.1.5", 80, Forward::Tunnel, 1);
  r.tun_type = TunnelType::Gre;
  l.services.push_back({s, {a, g, r}});
  EXPECT_EQ(render(l, {View::Thresholds, false}),
            "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.1:80 rr\n"
            "  -> 192.168.1.3:80               100        10         14         347       \n"
            "  -> 192.168.1.4:80               0          0          0          0         \n"
            "  -> 192.168.1.5:80               0          0          0          0         \n");
  EXPECT_EQ(render(l, {View::PersistentConn, false}),
            "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
            "  -> RemoteAddress:Port\n"
            "TCP  10.0.0.1:80 rr\n"
            "  -> 192.168.1.3:80               1         6           14         347       \n"
            "  -> 192.168.1.4:80               1         0           0          0         \n"
            "  -> 192.168.1.5:80               1         0           0          0         \n");
  EXPECT_EQ(render(l, {View::TunInfo, false}),
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n"
            "TCP  10.0.0.1:80 rr\n"
            "  -> 192.168.1.3:80               Tunnel  ipip          1      14         347       \n"
            "  -> 192.168.1.4:80               Tunnel  gue:6080:+c   1      0          0         \n"
            "  -> 192.168.1.5:80               Tunnel  gre:-c        1      0          0         \n");
}

TEST(TextSave, RuleLines) {
  Listing l = example();
  Destination t = dest("192.168.1.3", 80, Forward::Tunnel, 1);
  Destination g = dest("192.168.1.4", 80, Forward::Tunnel, 1);
  g.tun_type = TunnelType::Gue;
  g.tun_port = 6080;
  g.tun_flags = tun_flags::kCsum;
  l.services[0].dests.insert(l.services[0].dests.begin() + 1, {t, g});
  l.services[0].dests[0].u_threshold = 100;
  l.services[0].dests[0].l_threshold = 10;
  EXPECT_EQ(save(l),
            "-A -t 10.0.0.1:80 -s rr\n"
            "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -g -w 0 -x 100 -y 10\n"
            "-a -t 10.0.0.1:80 -r 192.168.1.3:80 -i -w 1 --tun-type ipip\n"
            "-a -t 10.0.0.1:80 -r 192.168.1.4:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum\n"
            "-a -t 10.0.0.1:80 -r 192.168.1.10:8080 -m -w 5\n"
            "-A -t 10.0.0.2:443 -s sh -p 600 -M 255.255.255.0 --pe sip -b sh-fallback,sh-port\n"
            "-A -u 10.0.0.1:53 -s wrr -p 360\n"
            "-A -u 10.0.0.3:5000 -s rr -o\n"
            "-A --sctp-service 10.0.0.4:3868 -s dh -b flag-1,flag-3\n"
            "-A -t [2001:db8::1]:80 -s mh -p 100 -M 64 -b mh-port\n"
            "-a -t [2001:db8::1]:80 -r [2001:db8::20]:8080 -m -w 1\n"
            "-A -f 100 -s lc\n"
            "-a -f 100 -r 192.168.2.1:0 -m -w 1\n"
            "-A -f 101 -6 -s wlc -p 360\n");
}

TEST(TextList, LongIpv6NamesAreCutAt59Bytes) {
  testing::FakeNames names;
  const std::string host = "v6s-54-" + std::string(42, 'x') + ".test";  // 54 bytes
  names.add_host(host, *Address::parse("2001:db8::54"));
  Listing l;
  l.services.push_back({svc(Protocol::Tcp, "2001:db8::54", 80, "rr"), {dest("2001:db8::54", 80, Forward::Masq, 1)}});
  const std::string cut = "[" + host + "]:ht";  // 59 bytes of "[name]:http"
  ASSERT_EQ(cut.size(), 59u);
  EXPECT_EQ(render(l, {}, &names),
            "Prot LocalAddress:Port Scheduler Flags\n"
            "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
            "TCP  " + cut + " rr\n"
            "  -> " + cut + " Masq    1      0          0         \n");
  EXPECT_EQ(save(l, &names), "-A -t " + cut + " -s rr\n-a -t " + cut + " -r " + cut + " -m -w 1\n");
}

TEST(TextList, ShAndMhShowOnlyTheirOwnFlagNames) {
  Listing l;
  auto add = [&l](const char* sched, std::uint32_t flags) {
    Service s = svc(Protocol::Tcp, "10.0.0.1", static_cast<std::uint16_t>(l.services.size() + 1), sched);
    s.flags = flags;
    l.services.push_back({s, {}});
  };
  add("mh", svc_flags::kSched3);
  add("sh", svc_flags::kSched2 | svc_flags::kSched3);
  add("mh", svc_flags::kSchedMask);
  add("rr", svc_flags::kSched3);
  add("sh", svc_flags::kSched1);
  EXPECT_EQ(render(l).substr(render(l).find("TCP")),
            "TCP  10.0.0.1:1 mh ()\n"
            "TCP  10.0.0.1:2 sh (sh-port)\n"
            "TCP  10.0.0.1:3 mh (mh-fallback,mh-port)\n"
            "TCP  10.0.0.1:4 rr (flag-3)\n"
            "TCP  10.0.0.1:5 sh (sh-fallback)\n");
  // COMPAT D9: -S keeps every flag, flag-N where the scheduler has no name.
  EXPECT_EQ(save(l),
            "-A -t 10.0.0.1:1 -s mh -b flag-3\n"
            "-A -t 10.0.0.1:2 -s sh -b sh-port,flag-3\n"
            "-A -t 10.0.0.1:3 -s mh -b mh-fallback,mh-port,flag-3\n"
            "-A -t 10.0.0.1:4 -s rr -b flag-3\n"
            "-A -t 10.0.0.1:5 -s sh -b sh-fallback\n");
}

TEST(TextSave, NamesWithoutNumeric) {
  testing::FakeNames names;
  Listing l;
  l.services.push_back({svc(Protocol::Tcp, "10.0.0.1", 80, "rr"), {dest("192.168.1.2", 80, Forward::Masq, 1)}});
  EXPECT_EQ(save(l, &names), "-A -t vip1.test:http -s rr\n-a -t vip1.test:http -r rs1.test:http -m -w 1\n");
}

}  // namespace
}  // namespace ipvs::format
