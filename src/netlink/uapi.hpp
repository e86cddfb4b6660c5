#pragma once
/// \file uapi.hpp
/// Wire constants of netlink, generic netlink and the kernel's "IPVS" genl
/// family, defined here so no other file needs <linux/ip_vs.h>. Names follow
/// the uapi header (IPVS_SVC_ATTR_PORT is svc_attr::kPort). uapi_check.cpp
/// static_asserts every value against the kernel headers.

#include <cstdint>

namespace ipvs::nl {

// ---- netlink core (<linux/netlink.h>) --------------------------------------

inline constexpr std::uint16_t kNlmsgNoop = 1;     ///< NLMSG_NOOP
inline constexpr std::uint16_t kNlmsgError = 2;    ///< NLMSG_ERROR (ACK when error == 0)
inline constexpr std::uint16_t kNlmsgDone = 3;     ///< NLMSG_DONE (end of a dump)
inline constexpr std::uint16_t kNlmsgOverrun = 4;  ///< NLMSG_OVERRUN

/// nlmsg_flags bits.
inline constexpr std::uint16_t kNlmFRequest = 0x01;   ///< NLM_F_REQUEST
inline constexpr std::uint16_t kNlmFMulti = 0x02;     ///< NLM_F_MULTI (dump part)
inline constexpr std::uint16_t kNlmFAck = 0x04;       ///< NLM_F_ACK
inline constexpr std::uint16_t kNlmFDumpIntr = 0x10;  ///< NLM_F_DUMP_INTR (inconsistent dump)
inline constexpr std::uint16_t kNlmFDump = 0x300;     ///< NLM_F_DUMP (ROOT | MATCH)
inline constexpr std::uint16_t kNlmFCapped = 0x100;   ///< NLM_F_CAPPED (on NLMSG_ERROR)
inline constexpr std::uint16_t kNlmFAckTlvs = 0x200;  ///< NLM_F_ACK_TLVS (on ERROR/DONE)

/// Flags of every do-request we send (what libnl sends: 0x5).
inline constexpr std::uint16_t kRequestFlags = kNlmFRequest | kNlmFAck;
/// Flags of every dump request we send (0x305).
inline constexpr std::uint16_t kDumpFlags = kNlmFRequest | kNlmFAck | kNlmFDump;

/// Extended-ack TLVs after an NLMSG_ERROR / NLMSG_DONE payload.
inline constexpr std::uint16_t kNlmsgerrAttrMsg = 1;  ///< NLMSGERR_ATTR_MSG, NUL-string

/// nla_type bits that are flags, not part of the type.
inline constexpr std::uint16_t kNlaTypeMask = 0x3fff;  ///< ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER)

// ---- generic netlink ------------------------------------------------------

inline constexpr char kIpvsGenlName[] = "IPVS";      ///< IPVS_GENL_NAME
inline constexpr std::uint8_t kIpvsGenlVersion = 1;  ///< IPVS_GENL_VERSION

// ---- IPVS commands (IPVS_CMD_*) -------------------------------------------

namespace cmd {
inline constexpr std::uint8_t kNewService = 1;
inline constexpr std::uint8_t kSetService = 2;
inline constexpr std::uint8_t kDelService = 3;
inline constexpr std::uint8_t kGetService = 4;
inline constexpr std::uint8_t kNewDest = 5;
inline constexpr std::uint8_t kSetDest = 6;
inline constexpr std::uint8_t kDelDest = 7;
inline constexpr std::uint8_t kGetDest = 8;
inline constexpr std::uint8_t kNewDaemon = 9;
inline constexpr std::uint8_t kDelDaemon = 10;
inline constexpr std::uint8_t kGetDaemon = 11;
inline constexpr std::uint8_t kSetConfig = 12;
inline constexpr std::uint8_t kGetConfig = 13;
inline constexpr std::uint8_t kSetInfo = 14;  ///< reply to GET_INFO only
inline constexpr std::uint8_t kGetInfo = 15;
inline constexpr std::uint8_t kZero = 16;
inline constexpr std::uint8_t kFlush = 17;
}  // namespace cmd

// ---- top-level attributes (IPVS_CMD_ATTR_*) -------------------------------

namespace cmd_attr {
inline constexpr std::uint16_t kService = 1;        ///< nested svc_attr
inline constexpr std::uint16_t kDest = 2;           ///< nested dest_attr
inline constexpr std::uint16_t kDaemon = 3;         ///< nested daemon_attr
inline constexpr std::uint16_t kTimeoutTcp = 4;     ///< u32 seconds
inline constexpr std::uint16_t kTimeoutTcpFin = 5;  ///< u32 seconds
inline constexpr std::uint16_t kTimeoutUdp = 6;     ///< u32 seconds
inline constexpr std::uint16_t kMax = 6;
}  // namespace cmd_attr

// ---- service attributes (IPVS_SVC_ATTR_*) ---------------------------------

namespace svc_attr {
inline constexpr std::uint16_t kAf = 1;         ///< u16
inline constexpr std::uint16_t kProtocol = 2;   ///< u16
inline constexpr std::uint16_t kAddr = 3;       ///< binary <= 16 (union nf_inet_addr)
inline constexpr std::uint16_t kPort = 4;       ///< be16
inline constexpr std::uint16_t kFwmark = 5;     ///< u32
inline constexpr std::uint16_t kSchedName = 6;  ///< NUL-string
inline constexpr std::uint16_t kFlags = 7;      ///< struct ip_vs_flags {u32 flags; u32 mask;}
inline constexpr std::uint16_t kTimeout = 8;    ///< u32 seconds
inline constexpr std::uint16_t kNetmask = 9;    ///< u32: v4 be32 mask, v6 prefix length
inline constexpr std::uint16_t kStats = 10;     ///< nested stats_attr (32-bit counters)
inline constexpr std::uint16_t kPeName = 11;    ///< NUL-string
inline constexpr std::uint16_t kStats64 = 12;   ///< nested stats_attr (64-bit counters)
inline constexpr std::uint16_t kMax = 12;
}  // namespace svc_attr

// ---- destination attributes (IPVS_DEST_ATTR_*) ----------------------------

namespace dest_attr {
inline constexpr std::uint16_t kAddr = 1;          ///< binary <= 16
inline constexpr std::uint16_t kPort = 2;          ///< be16
inline constexpr std::uint16_t kFwdMethod = 3;     ///< u32 (IP_VS_CONN_F_FWD_MASK bits)
inline constexpr std::uint16_t kWeight = 4;        ///< u32
inline constexpr std::uint16_t kUThresh = 5;       ///< u32
inline constexpr std::uint16_t kLThresh = 6;       ///< u32
inline constexpr std::uint16_t kActiveConns = 7;   ///< u32, reply only
inline constexpr std::uint16_t kInactConns = 8;    ///< u32, reply only
inline constexpr std::uint16_t kPersistConns = 9;  ///< u32, reply only
inline constexpr std::uint16_t kStats = 10;        ///< nested stats_attr, reply only
inline constexpr std::uint16_t kAddrFamily = 11;   ///< u16
inline constexpr std::uint16_t kStats64 = 12;      ///< nested stats_attr, reply only
inline constexpr std::uint16_t kTunType = 13;      ///< u8
inline constexpr std::uint16_t kTunPort = 14;      ///< be16
inline constexpr std::uint16_t kTunFlags = 15;     ///< u16
inline constexpr std::uint16_t kMax = 15;
}  // namespace dest_attr

// ---- sync daemon attributes (IPVS_DAEMON_ATTR_*) --------------------------

namespace daemon_attr {
inline constexpr std::uint16_t kState = 1;        ///< u32 (IP_VS_STATE_*)
inline constexpr std::uint16_t kMcastIfn = 2;     ///< NUL-string <= 15
inline constexpr std::uint16_t kSyncId = 3;       ///< u32
inline constexpr std::uint16_t kSyncMaxlen = 4;   ///< u16
inline constexpr std::uint16_t kMcastGroup = 5;   ///< 4 bytes in_addr (network order)
inline constexpr std::uint16_t kMcastGroup6 = 6;  ///< 16 bytes in6_addr
inline constexpr std::uint16_t kMcastPort = 7;    ///< u16, host order
inline constexpr std::uint16_t kMcastTtl = 8;     ///< u8
inline constexpr std::uint16_t kMax = 8;
}  // namespace daemon_attr

// ---- stats attributes (IPVS_STATS_ATTR_*) ---------------------------------

namespace stats_attr {
inline constexpr std::uint16_t kConns = 1;
inline constexpr std::uint16_t kInpkts = 2;
inline constexpr std::uint16_t kOutpkts = 3;
inline constexpr std::uint16_t kInbytes = 4;   ///< u64 even in the 32-bit STATS nest
inline constexpr std::uint16_t kOutbytes = 5;  ///< u64 even in the 32-bit STATS nest
inline constexpr std::uint16_t kCps = 6;
inline constexpr std::uint16_t kInpps = 7;
inline constexpr std::uint16_t kOutpps = 8;
inline constexpr std::uint16_t kInbps = 9;
inline constexpr std::uint16_t kOutbps = 10;
inline constexpr std::uint16_t kPad = 11;      ///< alignment padding, ignored
inline constexpr std::uint16_t kMax = 11;
}  // namespace stats_attr

// ---- GET_INFO reply attributes (IPVS_INFO_ATTR_*), top level --------------

namespace info_attr {
inline constexpr std::uint16_t kVersion = 1;      ///< u32, 0x010201 = 1.2.1
inline constexpr std::uint16_t kConnTabSize = 2;  ///< u32
inline constexpr std::uint16_t kMax = 2;
}  // namespace info_attr

/// Service flag the kernel sets on every hashed service (IP_VS_SVC_F_HASHED).
/// Never sent: ip_vs_add_service would refuse to hash a service carrying it.
inline constexpr std::uint32_t kSvcFHashed = 0x0002;

}  // namespace ipvs::nl
