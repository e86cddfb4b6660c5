#pragma once
/// \file ipvs_policy.hpp
/// Every IPVS attribute the decoders read, declared once (policy.hpp): its
/// type, kind, whether a reply must carry it, and its uapi name. The order of
/// each table is the order in which faults are reported.

#include <array>
#include <cstdint>

#include "ipvs/stats.hpp"
#include "netlink/policy.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::nl::policy {

static_assert(cmd_attr::kMax <= kMaxAttrType && svc_attr::kMax <= kMaxAttrType && dest_attr::kMax <= kMaxAttrType &&
              daemon_attr::kMax <= kMaxAttrType && stats_attr::kMax <= kMaxAttrType &&
              info_attr::kMax <= kMaxAttrType);

// ---- IPVS_SVC_ATTR_* (NEW_SERVICE replies) ---------------------------------

inline constexpr AttrPolicy kServiceAttrs[] = {
    {svc_attr::kAf, AttrKind::U16, kRequired, "IPVS_SVC_ATTR_AF"},
    {svc_attr::kFwmark, AttrKind::U32, kOptional, "IPVS_SVC_ATTR_FWMARK"},
    // The kernel sends FWMARK or else PROTOCOL, ADDR and PORT.
    {svc_attr::kProtocol, AttrKind::U16, kRequired, "IPVS_SVC_ATTR_PROTOCOL", 0, svc_attr::kFwmark},
    {svc_attr::kAddr, AttrKind::Address, kRequired, "IPVS_SVC_ATTR_ADDR", 0, svc_attr::kFwmark},
    {svc_attr::kPort, AttrKind::Be16, kRequired, "IPVS_SVC_ATTR_PORT", 0, svc_attr::kFwmark},
    {svc_attr::kSchedName, AttrKind::String, kRequired, "IPVS_SVC_ATTR_SCHED_NAME"},
    {svc_attr::kPeName, AttrKind::String, kOptional, "IPVS_SVC_ATTR_PE_NAME"},
    {svc_attr::kFlags, AttrKind::Bytes, kRequired, "IPVS_SVC_ATTR_FLAGS", 8},  // struct ip_vs_flags
    {svc_attr::kTimeout, AttrKind::U32, kRequired, "IPVS_SVC_ATTR_TIMEOUT"},
    // IPv4: the mask as be32; IPv6: the prefix length as u32 (same width).
    {svc_attr::kNetmask, AttrKind::U32, kRequired, "IPVS_SVC_ATTR_NETMASK"},
    {svc_attr::kStats64, AttrKind::Nest, kOptional, "IPVS_SVC_ATTR_STATS64"},
    {svc_attr::kStats, AttrKind::Nest, kOptional, "IPVS_SVC_ATTR_STATS", 0, svc_attr::kStats64},
};
inline constexpr Policy kService(kServiceAttrs);

// ---- IPVS_DEST_ATTR_* (NEW_DEST replies) -----------------------------------

inline constexpr AttrPolicy kDestAttrs[] = {
    {dest_attr::kAddrFamily, AttrKind::U16, kOptional, "IPVS_DEST_ATTR_ADDR_FAMILY"},  // kernel 3.18+
    {dest_attr::kAddr, AttrKind::Address, kRequired, "IPVS_DEST_ATTR_ADDR"},
    {dest_attr::kPort, AttrKind::Be16, kRequired, "IPVS_DEST_ATTR_PORT"},
    {dest_attr::kFwdMethod, AttrKind::U32, kRequired, "IPVS_DEST_ATTR_FWD_METHOD"},
    {dest_attr::kWeight, AttrKind::U32, kRequired, "IPVS_DEST_ATTR_WEIGHT"},
    {dest_attr::kUThresh, AttrKind::U32, kRequired, "IPVS_DEST_ATTR_U_THRESH"},
    {dest_attr::kLThresh, AttrKind::U32, kRequired, "IPVS_DEST_ATTR_L_THRESH"},
    {dest_attr::kActiveConns, AttrKind::U32, kOptional, "IPVS_DEST_ATTR_ACTIVE_CONNS"},
    {dest_attr::kInactConns, AttrKind::U32, kOptional, "IPVS_DEST_ATTR_INACT_CONNS"},
    {dest_attr::kPersistConns, AttrKind::U32, kOptional, "IPVS_DEST_ATTR_PERSIST_CONNS"},
    {dest_attr::kTunType, AttrKind::U8, kOptional, "IPVS_DEST_ATTR_TUN_TYPE"},  // kernel 5.2+
    {dest_attr::kTunPort, AttrKind::Be16, kOptional, "IPVS_DEST_ATTR_TUN_PORT"},
    {dest_attr::kTunFlags, AttrKind::U16, kOptional, "IPVS_DEST_ATTR_TUN_FLAGS"},
    {dest_attr::kStats64, AttrKind::Nest, kOptional, "IPVS_DEST_ATTR_STATS64"},
    {dest_attr::kStats, AttrKind::Nest, kOptional, "IPVS_DEST_ATTR_STATS", 0, dest_attr::kStats64},
};
inline constexpr Policy kDest(kDestAttrs);

// ---- IPVS_DAEMON_ATTR_* (NEW_DAEMON replies) -------------------------------

inline constexpr AttrPolicy kDaemonAttrs[] = {
    {daemon_attr::kState, AttrKind::U32, kRequired, "IPVS_DAEMON_ATTR_STATE"},
    {daemon_attr::kMcastIfn, AttrKind::String, kRequired, "IPVS_DAEMON_ATTR_MCAST_IFN"},
    {daemon_attr::kSyncId, AttrKind::U32, kRequired, "IPVS_DAEMON_ATTR_SYNC_ID"},
    // Kernel 4.3+:
    {daemon_attr::kSyncMaxlen, AttrKind::U16, kOptional, "IPVS_DAEMON_ATTR_SYNC_MAXLEN"},
    {daemon_attr::kMcastGroup6, AttrKind::Bytes, kOptional, "IPVS_DAEMON_ATTR_MCAST_GROUP6", 16},
    {daemon_attr::kMcastGroup, AttrKind::Bytes, kOptional, "IPVS_DAEMON_ATTR_MCAST_GROUP", 4,
     daemon_attr::kMcastGroup6},
    {daemon_attr::kMcastPort, AttrKind::U16, kOptional, "IPVS_DAEMON_ATTR_MCAST_PORT"},  // host order
    {daemon_attr::kMcastTtl, AttrKind::U8, kOptional, "IPVS_DAEMON_ATTR_MCAST_TTL"},
};
inline constexpr Policy kDaemon(kDaemonAttrs);

// ---- IPVS_STATS_ATTR_* (STATS and STATS64 nests) ---------------------------

/// A counter: its attribute, where it goes, and whether the 32-bit STATS
/// nest also carries it as u64 (the byte counters).
struct StatsField {
  std::uint16_t type;
  std::uint64_t Stats::*member;
  const char* name;
  bool always_u64;
};
inline constexpr StatsField kStatsFields[] = {
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
};  // IPVS_STATS_ATTR_PAD is alignment only: undeclared, skipped.

/// The counters' declarations for STATS64 (`wide`: all u64) or STATS. A
/// missing counter reads 0, so none is required.
constexpr std::array<AttrPolicy, std::size(kStatsFields)> stats_attrs(bool wide) {
  std::array<AttrPolicy, std::size(kStatsFields)> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    const StatsField& f = kStatsFields[i];
    out[i] = AttrPolicy{f.type, wide || f.always_u64 ? AttrKind::U64 : AttrKind::U32, kOptional, f.name};
  }
  return out;
}
inline constexpr auto kStats64Attrs = stats_attrs(true);
inline constexpr auto kStats32Attrs = stats_attrs(false);
inline constexpr Policy kStats64(kStats64Attrs);
inline constexpr Policy kStats32(kStats32Attrs);

// ---- top level: IPVS_CMD_ATTR_* and IPVS_INFO_ATTR_* -----------------------
// One table per reply, so a reply is checked only for what it must carry.

inline constexpr AttrPolicy kServiceMsgAttrs[] = {
    {cmd_attr::kService, AttrKind::Nest, kRequired, "IPVS_CMD_ATTR_SERVICE"}};
inline constexpr Policy kServiceMsg(kServiceMsgAttrs);

inline constexpr AttrPolicy kDestMsgAttrs[] = {{cmd_attr::kDest, AttrKind::Nest, kRequired, "IPVS_CMD_ATTR_DEST"}};
inline constexpr Policy kDestMsg(kDestMsgAttrs);

inline constexpr AttrPolicy kDaemonMsgAttrs[] = {
    {cmd_attr::kDaemon, AttrKind::Nest, kRequired, "IPVS_CMD_ATTR_DAEMON"}};
inline constexpr Policy kDaemonMsg(kDaemonMsgAttrs);

/// SET_CONFIG: a timeout is absent when the kernel lacks that protocol.
inline constexpr AttrPolicy kConfigAttrs[] = {
    {cmd_attr::kTimeoutTcp, AttrKind::U32, kOptional, "IPVS_CMD_ATTR_TIMEOUT_TCP"},
    {cmd_attr::kTimeoutTcpFin, AttrKind::U32, kOptional, "IPVS_CMD_ATTR_TIMEOUT_TCP_FIN"},
    {cmd_attr::kTimeoutUdp, AttrKind::U32, kOptional, "IPVS_CMD_ATTR_TIMEOUT_UDP"},
};
inline constexpr Policy kConfig(kConfigAttrs);

/// SET_INFO.
inline constexpr AttrPolicy kInfoAttrs[] = {
    {info_attr::kVersion, AttrKind::U32, kRequired, "IPVS_INFO_ATTR_VERSION"},
    {info_attr::kConnTabSize, AttrKind::U32, kRequired, "IPVS_INFO_ATTR_CONN_TAB_SIZE"},
};
inline constexpr Policy kInfo(kInfoAttrs);

}  // namespace ipvs::nl::policy
