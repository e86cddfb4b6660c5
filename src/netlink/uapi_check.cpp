// Compile-time proof that uapi.hpp matches the kernel's uapi headers. No code.

#include <linux/ip_vs.h>
#include <linux/netlink.h>

#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"
#include "netlink/uapi.hpp"

namespace ipvs::nl {

static_assert(kNlmsgNoop == NLMSG_NOOP && kNlmsgError == NLMSG_ERROR &&
              kNlmsgDone == NLMSG_DONE && kNlmsgOverrun == NLMSG_OVERRUN);
static_assert(kNlmFRequest == NLM_F_REQUEST && kNlmFMulti == NLM_F_MULTI &&
              kNlmFAck == NLM_F_ACK && kNlmFDumpIntr == NLM_F_DUMP_INTR &&
              kNlmFDump == NLM_F_DUMP && kNlmFCapped == NLM_F_CAPPED &&
              kNlmFAckTlvs == NLM_F_ACK_TLVS);
static_assert(kNlmsgerrAttrMsg == NLMSGERR_ATTR_MSG);
static_assert(kNlaTypeMask == static_cast<std::uint16_t>(NLA_TYPE_MASK));
static_assert(kIpvsGenlVersion == IPVS_GENL_VERSION);

static_assert(cmd::kNewService == IPVS_CMD_NEW_SERVICE && cmd::kSetService == IPVS_CMD_SET_SERVICE &&
              cmd::kDelService == IPVS_CMD_DEL_SERVICE && cmd::kGetService == IPVS_CMD_GET_SERVICE &&
              cmd::kNewDest == IPVS_CMD_NEW_DEST && cmd::kSetDest == IPVS_CMD_SET_DEST &&
              cmd::kDelDest == IPVS_CMD_DEL_DEST && cmd::kGetDest == IPVS_CMD_GET_DEST &&
              cmd::kNewDaemon == IPVS_CMD_NEW_DAEMON && cmd::kDelDaemon == IPVS_CMD_DEL_DAEMON &&
              cmd::kGetDaemon == IPVS_CMD_GET_DAEMON && cmd::kSetConfig == IPVS_CMD_SET_CONFIG &&
              cmd::kGetConfig == IPVS_CMD_GET_CONFIG && cmd::kSetInfo == IPVS_CMD_SET_INFO &&
              cmd::kGetInfo == IPVS_CMD_GET_INFO && cmd::kZero == IPVS_CMD_ZERO &&
              cmd::kFlush == IPVS_CMD_FLUSH);

static_assert(cmd_attr::kService == IPVS_CMD_ATTR_SERVICE && cmd_attr::kDest == IPVS_CMD_ATTR_DEST &&
              cmd_attr::kDaemon == IPVS_CMD_ATTR_DAEMON &&
              cmd_attr::kTimeoutTcp == IPVS_CMD_ATTR_TIMEOUT_TCP &&
              cmd_attr::kTimeoutTcpFin == IPVS_CMD_ATTR_TIMEOUT_TCP_FIN &&
              cmd_attr::kTimeoutUdp == IPVS_CMD_ATTR_TIMEOUT_UDP && cmd_attr::kMax == IPVS_CMD_ATTR_MAX);

static_assert(svc_attr::kAf == IPVS_SVC_ATTR_AF && svc_attr::kProtocol == IPVS_SVC_ATTR_PROTOCOL &&
              svc_attr::kAddr == IPVS_SVC_ATTR_ADDR && svc_attr::kPort == IPVS_SVC_ATTR_PORT &&
              svc_attr::kFwmark == IPVS_SVC_ATTR_FWMARK &&
              svc_attr::kSchedName == IPVS_SVC_ATTR_SCHED_NAME &&
              svc_attr::kFlags == IPVS_SVC_ATTR_FLAGS && svc_attr::kTimeout == IPVS_SVC_ATTR_TIMEOUT &&
              svc_attr::kNetmask == IPVS_SVC_ATTR_NETMASK && svc_attr::kStats == IPVS_SVC_ATTR_STATS &&
              svc_attr::kPeName == IPVS_SVC_ATTR_PE_NAME &&
              svc_attr::kStats64 == IPVS_SVC_ATTR_STATS64 && svc_attr::kMax == IPVS_SVC_ATTR_MAX);

static_assert(dest_attr::kAddr == IPVS_DEST_ATTR_ADDR && dest_attr::kPort == IPVS_DEST_ATTR_PORT &&
              dest_attr::kFwdMethod == IPVS_DEST_ATTR_FWD_METHOD &&
              dest_attr::kWeight == IPVS_DEST_ATTR_WEIGHT &&
              dest_attr::kUThresh == IPVS_DEST_ATTR_U_THRESH &&
              dest_attr::kLThresh == IPVS_DEST_ATTR_L_THRESH &&
              dest_attr::kActiveConns == IPVS_DEST_ATTR_ACTIVE_CONNS &&
              dest_attr::kInactConns == IPVS_DEST_ATTR_INACT_CONNS &&
              dest_attr::kPersistConns == IPVS_DEST_ATTR_PERSIST_CONNS &&
              dest_attr::kStats == IPVS_DEST_ATTR_STATS &&
              dest_attr::kAddrFamily == IPVS_DEST_ATTR_ADDR_FAMILY &&
              dest_attr::kStats64 == IPVS_DEST_ATTR_STATS64 &&
              dest_attr::kTunType == IPVS_DEST_ATTR_TUN_TYPE &&
              dest_attr::kTunPort == IPVS_DEST_ATTR_TUN_PORT &&
              dest_attr::kTunFlags == IPVS_DEST_ATTR_TUN_FLAGS && dest_attr::kMax == IPVS_DEST_ATTR_MAX);

static_assert(daemon_attr::kState == IPVS_DAEMON_ATTR_STATE &&
              daemon_attr::kMcastIfn == IPVS_DAEMON_ATTR_MCAST_IFN &&
              daemon_attr::kSyncId == IPVS_DAEMON_ATTR_SYNC_ID &&
              daemon_attr::kSyncMaxlen == IPVS_DAEMON_ATTR_SYNC_MAXLEN &&
              daemon_attr::kMcastGroup == IPVS_DAEMON_ATTR_MCAST_GROUP &&
              daemon_attr::kMcastGroup6 == IPVS_DAEMON_ATTR_MCAST_GROUP6 &&
              daemon_attr::kMcastPort == IPVS_DAEMON_ATTR_MCAST_PORT &&
              daemon_attr::kMcastTtl == IPVS_DAEMON_ATTR_MCAST_TTL &&
              daemon_attr::kMax == IPVS_DAEMON_ATTR_MAX);

static_assert(stats_attr::kConns == IPVS_STATS_ATTR_CONNS && stats_attr::kInpkts == IPVS_STATS_ATTR_INPKTS &&
              stats_attr::kOutpkts == IPVS_STATS_ATTR_OUTPKTS &&
              stats_attr::kInbytes == IPVS_STATS_ATTR_INBYTES &&
              stats_attr::kOutbytes == IPVS_STATS_ATTR_OUTBYTES && stats_attr::kCps == IPVS_STATS_ATTR_CPS &&
              stats_attr::kInpps == IPVS_STATS_ATTR_INPPS && stats_attr::kOutpps == IPVS_STATS_ATTR_OUTPPS &&
              stats_attr::kInbps == IPVS_STATS_ATTR_INBPS && stats_attr::kOutbps == IPVS_STATS_ATTR_OUTBPS &&
              stats_attr::kPad == IPVS_STATS_ATTR_PAD && stats_attr::kMax == IPVS_STATS_ATTR_MAX);

static_assert(info_attr::kVersion == IPVS_INFO_ATTR_VERSION &&
              info_attr::kConnTabSize == IPVS_INFO_ATTR_CONN_TAB_SIZE && info_attr::kMax == IPVS_INFO_ATTR_MAX);

static_assert(kSvcFHashed == IP_VS_SVC_F_HASHED);

// The public model mirrors kernel values too.
static_assert(svc_flags::kPersistent == IP_VS_SVC_F_PERSISTENT && svc_flags::kHashed == IP_VS_SVC_F_HASHED &&
              svc_flags::kOnePacket == IP_VS_SVC_F_ONEPACKET && svc_flags::kSched1 == IP_VS_SVC_F_SCHED1 &&
              svc_flags::kSched2 == IP_VS_SVC_F_SCHED2 && svc_flags::kSched3 == IP_VS_SVC_F_SCHED3);
static_assert(static_cast<unsigned>(Forward::Masq) == IP_VS_CONN_F_MASQ &&
              static_cast<unsigned>(Forward::Local) == IP_VS_CONN_F_LOCALNODE &&
              static_cast<unsigned>(Forward::Tunnel) == IP_VS_CONN_F_TUNNEL &&
              static_cast<unsigned>(Forward::Route) == IP_VS_CONN_F_DROUTE &&
              static_cast<unsigned>(Forward::Bypass) == IP_VS_CONN_F_BYPASS);
static_assert(static_cast<unsigned>(TunnelType::Ipip) == IP_VS_CONN_F_TUNNEL_TYPE_IPIP &&
              static_cast<unsigned>(TunnelType::Gue) == IP_VS_CONN_F_TUNNEL_TYPE_GUE &&
              static_cast<unsigned>(TunnelType::Gre) == IP_VS_CONN_F_TUNNEL_TYPE_GRE);
static_assert(tun_flags::kNoCsum == IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM &&
              tun_flags::kCsum == IP_VS_TUNNEL_ENCAP_FLAG_CSUM &&
              tun_flags::kRemCsum == IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM);
static_assert(static_cast<unsigned>(DaemonState::None) == IP_VS_STATE_NONE &&
              static_cast<unsigned>(DaemonState::Master) == IP_VS_STATE_MASTER &&
              static_cast<unsigned>(DaemonState::Backup) == IP_VS_STATE_BACKUP);

}  // namespace ipvs::nl
