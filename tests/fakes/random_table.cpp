#include "fakes/random_table.hpp"

#include <climits>
#include <random>
#include <set>
#include <string>
#include <tuple>

namespace ipvs::testing {
namespace {

constexpr const char* kSchedulers[] = {"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh",
                                       "sh", "sed", "nq", "fo", "ovf", "mh"};

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::uint32_t below(std::uint32_t n) { return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_); }
  std::uint32_t between(std::uint32_t lo, std::uint32_t hi) {
    return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng_);
  }
  bool chance(int percent) { return below(100) < static_cast<std::uint32_t>(percent); }

  Address address(Family f) {
    if (f == Family::Inet) return Address::v4(between(1, 223) << 24 | below(1u << 24));
    std::array<std::uint8_t, 16> b{0x20, 0x01, 0x0d, 0xb8};
    // Mostly short (::x), sometimes a full-width address.
    const std::size_t from = chance(30) ? 4 : 14;
    for (std::size_t i = from; i < 16; ++i) b[i] = static_cast<std::uint8_t>(below(256));
    return Address::v6(b);
  }

  std::uint32_t int_value() {
    switch (below(4)) {
      case 0: return 0;
      case 1: return between(1, 100);
      case 2: return static_cast<std::uint32_t>(INT_MAX);
      default: return between(0, static_cast<std::uint32_t>(INT_MAX));
    }
  }

  Service service() {
    Service s;
    const Family f = chance(50) ? Family::Inet : Family::Inet6;
    s.key.family = f;
    s.netmask = f == Family::Inet6 ? 128 : 0xffffffffu;
    s.scheduler = kSchedulers[below(std::size(kSchedulers))];
    if (chance(40)) {
      s.flags |= svc_flags::kPersistent;
      s.timeout = chance(20) ? 2678400 : between(1, 100000);
      const std::uint32_t prefix = f == Family::Inet6 ? between(1, 128) : between(1, 32);
      if (chance(50)) s.netmask = f == Family::Inet6 ? prefix : (prefix == 32 ? 0xffffffffu : ~((1u << (32 - prefix)) - 1));
    }
    const bool fwmark = chance(25);
    if (fwmark) {
      s.key.fwmark = chance(20) ? 4294967295u - below(3) : between(1, 100000);
    } else {
      constexpr Protocol kProtos[] = {Protocol::Tcp, Protocol::Udp, Protocol::Sctp};
      s.key.protocol = kProtos[below(3)];
      s.key.address = address(f);
      s.key.port = (s.flags & svc_flags::kPersistent) && chance(10) ? 0 : static_cast<std::uint16_t>(between(1, 65535));
    }
    if (chance(20)) s.pe_name = "sip";
    if ((fwmark || s.key.protocol == Protocol::Udp) && chance(30)) s.flags |= svc_flags::kOnePacket;
    // sh and mh name flags 1 and 2 themselves; flag 3 is flag-3 for all.
    for (std::uint32_t bit : {svc_flags::kSched1, svc_flags::kSched2, svc_flags::kSched3}) {
      if (chance(20)) s.flags |= bit;
    }
    return s;
  }

  Destination dest(const ServiceKey& svc) {
    Destination d;
    constexpr Forward kForwards[] = {Forward::Masq, Forward::Route, Forward::Tunnel};
    d.forward = kForwards[below(3)];
    Family f = svc.family;
    if (d.forward == Forward::Tunnel && chance(30)) f = f == Family::Inet ? Family::Inet6 : Family::Inet;
    d.address = address(f);
    if (!svc.is_fwmark() && d.forward != Forward::Masq) {
      d.port = svc.port;  // ipvsadm forces it for -g and -i
    } else {
      d.port = static_cast<std::uint16_t>(svc.is_fwmark() ? between(0, 65535) : between(1, 65535));
    }
    d.weight = int_value();
    if (chance(40)) {
      d.u_threshold = int_value();
      d.l_threshold = between(0, d.u_threshold);
    }
    if (d.forward == Forward::Tunnel) {
      d.tun_type = static_cast<TunnelType>(below(3));
      if (d.tun_type == TunnelType::Gue) {
        d.tun_port = static_cast<std::uint16_t>(between(1, 65535));
        constexpr std::uint16_t kFlags[] = {tun_flags::kNoCsum, tun_flags::kCsum, tun_flags::kRemCsum};
        d.tun_flags = kFlags[below(3)];
      } else if (d.tun_type == TunnelType::Gre) {
        d.tun_flags = chance(50) ? tun_flags::kCsum : tun_flags::kNoCsum;
      }
    }
    return d;
  }

 private:
  std::mt19937 rng_;
};

}  // namespace

std::vector<FakeKernel::Entry> random_table(std::uint32_t seed, int max_services, int max_dests) {
  Generator g(seed);
  std::vector<FakeKernel::Entry> table;
  std::set<std::tuple<Family, std::uint32_t, Protocol, std::array<std::uint8_t, 16>, std::uint16_t>> keys;
  const std::uint32_t services = g.between(0, static_cast<std::uint32_t>(max_services));
  while (table.size() < services) {
    Service s = g.service();
    const ServiceKey& k = s.key;
    if (!keys.emplace(k.family, k.fwmark, k.protocol, k.address.bytes, k.port).second) continue;
    FakeKernel::Entry e{std::move(s), {}};
    std::set<std::tuple<Family, std::array<std::uint8_t, 16>, std::uint16_t>> seen;
    const std::uint32_t dests = g.between(0, static_cast<std::uint32_t>(max_dests));
    while (e.dests.size() < dests) {
      Destination d = g.dest(e.service.key);
      if (seen.emplace(d.address.family, d.address.bytes, d.port).second) e.dests.push_back(d);
    }
    table.push_back(std::move(e));
  }
  return table;
}

}  // namespace ipvs::testing
