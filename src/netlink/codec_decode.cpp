// The decoders of codec.hpp: each reply's attributes are walked and validated
// once against their declarations (ipvs_policy.hpp), then read with getters.
// Faults of presence and size come first, in declaration order; then faults
// of value (an unsupported family, an IPv6 address shorter than 16 bytes).

#include <array>
#include <cstring>
#include <string>

#include "netlink/codec.hpp"
#include "netlink/ipvs_policy.hpp"
#include "netlink/message.hpp"
#include "netlink/policy.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::nl {

namespace {

constexpr std::uint32_t kFwdMask = 0x7;  // IP_VS_CONN_F_FWD_MASK

using Kind = AttrFault::Kind;

/// The genl header, then the top-level attributes of a reply.
bool top_level(std::span<const std::uint8_t> payload, const Policy& policy, Attrs& out, AttrFault& fault) {
  if (payload.size() < kGenlHdrLen) {
    fault = AttrFault{Kind::TruncatedGenl};
    return false;
  }
  return out.parse(payload.subspan(kGenlHdrLen), policy, fault);
}

bool to_family(std::uint16_t af, const char* name, Family& out, AttrFault& fault) {
  if (af == static_cast<std::uint16_t>(Family::Inet) || af == static_cast<std::uint16_t>(Family::Inet6)) {
    out = static_cast<Family>(af);
    return true;
  }
  fault = AttrFault{Kind::UnsupportedFamily, nullptr, name, 0, af};
  return false;
}

/// A validated Address attribute (4 to 16 bytes) read as `family`, which
/// needs 16 for IPv6.
bool read_address(const Attrs& a, std::uint16_t type, Family family, Address& out, AttrFault& fault) {
  const auto data = a.bytes(type);
  const std::size_t need = family == Family::Inet6 ? 16 : 4;
  if (data.size() < need) {
    fault = AttrFault{Kind::BadAddressLength, nullptr, a.policy()[type].name, type, static_cast<std::uint32_t>(data.size())};
    return false;
  }
  out.family = family;
  std::memcpy(out.bytes.data(), data.data(), need);
  return true;
}

/// The counters of a STATS64 (`wide`) or STATS nest, loaded in the walk
/// itself: a counter lands in its member as it is met (the last of duplicates
/// wins). A counter of the wrong width sends the nest through the table
/// (policy::kStats64 / kStats32), which names the first fault in order.
/// Every fault is prefixed with the nest's name.
bool read_stats_nest(std::span<const std::uint8_t> bytes, bool wide, const char* name, Stats& out, AttrFault& fault) {
  struct Slot {
    std::uint64_t Stats::*member;
    std::uint32_t width;  ///< 0: not a counter (IPVS_STATS_ATTR_PAD, unknown)
  };
  static constexpr auto kByType = [] {
    std::array<std::array<Slot, kMaxAttrType + 1>, 2> t{};
    for (const policy::StatsField& f : policy::kStatsFields) {
      t[0][f.type] = Slot{f.member, f.always_u64 ? 8u : 4u};
      t[1][f.type] = Slot{f.member, 8u};
    }
    return t;
  }();
  const auto& slots = kByType[wide ? 1 : 0];
  const std::uint8_t* const base = bytes.data();
  bool suspect = false;
  const bool walked = walk_attrs(bytes, name, fault, [&](std::uint32_t type, std::uint32_t offset, std::uint32_t len) {
    if (type > kMaxAttrType || slots[type].width == 0) return;
    if (len != slots[type].width) {
      suspect = true;
      return;
    }
    std::uint64_t v = 0;
    if (len == 8) {
      std::memcpy(&v, base + offset, 8);
    } else {
      std::uint32_t v32;
      std::memcpy(&v32, base + offset, 4);
      v = v32;
    }
    out.*slots[type].member = v;
  });
  if (!walked) return false;
  if (!suspect) return true;
  Attrs n;  // maybe only an early duplicate was off: the table decides
  if (!n.parse(bytes, wide ? policy::kStats64 : policy::kStats32, fault)) {
    fault.prefix = name;
    return false;
  }
  for (const policy::StatsField& f : policy::kStatsFields) {
    if (n.has(f.type)) out.*f.member = wide || f.always_u64 ? n.get<std::uint64_t>(f.type) : n.get<std::uint32_t>(f.type);
  }
  return true;
}

/// STATS64 when present (STATS is then not walked), else STATS widened,
/// else zeros.
bool read_stats(const Attrs& parent, std::uint16_t stats, std::uint16_t stats64, Stats& out, AttrFault& fault) {
  const bool wide = parent.has(stats64);
  if (!wide && !parent.has(stats)) return true;
  const std::uint16_t type = wide ? stats64 : stats;
  return read_stats_nest(parent.bytes(type), wide, parent.policy()[type].name, out, fault);
}

}  // namespace

Result<Service> decode_service(std::span<const std::uint8_t> payload) {
  AttrFault fault;
  Attrs top;
  Attrs a;
  if (!top_level(payload, policy::kServiceMsg, top, fault) || !top.nest(cmd_attr::kService, policy::kService, a, fault)) {
    return fault.error();
  }
  Service svc;
  Family family{};
  if (!to_family(a.get<std::uint16_t>(svc_attr::kAf), "IPVS_SVC_ATTR_AF", family, fault)) return fault.error();
  svc.key.family = family;
  svc.key.fwmark = a.get_or<std::uint32_t>(svc_attr::kFwmark, 0);
  if (svc.key.fwmark == 0) {
    // A FWMARK of 0 is no fwmark service: the key must be there after all.
    if (a.has(svc_attr::kFwmark) &&
        (!a.check(svc_attr::kProtocol, fault) || !a.check(svc_attr::kAddr, fault) || !a.check(svc_attr::kPort, fault))) {
      return fault.error();
    }
    svc.key.protocol = static_cast<Protocol>(a.get<std::uint16_t>(svc_attr::kProtocol));
    if (!read_address(a, svc_attr::kAddr, family, svc.key.address, fault)) return fault.error();
    svc.key.port = a.be16(svc_attr::kPort);
  }
  svc.scheduler = a.str(svc_attr::kSchedName);
  if (a.has(svc_attr::kPeName)) svc.pe_name = a.str(svc_attr::kPeName);
  // struct ip_vs_flags {flags; mask;}: the kernel sends its flags with mask ~0.
  svc.flags = a.get<std::uint32_t>(svc_attr::kFlags);
  svc.timeout = a.get<std::uint32_t>(svc_attr::kTimeout);
  // IPv4: a be32 mask, kept in host order; IPv6: the prefix length as is.
  svc.netmask = family == Family::Inet6 ? a.get<std::uint32_t>(svc_attr::kNetmask) : a.be32(svc_attr::kNetmask);
  if (!read_stats(a, svc_attr::kStats, svc_attr::kStats64, svc.stats, fault)) return fault.error();
  return svc;
}

Result<Destination> decode_dest(std::span<const std::uint8_t> payload, Family service_family) {
  AttrFault fault;
  Attrs top;
  Attrs a;
  if (!top_level(payload, policy::kDestMsg, top, fault) || !top.nest(cmd_attr::kDest, policy::kDest, a, fault)) {
    return fault.error();
  }
  Destination d;
  Family family = service_family;
  if (const auto af = a.get_or<std::uint16_t>(dest_attr::kAddrFamily, 0);
      af != 0 && !to_family(af, "IPVS_DEST_ATTR_ADDR_FAMILY", family, fault)) {
    return fault.error();
  }
  if (!read_address(a, dest_attr::kAddr, family, d.address, fault)) return fault.error();
  d.port = a.be16(dest_attr::kPort);
  d.forward = static_cast<Forward>(a.get<std::uint32_t>(dest_attr::kFwdMethod) & kFwdMask);
  d.weight = a.get<std::uint32_t>(dest_attr::kWeight);
  d.u_threshold = a.get<std::uint32_t>(dest_attr::kUThresh);
  d.l_threshold = a.get<std::uint32_t>(dest_attr::kLThresh);
  d.active_conns = a.get_or<std::uint32_t>(dest_attr::kActiveConns, 0);
  d.inactive_conns = a.get_or<std::uint32_t>(dest_attr::kInactConns, 0);
  d.persist_conns = a.get_or<std::uint32_t>(dest_attr::kPersistConns, 0);
  d.tun_type = static_cast<TunnelType>(a.get_or<std::uint8_t>(dest_attr::kTunType, 0));
  if (a.has(dest_attr::kTunPort)) d.tun_port = a.be16(dest_attr::kTunPort);
  d.tun_flags = a.get_or<std::uint16_t>(dest_attr::kTunFlags, 0);
  if (!read_stats(a, dest_attr::kStats, dest_attr::kStats64, d.stats, fault)) return fault.error();
  return d;
}

Result<Info> decode_info(std::span<const std::uint8_t> payload) {
  AttrFault fault;
  Attrs a;
  if (!top_level(payload, policy::kInfo, a, fault)) return fault.error();
  return Info{a.get<std::uint32_t>(info_attr::kVersion), a.get<std::uint32_t>(info_attr::kConnTabSize)};
}

Result<Timeouts> decode_config(std::span<const std::uint8_t> payload) {
  AttrFault fault;
  Attrs a;
  if (!top_level(payload, policy::kConfig, a, fault)) return fault.error();
  return Timeouts{a.get_or<std::uint32_t>(cmd_attr::kTimeoutTcp, 0), a.get_or<std::uint32_t>(cmd_attr::kTimeoutTcpFin, 0),
                  a.get_or<std::uint32_t>(cmd_attr::kTimeoutUdp, 0)};
}

Result<Daemon> decode_daemon(std::span<const std::uint8_t> payload) {
  AttrFault fault;
  Attrs top;
  Attrs a;
  if (!top_level(payload, policy::kDaemonMsg, top, fault) || !top.nest(cmd_attr::kDaemon, policy::kDaemon, a, fault)) {
    return fault.error();
  }
  Daemon d;
  d.state = static_cast<DaemonState>(a.get<std::uint32_t>(daemon_attr::kState));
  d.mcast_ifname = a.str(daemon_attr::kMcastIfn);
  d.sync_id = a.get<std::uint32_t>(daemon_attr::kSyncId);
  d.sync_maxlen = a.get_or<std::uint16_t>(daemon_attr::kSyncMaxlen, 0);
  if (a.has(daemon_attr::kMcastGroup6)) {
    d.mcast_group.family = Family::Inet6;
    std::memcpy(d.mcast_group.bytes.data(), a.bytes(daemon_attr::kMcastGroup6).data(), 16);
  } else if (a.has(daemon_attr::kMcastGroup)) {
    d.mcast_group.family = Family::Inet;
    std::memcpy(d.mcast_group.bytes.data(), a.bytes(daemon_attr::kMcastGroup).data(), 4);
  }
  d.mcast_port = a.get_or<std::uint16_t>(daemon_attr::kMcastPort, 0);
  d.mcast_ttl = a.get_or<std::uint8_t>(daemon_attr::kMcastTtl, 0);
  return d;
}

}  // namespace ipvs::nl
