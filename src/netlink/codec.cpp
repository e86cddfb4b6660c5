#include "netlink/codec.hpp"

#include <array>
#include <cstring>
#include <string>

#include "netlink/message.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::nl {

namespace {

// Every attribute the decoders read fits an AttrSet.
static_assert(cmd_attr::kMax <= AttrSet::kMaxType && svc_attr::kMax <= AttrSet::kMaxType &&
              dest_attr::kMax <= AttrSet::kMaxType && daemon_attr::kMax <= AttrSet::kMaxType &&
              stats_attr::kMax <= AttrSet::kMaxType && info_attr::kMax <= AttrSet::kMaxType);

constexpr std::uint32_t kFwdMask = 0x7;  // IP_VS_CONN_F_FWD_MASK

// ---- encoding helpers ------------------------------------------------------

/// union nf_inet_addr as sent: 16 bytes, IPv4 in the first 4 and zeros after.
std::array<std::uint8_t, 16> wire_address(Family family, const Address& a) {
  std::array<std::uint8_t, 16> out{};
  const std::size_t n = family == Family::Inet6 ? 16 : 4;
  for (std::size_t i = 0; i < n; ++i) out[i] = a.bytes[i];
  return out;
}

void put_key_attrs(MessageWriter& w, const ServiceKey& key) {
  w.put_u16(svc_attr::kAf, static_cast<std::uint16_t>(key.family));
  if (key.is_fwmark()) {
    // The kernel looks a fwmark service up by (af, fwmark) and ignores the rest.
    w.put_u32(svc_attr::kFwmark, key.fwmark);
    return;
  }
  w.put_u16(svc_attr::kProtocol, static_cast<std::uint16_t>(key.protocol));
  w.put_bytes(svc_attr::kAddr, wire_address(key.family, key.address));
  w.put_be16(svc_attr::kPort, key.port);
}

void put_service_key_nest(MessageWriter& w, const ServiceKey& key) {
  const auto nest = w.begin_nest(cmd_attr::kService);
  put_key_attrs(w, key);
  w.end_nest(nest);
}

Bytes encode_full_service(std::uint16_t family, std::uint32_t seq, std::uint8_t command,
                          const Service& svc) {
  MessageWriter w(family, kRequestFlags, seq, command);
  const auto nest = w.begin_nest(cmd_attr::kService);
  put_key_attrs(w, svc.key);
  w.put_string(svc_attr::kSchedName, svc.scheduler);
  if (!svc.pe_name.empty()) w.put_string(svc_attr::kPeName, svc.pe_name);
  // struct ip_vs_flags {flags; mask;}: an all-ones mask replaces every flag.
  // HASHED is the kernel's bookkeeping: ip_vs_add_service refuses to hash a
  // service that already carries it, so it is never sent.
  const std::uint32_t flags[2] = {svc.flags & ~kSvcFHashed, 0xffffffffu};
  std::array<std::uint8_t, sizeof flags> raw{};
  std::memcpy(raw.data(), flags, sizeof flags);
  w.put_bytes(svc_attr::kFlags, raw);
  w.put_u32(svc_attr::kTimeout, svc.timeout);
  // IPVS_SVC_ATTR_NETMASK: IPv4 the mask in network byte order; IPv6 the
  // prefix length as a plain u32 (the kernel reads both with nla_get_be32).
  if (svc.key.family == Family::Inet6) {
    w.put_u32(svc_attr::kNetmask, svc.netmask);
  } else {
    w.put_be32(svc_attr::kNetmask, svc.netmask);
  }
  w.end_nest(nest);
  return std::move(w).finish();
}

Family dest_family(const ServiceKey& svc, const Destination& dest) {
  return dest.address.family == Family::Unspec ? svc.family : dest.address.family;
}

Bytes encode_full_dest(std::uint16_t family, std::uint32_t seq, std::uint8_t command,
                       const ServiceKey& svc, const Destination& dest) {
  MessageWriter w(family, kRequestFlags, seq, command);
  put_service_key_nest(w, svc);
  const Family af = dest_family(svc, dest);
  const auto nest = w.begin_nest(cmd_attr::kDest);
  w.put_bytes(dest_attr::kAddr, wire_address(af, dest.address));
  w.put_be16(dest_attr::kPort, dest.port);
  w.put_u32(dest_attr::kFwdMethod, static_cast<std::uint32_t>(dest.forward) & kFwdMask);
  w.put_u32(dest_attr::kWeight, dest.weight);
  w.put_u32(dest_attr::kUThresh, dest.u_threshold);
  w.put_u32(dest_attr::kLThresh, dest.l_threshold);
  w.put_u16(dest_attr::kAddrFamily, static_cast<std::uint16_t>(af));
  w.put_u8(dest_attr::kTunType, static_cast<std::uint8_t>(dest.tun_type));
  w.put_be16(dest_attr::kTunPort, dest.tun_port);
  w.put_u16(dest_attr::kTunFlags, dest.tun_flags);
  w.end_nest(nest);
  return std::move(w).finish();
}

Bytes encode_bare(std::uint16_t family, std::uint32_t seq, std::uint8_t command,
                  std::uint16_t flags = kRequestFlags) {
  return MessageWriter(family, flags, seq, command).finish();
}

// ---- decoding helpers ------------------------------------------------------

Result<AttrSet> top_level(std::span<const std::uint8_t> payload, std::uint16_t max_type) {
  auto genl = parse_genl(payload);
  if (!genl) return genl.error();
  return AttrSet::parse(genl->attrs, max_type);
}

Result<Family> to_family(std::uint16_t af, const char* name) {
  if (af == static_cast<std::uint16_t>(Family::Inet)) return Family::Inet;
  if (af == static_cast<std::uint16_t>(Family::Inet6)) return Family::Inet6;
  return decode_error(std::string(name) + ": unsupported address family " + std::to_string(af));
}

/// An address attribute of `family`: at least the family's size, at most 16.
Result<Address> read_address(const AttrSet& set, std::uint16_t type, Family family,
                             const char* name) {
  auto data = read_required(set, type, name);
  if (!data) return data.error();
  const std::size_t need = family == Family::Inet6 ? 16 : 4;
  if (data->size() < need || data->size() > 16) {
    return decode_error(std::string(name) + ": bad address length " + std::to_string(data->size()));
  }
  Address a;
  a.family = family;
  std::memcpy(a.bytes.data(), data->data(), need);
  return a;
}

/// One stats nest; `wide` = STATS64 (all u64), else STATS (u32 but bytes u64).
Result<Stats> read_stats_nest(const AttrSet& parent, std::uint16_t type, bool wide,
                              const char* name) {
  auto nest = read_nest(parent, type, stats_attr::kMax, name);
  if (!nest) return nest.error();
  Stats s;
  struct Field {
    std::uint16_t type;
    std::uint64_t Stats::*member;
    const char* name;
    bool always_u64;
  };
  static constexpr Field kFields[] = {
      {stats_attr::kConns, &Stats::conns, "IPVS_STATS_ATTR_CONNS", false},
      {stats_attr::kInpkts, &Stats::inpkts, "IPVS_STATS_ATTR_INPKTS", false},
      {stats_attr::kOutpkts, &Stats::outpkts, "IPVS_STATS_ATTR_OUTPKTS", false},
      {stats_attr::kInbytes, &Stats::inbytes, "IPVS_STATS_ATTR_INBYTES", true},
      {stats_attr::kOutbytes, &Stats::outbytes, "IPVS_STATS_ATTR_OUTBYTES", true},
      {stats_attr::kCps, &Stats::cps, "IPVS_STATS_ATTR_CPS", false},
      {stats_attr::kInpps, &Stats::inpps, "IPVS_STATS_ATTR_INPPS", false},
      {stats_attr::kOutpps, &Stats::outpps, "IPVS_STATS_ATTR_OUTPPS", false},
      {stats_attr::kInbps, &Stats::inbps, "IPVS_STATS_ATTR_INBPS", false},
      {stats_attr::kOutbps, &Stats::outbps, "IPVS_STATS_ATTR_OUTBPS", false},
  };
  // A missing counter reads as 0; one of the wrong size fails the nest.
  for (const Field& f : kFields) {
    const auto data = nest->get(f.type);
    if (!data) continue;
    const std::size_t want = (wide || f.always_u64) ? sizeof(std::uint64_t) : sizeof(std::uint32_t);
    if (data->size() != want) {
      return decode_error(std::string(name) + ": " + int_attr_error(f.name, true, want, data->size()).detail);
    }
    s.*f.member = want == sizeof(std::uint64_t) ? load_int<std::uint64_t>(*data) : load_int<std::uint32_t>(*data);
  }
  return s;
}

/// STATS64 when present, else STATS widened, else zeros.
Result<Stats> read_stats(const AttrSet& parent, std::uint16_t stats, std::uint16_t stats64,
                         const char* name32, const char* name64) {
  if (parent.has(stats64)) return read_stats_nest(parent, stats64, true, name64);
  if (parent.has(stats)) return read_stats_nest(parent, stats, false, name32);
  return Stats{};
}

// Shorthand for the chains of required reads below.
#define IPVS_TRY(var, expr)            \
  auto var##_r = (expr);               \
  if (!var##_r) return var##_r.error(); \
  auto var = std::move(*var##_r)

}  // namespace

// ---- encoders --------------------------------------------------------------

Bytes encode_get_info(std::uint16_t family, std::uint32_t seq) {
  return encode_bare(family, seq, cmd::kGetInfo);
}

Bytes encode_get_services(std::uint16_t family, std::uint32_t seq) {
  return encode_bare(family, seq, cmd::kGetService, kDumpFlags);
}

Bytes encode_get_service(std::uint16_t family, std::uint32_t seq, const ServiceKey& key) {
  MessageWriter w(family, kRequestFlags, seq, cmd::kGetService);
  put_service_key_nest(w, key);
  return std::move(w).finish();
}

Bytes encode_new_service(std::uint16_t family, std::uint32_t seq, const Service& svc) {
  return encode_full_service(family, seq, cmd::kNewService, svc);
}

Bytes encode_set_service(std::uint16_t family, std::uint32_t seq, const Service& svc) {
  return encode_full_service(family, seq, cmd::kSetService, svc);
}

Bytes encode_del_service(std::uint16_t family, std::uint32_t seq, const ServiceKey& key) {
  MessageWriter w(family, kRequestFlags, seq, cmd::kDelService);
  put_service_key_nest(w, key);
  return std::move(w).finish();
}

Bytes encode_get_dests(std::uint16_t family, std::uint32_t seq, const ServiceKey& key) {
  MessageWriter w(family, kDumpFlags, seq, cmd::kGetDest);
  put_service_key_nest(w, key);
  return std::move(w).finish();
}

Bytes encode_new_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest) {
  return encode_full_dest(family, seq, cmd::kNewDest, svc, dest);
}

Bytes encode_set_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest) {
  return encode_full_dest(family, seq, cmd::kSetDest, svc, dest);
}

Bytes encode_del_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest) {
  MessageWriter w(family, kRequestFlags, seq, cmd::kDelDest);
  put_service_key_nest(w, svc);
  const Family af = dest_family(svc, dest);
  const auto nest = w.begin_nest(cmd_attr::kDest);
  w.put_bytes(dest_attr::kAddr, wire_address(af, dest.address));
  w.put_be16(dest_attr::kPort, dest.port);
  w.put_u16(dest_attr::kAddrFamily, static_cast<std::uint16_t>(af));
  w.end_nest(nest);
  return std::move(w).finish();
}

Bytes encode_flush(std::uint16_t family, std::uint32_t seq) {
  return encode_bare(family, seq, cmd::kFlush);
}

Bytes encode_zero(std::uint16_t family, std::uint32_t seq, const std::optional<ServiceKey>& svc) {
  MessageWriter w(family, kRequestFlags, seq, cmd::kZero);
  if (svc) put_service_key_nest(w, *svc);
  return std::move(w).finish();
}

Bytes encode_get_config(std::uint16_t family, std::uint32_t seq) {
  return encode_bare(family, seq, cmd::kGetConfig);
}

Bytes encode_set_config(std::uint16_t family, std::uint32_t seq, const Timeouts& t) {
  MessageWriter w(family, kRequestFlags, seq, cmd::kSetConfig);
  w.put_u32(cmd_attr::kTimeoutTcp, t.tcp);
  w.put_u32(cmd_attr::kTimeoutTcpFin, t.tcp_fin);
  w.put_u32(cmd_attr::kTimeoutUdp, t.udp);
  return std::move(w).finish();
}

Bytes encode_get_daemons(std::uint16_t family, std::uint32_t seq) {
  return encode_bare(family, seq, cmd::kGetDaemon, kDumpFlags);
}

Bytes encode_new_daemon(std::uint16_t family, std::uint32_t seq, const Daemon& d) {
  MessageWriter w(family, kRequestFlags, seq, cmd::kNewDaemon);
  const auto nest = w.begin_nest(cmd_attr::kDaemon);
  w.put_u32(daemon_attr::kState, static_cast<std::uint32_t>(d.state));
  w.put_string(daemon_attr::kMcastIfn, d.mcast_ifname);
  w.put_u32(daemon_attr::kSyncId, d.sync_id);
  if (d.sync_maxlen != 0) w.put_u16(daemon_attr::kSyncMaxlen, d.sync_maxlen);
  if (d.mcast_group.family == Family::Inet) {
    w.put_bytes(daemon_attr::kMcastGroup, std::span(d.mcast_group.bytes).first(4));
  } else if (d.mcast_group.family == Family::Inet6) {
    w.put_bytes(daemon_attr::kMcastGroup6, d.mcast_group.bytes);
  }
  if (d.mcast_port != 0) w.put_u16(daemon_attr::kMcastPort, d.mcast_port);
  if (d.mcast_ttl != 0) w.put_u8(daemon_attr::kMcastTtl, d.mcast_ttl);
  w.end_nest(nest);
  return std::move(w).finish();
}

Bytes encode_del_daemon(std::uint16_t family, std::uint32_t seq, DaemonState state) {
  MessageWriter w(family, kRequestFlags, seq, cmd::kDelDaemon);
  const auto nest = w.begin_nest(cmd_attr::kDaemon);
  w.put_u32(daemon_attr::kState, static_cast<std::uint32_t>(state));
  w.end_nest(nest);
  return std::move(w).finish();
}

// ---- decoders --------------------------------------------------------------

Result<Service> decode_service(std::span<const std::uint8_t> payload) {
  IPVS_TRY(top, top_level(payload, cmd_attr::kMax));
  IPVS_TRY(a, read_nest(top, cmd_attr::kService, svc_attr::kMax, "IPVS_CMD_ATTR_SERVICE"));
  Service svc;
  IPVS_TRY(af, read_int<std::uint16_t>(a, svc_attr::kAf, "IPVS_SVC_ATTR_AF"));
  IPVS_TRY(family, to_family(af, "IPVS_SVC_ATTR_AF"));
  svc.key.family = family;
  if (a.has(svc_attr::kFwmark)) {
    IPVS_TRY(mark, read_int<std::uint32_t>(a, svc_attr::kFwmark, "IPVS_SVC_ATTR_FWMARK"));
    svc.key.fwmark = mark;
  }
  if (svc.key.fwmark == 0) {
    IPVS_TRY(proto, read_int<std::uint16_t>(a, svc_attr::kProtocol, "IPVS_SVC_ATTR_PROTOCOL"));
    IPVS_TRY(addr, read_address(a, svc_attr::kAddr, family, "IPVS_SVC_ATTR_ADDR"));
    IPVS_TRY(port, read_be16(a, svc_attr::kPort, "IPVS_SVC_ATTR_PORT"));
    svc.key.protocol = static_cast<Protocol>(proto);
    svc.key.address = addr;
    svc.key.port = port;
  }
  IPVS_TRY(sched, read_string(a, svc_attr::kSchedName, "IPVS_SVC_ATTR_SCHED_NAME"));
  svc.scheduler = std::move(sched);
  if (a.has(svc_attr::kPeName)) {
    IPVS_TRY(pe, read_string(a, svc_attr::kPeName, "IPVS_SVC_ATTR_PE_NAME"));
    svc.pe_name = std::move(pe);
  }
  // struct ip_vs_flags {flags; mask;}: the kernel sends its flags with mask ~0.
  IPVS_TRY(flags, read_required(a, svc_attr::kFlags, "IPVS_SVC_ATTR_FLAGS"));
  if (flags.size() != 8) {
    return decode_error("IPVS_SVC_ATTR_FLAGS: expected 8 bytes, got " + std::to_string(flags.size()));
  }
  std::memcpy(&svc.flags, flags.data(), sizeof svc.flags);
  IPVS_TRY(timeout, read_int<std::uint32_t>(a, svc_attr::kTimeout, "IPVS_SVC_ATTR_TIMEOUT"));
  svc.timeout = timeout;
  // IPv4: a be32 mask, kept in host order; IPv6: the prefix length as is.
  IPVS_TRY(mask, family == Family::Inet6
                     ? read_int<std::uint32_t>(a, svc_attr::kNetmask, "IPVS_SVC_ATTR_NETMASK")
                     : read_be32(a, svc_attr::kNetmask, "IPVS_SVC_ATTR_NETMASK"));
  svc.netmask = mask;
  IPVS_TRY(stats, read_stats(a, svc_attr::kStats, svc_attr::kStats64, "IPVS_SVC_ATTR_STATS",
                             "IPVS_SVC_ATTR_STATS64"));
  svc.stats = stats;
  return svc;
}

Result<Destination> decode_dest(std::span<const std::uint8_t> payload, Family service_family) {
  IPVS_TRY(top, top_level(payload, cmd_attr::kMax));
  IPVS_TRY(a, read_nest(top, cmd_attr::kDest, dest_attr::kMax, "IPVS_CMD_ATTR_DEST"));
  Destination d;
  Family family = service_family;
  IPVS_TRY(af, read_int_or<std::uint16_t>(a, dest_attr::kAddrFamily, "IPVS_DEST_ATTR_ADDR_FAMILY", 0));
  if (af != 0) {
    IPVS_TRY(f, to_family(af, "IPVS_DEST_ATTR_ADDR_FAMILY"));
    family = f;
  }
  IPVS_TRY(addr, read_address(a, dest_attr::kAddr, family, "IPVS_DEST_ATTR_ADDR"));
  d.address = addr;
  IPVS_TRY(port, read_be16(a, dest_attr::kPort, "IPVS_DEST_ATTR_PORT"));
  d.port = port;
  IPVS_TRY(fwd, read_int<std::uint32_t>(a, dest_attr::kFwdMethod, "IPVS_DEST_ATTR_FWD_METHOD"));
  d.forward = static_cast<Forward>(fwd & kFwdMask);
  IPVS_TRY(weight, read_int<std::uint32_t>(a, dest_attr::kWeight, "IPVS_DEST_ATTR_WEIGHT"));
  d.weight = weight;
  IPVS_TRY(uth, read_int<std::uint32_t>(a, dest_attr::kUThresh, "IPVS_DEST_ATTR_U_THRESH"));
  d.u_threshold = uth;
  IPVS_TRY(lth, read_int<std::uint32_t>(a, dest_attr::kLThresh, "IPVS_DEST_ATTR_L_THRESH"));
  d.l_threshold = lth;
  IPVS_TRY(act, read_int_or<std::uint32_t>(a, dest_attr::kActiveConns, "IPVS_DEST_ATTR_ACTIVE_CONNS", 0));
  d.active_conns = act;
  IPVS_TRY(inact, read_int_or<std::uint32_t>(a, dest_attr::kInactConns, "IPVS_DEST_ATTR_INACT_CONNS", 0));
  d.inactive_conns = inact;
  IPVS_TRY(pers, read_int_or<std::uint32_t>(a, dest_attr::kPersistConns, "IPVS_DEST_ATTR_PERSIST_CONNS", 0));
  d.persist_conns = pers;
  IPVS_TRY(tun_type, read_int_or<std::uint8_t>(a, dest_attr::kTunType, "IPVS_DEST_ATTR_TUN_TYPE", 0));
  d.tun_type = static_cast<TunnelType>(tun_type);
  if (a.has(dest_attr::kTunPort)) {
    IPVS_TRY(tun_port, read_be16(a, dest_attr::kTunPort, "IPVS_DEST_ATTR_TUN_PORT"));
    d.tun_port = tun_port;
  }
  IPVS_TRY(tun_flags, read_int_or<std::uint16_t>(a, dest_attr::kTunFlags, "IPVS_DEST_ATTR_TUN_FLAGS", 0));
  d.tun_flags = tun_flags;
  IPVS_TRY(stats, read_stats(a, dest_attr::kStats, dest_attr::kStats64, "IPVS_DEST_ATTR_STATS",
                             "IPVS_DEST_ATTR_STATS64"));
  d.stats = stats;
  return d;
}

Result<Info> decode_info(std::span<const std::uint8_t> payload) {
  IPVS_TRY(a, top_level(payload, info_attr::kMax));
  IPVS_TRY(version, read_int<std::uint32_t>(a, info_attr::kVersion, "IPVS_INFO_ATTR_VERSION"));
  IPVS_TRY(size, read_int<std::uint32_t>(a, info_attr::kConnTabSize, "IPVS_INFO_ATTR_CONN_TAB_SIZE"));
  return Info{version, size};
}

Result<Timeouts> decode_config(std::span<const std::uint8_t> payload) {
  IPVS_TRY(a, top_level(payload, cmd_attr::kMax));
  IPVS_TRY(tcp, read_int_or<std::uint32_t>(a, cmd_attr::kTimeoutTcp, "IPVS_CMD_ATTR_TIMEOUT_TCP", 0));
  IPVS_TRY(fin, read_int_or<std::uint32_t>(a, cmd_attr::kTimeoutTcpFin, "IPVS_CMD_ATTR_TIMEOUT_TCP_FIN", 0));
  IPVS_TRY(udp, read_int_or<std::uint32_t>(a, cmd_attr::kTimeoutUdp, "IPVS_CMD_ATTR_TIMEOUT_UDP", 0));
  return Timeouts{tcp, fin, udp};
}

Result<Daemon> decode_daemon(std::span<const std::uint8_t> payload) {
  IPVS_TRY(top, top_level(payload, cmd_attr::kMax));
  IPVS_TRY(a, read_nest(top, cmd_attr::kDaemon, daemon_attr::kMax, "IPVS_CMD_ATTR_DAEMON"));
  Daemon d;
  IPVS_TRY(state, read_int<std::uint32_t>(a, daemon_attr::kState, "IPVS_DAEMON_ATTR_STATE"));
  d.state = static_cast<DaemonState>(state);
  IPVS_TRY(ifn, read_string(a, daemon_attr::kMcastIfn, "IPVS_DAEMON_ATTR_MCAST_IFN"));
  d.mcast_ifname = std::move(ifn);
  IPVS_TRY(id, read_int<std::uint32_t>(a, daemon_attr::kSyncId, "IPVS_DAEMON_ATTR_SYNC_ID"));
  d.sync_id = id;
  IPVS_TRY(maxlen, read_int_or<std::uint16_t>(a, daemon_attr::kSyncMaxlen, "IPVS_DAEMON_ATTR_SYNC_MAXLEN", 0));
  d.sync_maxlen = maxlen;
  if (a.has(daemon_attr::kMcastGroup6)) {
    IPVS_TRY(g6, read_required(a, daemon_attr::kMcastGroup6, "IPVS_DAEMON_ATTR_MCAST_GROUP6"));
    if (g6.size() != 16) return decode_error("IPVS_DAEMON_ATTR_MCAST_GROUP6: expected 16 bytes");
    d.mcast_group.family = Family::Inet6;
    std::memcpy(d.mcast_group.bytes.data(), g6.data(), 16);
  } else if (a.has(daemon_attr::kMcastGroup)) {
    IPVS_TRY(g4, read_required(a, daemon_attr::kMcastGroup, "IPVS_DAEMON_ATTR_MCAST_GROUP"));
    if (g4.size() != 4) return decode_error("IPVS_DAEMON_ATTR_MCAST_GROUP: expected 4 bytes");
    d.mcast_group.family = Family::Inet;
    std::memcpy(d.mcast_group.bytes.data(), g4.data(), 4);
  }
  IPVS_TRY(mport, read_int_or<std::uint16_t>(a, daemon_attr::kMcastPort, "IPVS_DAEMON_ATTR_MCAST_PORT", 0));
  d.mcast_port = mport;
  IPVS_TRY(ttl, read_int_or<std::uint8_t>(a, daemon_attr::kMcastTtl, "IPVS_DAEMON_ATTR_MCAST_TTL", 0));
  d.mcast_ttl = ttl;
  return d;
}

#undef IPVS_TRY

}  // namespace ipvs::nl
