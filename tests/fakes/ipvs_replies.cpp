#include "fakes/ipvs_replies.hpp"

#include <cstring>

#include "netlink/message.hpp"

namespace ipvs::testing::reply {

namespace {

template <typename T>
void append(Bytes& b, T v) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
  b.insert(b.end(), p, p + sizeof v);
}

void put_header(Bytes& b, std::uint32_t len, std::uint16_t type, std::uint16_t flags, std::uint32_t seq) {
  append(b, len);
  append(b, type);
  append(b, flags);
  append(b, seq);
  append<std::uint32_t>(b, 4242);  // kPortId
}

constexpr std::uint32_t kPortId = 4242;  // the requester's port id, as the kernel fills it

/// A finished genl reply, with nlmsg_pid set as the kernel would.
Bytes finish(nl::MessageWriter&& w) {
  Bytes b = std::move(w).finish();
  std::memcpy(b.data() + 12, &kPortId, sizeof kPortId);
  return b;
}

void patch_len(Bytes& b) {
  const auto len = static_cast<std::uint32_t>(b.size());
  std::memcpy(b.data(), &len, sizeof len);
}

void put_stats(nl::MessageWriter& w, std::uint16_t type, const Stats& s, bool wide) {
  const auto nest = w.begin_nest(type);
  auto counter = [&](std::uint16_t t, std::uint64_t v) {
    if (wide) {
      w.put_u64(t, v);
    } else {
      w.put_u32(t, static_cast<std::uint32_t>(v));
    }
  };
  counter(nl::stats_attr::kConns, s.conns);
  counter(nl::stats_attr::kInpkts, s.inpkts);
  counter(nl::stats_attr::kOutpkts, s.outpkts);
  w.put_u64(nl::stats_attr::kInbytes, s.inbytes);
  w.put_u64(nl::stats_attr::kOutbytes, s.outbytes);
  counter(nl::stats_attr::kCps, s.cps);
  counter(nl::stats_attr::kInpps, s.inpps);
  counter(nl::stats_attr::kOutpps, s.outpps);
  counter(nl::stats_attr::kInbps, s.inbps);
  counter(nl::stats_attr::kOutbps, s.outbps);
  w.end_nest(nest);
}

}  // namespace

Bytes ack(std::uint32_t seq, int errnum, const std::string& extack) {
  Bytes b;
  std::uint16_t flags = nl::kNlmFCapped;
  if (!extack.empty()) flags |= nl::kNlmFAckTlvs;
  put_header(b, 0, nl::kNlmsgError, flags, seq);
  append<std::int32_t>(b, -errnum);
  // The request's own nlmsghdr, as echoed by the kernel.
  append<std::uint32_t>(b, 20);
  append<std::uint16_t>(b, kFakeFamily);
  append<std::uint16_t>(b, nl::kRequestFlags);
  append<std::uint32_t>(b, seq);
  append<std::uint32_t>(b, 0);
  if (!extack.empty()) {
    append<std::uint16_t>(b, static_cast<std::uint16_t>(4 + extack.size() + 1));
    append<std::uint16_t>(b, nl::kNlmsgerrAttrMsg);
    b.insert(b.end(), extack.begin(), extack.end());
    b.push_back(0);
    b.resize(nl::nl_align(b.size()), 0);
  }
  patch_len(b);
  return b;
}

Bytes done(std::uint32_t seq, int errnum) {
  Bytes b;
  put_header(b, 20, nl::kNlmsgDone, nl::kNlmFMulti, seq);
  append<std::int32_t>(b, -errnum);
  return b;
}

Bytes service(std::uint32_t seq, const Service& svc, std::uint16_t flags, std::uint16_t family) {
  nl::MessageWriter w(family, flags, seq, nl::cmd::kNewService);
  const auto nest = w.begin_nest(nl::cmd_attr::kService);
  w.put_u16(nl::svc_attr::kAf, static_cast<std::uint16_t>(svc.key.family));
  if (svc.key.fwmark != 0) {
    w.put_u32(nl::svc_attr::kFwmark, svc.key.fwmark);
  } else {
    w.put_u16(nl::svc_attr::kProtocol, static_cast<std::uint16_t>(svc.key.protocol));
    w.put_bytes(nl::svc_attr::kAddr, svc.key.address.bytes);
    w.put_be16(nl::svc_attr::kPort, svc.key.port);
  }
  w.put_string(nl::svc_attr::kSchedName, svc.scheduler);
  if (!svc.pe_name.empty()) w.put_string(nl::svc_attr::kPeName, svc.pe_name);
  std::uint8_t flag_bytes[8];
  const std::uint32_t pair[2] = {svc.flags, 0xffffffffu};
  std::memcpy(flag_bytes, pair, sizeof pair);
  w.put_bytes(nl::svc_attr::kFlags, flag_bytes);
  w.put_u32(nl::svc_attr::kTimeout, svc.timeout);
  if (svc.key.family == Family::Inet6) {
    w.put_u32(nl::svc_attr::kNetmask, svc.netmask);
  } else {
    w.put_be32(nl::svc_attr::kNetmask, svc.netmask);
  }
  put_stats(w, nl::svc_attr::kStats, svc.stats, false);
  put_stats(w, nl::svc_attr::kStats64, svc.stats, true);
  w.end_nest(nest);
  return finish(std::move(w));
}

Bytes dest(std::uint32_t seq, const Destination& d, bool with_addr_family, std::uint16_t flags,
           std::uint16_t family) {
  nl::MessageWriter w(family, flags, seq, nl::cmd::kNewDest);
  const auto nest = w.begin_nest(nl::cmd_attr::kDest);
  w.put_bytes(nl::dest_attr::kAddr, d.address.bytes);
  w.put_be16(nl::dest_attr::kPort, d.port);
  w.put_u32(nl::dest_attr::kFwdMethod, static_cast<std::uint32_t>(d.forward));
  w.put_u32(nl::dest_attr::kWeight, d.weight);
  w.put_u8(nl::dest_attr::kTunType, static_cast<std::uint8_t>(d.tun_type));
  w.put_be16(nl::dest_attr::kTunPort, d.tun_port);
  w.put_u16(nl::dest_attr::kTunFlags, d.tun_flags);
  w.put_u32(nl::dest_attr::kUThresh, d.u_threshold);
  w.put_u32(nl::dest_attr::kLThresh, d.l_threshold);
  w.put_u32(nl::dest_attr::kActiveConns, d.active_conns);
  w.put_u32(nl::dest_attr::kInactConns, d.inactive_conns);
  w.put_u32(nl::dest_attr::kPersistConns, d.persist_conns);
  if (with_addr_family) w.put_u16(nl::dest_attr::kAddrFamily, static_cast<std::uint16_t>(d.address.family));
  put_stats(w, nl::dest_attr::kStats, d.stats, false);
  put_stats(w, nl::dest_attr::kStats64, d.stats, true);
  w.end_nest(nest);
  return finish(std::move(w));
}

Bytes info(std::uint32_t seq, const Info& i, std::uint16_t family) {
  nl::MessageWriter w(family, 0, seq, nl::cmd::kSetInfo);
  w.put_u32(nl::info_attr::kVersion, i.version);
  w.put_u32(nl::info_attr::kConnTabSize, i.conn_table_size);
  return finish(std::move(w));
}

Bytes config(std::uint32_t seq, const Timeouts& t, std::uint16_t family) {
  nl::MessageWriter w(family, 0, seq, nl::cmd::kSetConfig);
  w.put_u32(nl::cmd_attr::kTimeoutTcp, t.tcp);
  w.put_u32(nl::cmd_attr::kTimeoutTcpFin, t.tcp_fin);
  w.put_u32(nl::cmd_attr::kTimeoutUdp, t.udp);
  return finish(std::move(w));
}

Bytes daemon(std::uint32_t seq, const Daemon& d, std::uint16_t flags, std::uint16_t family) {
  nl::MessageWriter w(family, flags, seq, nl::cmd::kNewDaemon);
  const auto nest = w.begin_nest(nl::cmd_attr::kDaemon);
  w.put_u32(nl::daemon_attr::kState, static_cast<std::uint32_t>(d.state));
  w.put_string(nl::daemon_attr::kMcastIfn, d.mcast_ifname);
  w.put_u32(nl::daemon_attr::kSyncId, d.sync_id);
  w.put_u16(nl::daemon_attr::kSyncMaxlen, d.sync_maxlen);
  w.put_u16(nl::daemon_attr::kMcastPort, d.mcast_port);
  w.put_u8(nl::daemon_attr::kMcastTtl, d.mcast_ttl);
  if (d.mcast_group.family == Family::Inet6) {
    w.put_bytes(nl::daemon_attr::kMcastGroup6, d.mcast_group.bytes);
  } else if (d.mcast_group.family == Family::Inet) {
    w.put_bytes(nl::daemon_attr::kMcastGroup, std::span(d.mcast_group.bytes).first(4));
  }
  w.end_nest(nest);
  return finish(std::move(w));
}

Bytes datagram(const std::vector<Bytes>& messages) {
  Bytes out;
  for (const Bytes& m : messages) out.insert(out.end(), m.begin(), m.end());
  return out;
}

Bytes with_flags(Bytes msg, std::uint16_t extra_flags) {
  std::uint16_t flags;
  std::memcpy(&flags, msg.data() + 6, sizeof flags);
  flags |= extra_flags;
  std::memcpy(msg.data() + 6, &flags, sizeof flags);
  return msg;
}

}  // namespace ipvs::testing::reply
