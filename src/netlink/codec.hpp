#pragma once
/// \file codec.hpp
/// IPVS generic-netlink codec: model values to request bytes (encode_*) and
/// reply payloads to model values (decode_*). Pure functions, no I/O; the
/// framing helpers live in message.hpp.
///
/// One IPVS message (integers host order unless marked be; every attribute
/// padded to 4 bytes):
///
///   +-------------------------------------------------------------------+
///   | nlmsghdr   len u32 | type u16 = family id | flags u16             |
///   |            seq u32 | pid u32 (0 in requests)                       |  16 B
///   +-------------------------------------------------------------------+
///   | genlmsghdr cmd u8 (IPVS_CMD_*) | version u8 = 1 | reserved u16     |   4 B
///   +-------------------------------------------------------------------+
///   | nlattr {len u16, type u16, payload}...                            |
///   |   CMD_ATTR_SERVICE (nest)                                         |
///   |     AF u16 | FWMARK u32            -- fwmark service, or          |
///   |     AF u16 | PROTOCOL u16 | ADDR 16 B | PORT be16                 |
///   |     SCHED_NAME str\0 | PE_NAME str\0 | FLAGS {u32 flags; u32 mask}|
///   |     TIMEOUT u32 s | NETMASK u32 (v4: be32 mask, v6: prefix len)   |
///   |     STATS (nest, u32 + u64 bytes) | STATS64 (nest, all u64) reply |
///   |   CMD_ATTR_DEST (nest)                                            |
///   |     ADDR 16 B | PORT be16 | FWD_METHOD u32 | WEIGHT u32           |
///   |     U_THRESH u32 | L_THRESH u32 | ADDR_FAMILY u16                 |
///   |     TUN_TYPE u8 | TUN_PORT be16 | TUN_FLAGS u16                   |
///   |     ACTIVE/INACT/PERSIST_CONNS u32, STATS, STATS64      (reply)   |
///   |   CMD_ATTR_DAEMON (nest) STATE u32 | MCAST_IFN str\0 | SYNC_ID u32 |
///   |     SYNC_MAXLEN u16 | MCAST_GROUP 4 B / GROUP6 16 B | PORT u16 | TTL u8
///   |   CMD_ATTR_TIMEOUT_TCP / _TCP_FIN / _UDP u32 s     (config)       |
///   |   INFO_ATTR_VERSION u32 | INFO_ATTR_CONN_TAB_SIZE u32  (info reply)|
///   +-------------------------------------------------------------------+
///
/// Requests carry NLM_F_REQUEST|NLM_F_ACK (0x5), dumps add NLM_F_DUMP (0x305).
/// Addresses always travel as 16 bytes (IPv4 in the first 4, rest zero), like
/// ipvsadm. Several encoded messages may be concatenated into one datagram.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/error.hpp"
#include "ipvs/service.hpp"

namespace ipvs::nl {

/// Bytes of one encoded request.
using Bytes = std::vector<std::uint8_t>;

// ---- encoders: (family id, sequence number, arguments) -> one message -----
// The set-type encoders (everything a Batch queues) take `into`: the message
// is appended after what it holds and the whole buffer returned, so a batch
// builds its requests in one buffer without a vector per message.

/// IPVS_CMD_GET_INFO; the reply is one SET_INFO message then an ACK.
Bytes encode_get_info(std::uint16_t family, std::uint32_t seq);
/// IPVS_CMD_GET_SERVICE dump of every service.
Bytes encode_get_services(std::uint16_t family, std::uint32_t seq);
/// IPVS_CMD_GET_SERVICE for one service (SERVICE nest with the key only).
Bytes encode_get_service(std::uint16_t family, std::uint32_t seq, const ServiceKey& key);
/// IPVS_CMD_NEW_SERVICE: key + SCHED_NAME, FLAGS {flags & ~HASHED, mask
/// 0xffffffff}, TIMEOUT, NETMASK, and PE_NAME when non-empty. Stats ignored.
Bytes encode_new_service(std::uint16_t family, std::uint32_t seq, const Service& svc, Bytes into = {});
/// IPVS_CMD_SET_SERVICE, same attributes as encode_new_service (no PE_NAME
/// means "remove the persistence engine" to the kernel).
Bytes encode_set_service(std::uint16_t family, std::uint32_t seq, const Service& svc, Bytes into = {});
/// IPVS_CMD_DEL_SERVICE (key only).
Bytes encode_del_service(std::uint16_t family, std::uint32_t seq, const ServiceKey& key, Bytes into = {});
/// IPVS_CMD_GET_DEST dump of one service's real servers.
Bytes encode_get_dests(std::uint16_t family, std::uint32_t seq, const ServiceKey& key);
/// IPVS_CMD_NEW_DEST: service key + every DEST attribute (tunnel attributes
/// always, as ipvsadm 1.31 does; ADDR_FAMILY = the destination's family, or
/// the service's when the destination's is Unspec). Replies-only fields ignored.
Bytes encode_new_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest, Bytes into = {});
/// IPVS_CMD_SET_DEST, same attributes as encode_new_dest.
Bytes encode_set_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest, Bytes into = {});
/// IPVS_CMD_DEL_DEST: service key + DEST {ADDR, PORT, ADDR_FAMILY} (the kernel
/// parses a delete with full_entry = false and needs nothing else).
Bytes encode_del_dest(std::uint16_t family, std::uint32_t seq, const ServiceKey& svc,
                      const Destination& dest, Bytes into = {});
/// IPVS_CMD_FLUSH (no attributes).
Bytes encode_flush(std::uint16_t family, std::uint32_t seq, Bytes into = {});
/// IPVS_CMD_ZERO, with a SERVICE nest for one service or none for all.
Bytes encode_zero(std::uint16_t family, std::uint32_t seq, const std::optional<ServiceKey>& svc, Bytes into = {});
/// IPVS_CMD_GET_CONFIG; the reply is one SET_CONFIG message then an ACK.
Bytes encode_get_config(std::uint16_t family, std::uint32_t seq);
/// IPVS_CMD_SET_CONFIG with TIMEOUT_TCP, TIMEOUT_TCP_FIN, TIMEOUT_UDP (all
/// three always, as ipvsadm does; 0 leaves that timeout unchanged).
Bytes encode_set_config(std::uint16_t family, std::uint32_t seq, const Timeouts& t, Bytes into = {});
/// IPVS_CMD_GET_DAEMON dump.
Bytes encode_get_daemons(std::uint16_t family, std::uint32_t seq);
/// IPVS_CMD_NEW_DAEMON: STATE, MCAST_IFN, SYNC_ID always; SYNC_MAXLEN,
/// MCAST_PORT, MCAST_TTL when non-zero; MCAST_GROUP (4 B) or MCAST_GROUP6
/// (16 B) when mcast_group's family is Inet or Inet6.
Bytes encode_new_daemon(std::uint16_t family, std::uint32_t seq, const Daemon& d, Bytes into = {});
/// IPVS_CMD_DEL_DAEMON: DAEMON {STATE}.
Bytes encode_del_daemon(std::uint16_t family, std::uint32_t seq, DaemonState state, Bytes into = {});

// ---- decoders: Message::payload (genlmsghdr + attributes) -> model --------
// Errors: decode_error(reason) (EBADMSG, Origin::Decode) for a malformed attribute, a
// missing required attribute or a wrong size. Unknown attributes are ignored.
// Each reply's attributes are declared once (ipvs_policy.hpp) and checked in
// one walk (policy.hpp): faults of presence and width come first, in
// declaration order, then faults of value (family, IPv6 address length).

/// A NEW_SERVICE message (dump part or GET_SERVICE reply). Required: AF, and
/// FWMARK or PROTOCOL+ADDR+PORT, SCHED_NAME, FLAGS, TIMEOUT, NETMASK.
/// A fwmark service decodes with protocol Tcp, address {} and port 0 (the
/// ServiceKey defaults). NETMASK becomes host order for IPv4. Stats come from
/// STATS64 when present, else STATS widened, else zero. The kernel's HASHED
/// flag is kept in `flags` as received.
Result<Service> decode_service(std::span<const std::uint8_t> payload);
/// A NEW_DEST dump part. Required: ADDR, PORT, FWD_METHOD, WEIGHT, U_THRESH,
/// L_THRESH. The address family is ADDR_FAMILY when present, else
/// `service_family` (kernels before 3.18). Connection counts default to 0.
Result<Destination> decode_dest(std::span<const std::uint8_t> payload, Family service_family);
/// A SET_INFO message (top-level INFO_ATTR_VERSION and CONN_TAB_SIZE, both required).
Result<Info> decode_info(std::span<const std::uint8_t> payload);
/// A SET_CONFIG message; each timeout is optional (absent when the kernel
/// lacks that protocol) and then reads 0.
Result<Timeouts> decode_config(std::span<const std::uint8_t> payload);
/// A NEW_DAEMON dump part. Required: STATE, MCAST_IFN, SYNC_ID; the rest
/// (kernel 4.3+) default to 0 / Unspec.
Result<Daemon> decode_daemon(std::span<const std::uint8_t> payload);

}  // namespace ipvs::nl
