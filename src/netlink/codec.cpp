#include "netlink/codec.hpp"

#include <array>
#include <cstring>
#include <string>
#include <utility>

#include "netlink/message.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::nl {

namespace {

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
                          const Service& svc, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, command);
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
                       const ServiceKey& svc, const Destination& dest, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, command);
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
                  std::uint16_t flags = kRequestFlags, Bytes into = {}) {
  return MessageWriter(std::move(into), family, flags, seq, command).finish();
}

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

Bytes encode_new_service(std::uint16_t family, std::uint32_t seq, const Service& svc, Bytes into) {
  return encode_full_service(family, seq, cmd::kNewService, svc, std::move(into));
}

Bytes encode_set_service(std::uint16_t family, std::uint32_t seq, const Service& svc, Bytes into) {
  return encode_full_service(family, seq, cmd::kSetService, svc, std::move(into));
}

Bytes encode_del_service(std::uint16_t family, std::uint32_t seq, const ServiceKey& key, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, cmd::kDelService);
  put_service_key_nest(w, key);
  return std::move(w).finish();
}

Bytes encode_get_dests(std::uint16_t family, std::uint32_t seq, const ServiceKey& key) {
  MessageWriter w(family, kDumpFlags, seq, cmd::kGetDest);
  put_service_key_nest(w, key);
  return std::move(w).finish();
}

Bytes encode_new_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest, Bytes into) {
  return encode_full_dest(family, seq, cmd::kNewDest, svc, dest, std::move(into));
}

Bytes encode_set_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest, Bytes into) {
  return encode_full_dest(family, seq, cmd::kSetDest, svc, dest, std::move(into));
}

Bytes encode_del_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, cmd::kDelDest);
  put_service_key_nest(w, svc);
  const Family af = dest_family(svc, dest);
  const auto nest = w.begin_nest(cmd_attr::kDest);
  w.put_bytes(dest_attr::kAddr, wire_address(af, dest.address));
  w.put_be16(dest_attr::kPort, dest.port);
  w.put_u16(dest_attr::kAddrFamily, static_cast<std::uint16_t>(af));
  w.end_nest(nest);
  return std::move(w).finish();
}

Bytes encode_flush(std::uint16_t family, std::uint32_t seq, Bytes into) {
  return encode_bare(family, seq, cmd::kFlush, kRequestFlags, std::move(into));
}

Bytes encode_zero(std::uint16_t family, std::uint32_t seq, const std::optional<ServiceKey>& svc, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, cmd::kZero);
  if (svc) put_service_key_nest(w, *svc);
  return std::move(w).finish();
}

Bytes encode_get_config(std::uint16_t family, std::uint32_t seq) {
  return encode_bare(family, seq, cmd::kGetConfig);
}

Bytes encode_set_config(std::uint16_t family, std::uint32_t seq, const Timeouts& t, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, cmd::kSetConfig);
  w.put_u32(cmd_attr::kTimeoutTcp, t.tcp);
  w.put_u32(cmd_attr::kTimeoutTcpFin, t.tcp_fin);
  w.put_u32(cmd_attr::kTimeoutUdp, t.udp);
  return std::move(w).finish();
}

Bytes encode_get_daemons(std::uint16_t family, std::uint32_t seq) {
  return encode_bare(family, seq, cmd::kGetDaemon, kDumpFlags);
}

Bytes encode_new_daemon(std::uint16_t family, std::uint32_t seq, const Daemon& d, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, cmd::kNewDaemon);
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

Bytes encode_del_daemon(std::uint16_t family, std::uint32_t seq, DaemonState state, Bytes into) {
  MessageWriter w(std::move(into), family, kRequestFlags, seq, cmd::kDelDaemon);
  const auto nest = w.begin_nest(cmd_attr::kDaemon);
  w.put_u32(daemon_attr::kState, static_cast<std::uint32_t>(state));
  w.end_nest(nest);
  return std::move(w).finish();
}

}  // namespace ipvs::nl
