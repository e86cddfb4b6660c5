#pragma once
/// \file ipvs_replies.hpp
/// Builders of kernel-shaped IPVS replies for tests, laid out as the kernel's
/// ip_vs_genl_fill_* functions do (attribute order, 16-byte addresses, both
/// STATS and STATS64 nests, NLM_F_MULTI on dump parts). Pair with
/// FakeTransport to script a Client conversation.

#include <cstdint>
#include <string>
#include <vector>

#include "ipvs/config.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"
#include "netlink/uapi.hpp"
#include "fakes/fake_transport.hpp"

namespace ipvs::testing::reply {

using Bytes = std::vector<std::uint8_t>;

/// NLMSG_ERROR for `seq`: errnum 0 is an ACK. Shaped as with NETLINK_CAP_ACK
/// (only the request's header echoed); a non-empty `extack` adds
/// NLMSGERR_ATTR_MSG and NLM_F_ACK_TLVS.
Bytes ack(std::uint32_t seq, int errnum = 0, const std::string& extack = "");
/// NLMSG_DONE for `seq` (NLM_F_MULTI), with the dump's errno (0 = clean end).
Bytes done(std::uint32_t seq, int errnum = 0);
/// A NEW_SERVICE message; `flags` NLM_F_MULTI for a dump part, 0 for a GET reply.
/// Stats go into STATS (truncated to 32 bits, as the kernel does) and STATS64.
Bytes service(std::uint32_t seq, const Service& svc, std::uint16_t flags = nl::kNlmFMulti,
              std::uint16_t family = kFakeFamily);
/// A NEW_DEST dump part, with ADDR_FAMILY unless `with_addr_family` is false
/// (kernels before 3.18).
Bytes dest(std::uint32_t seq, const Destination& d, bool with_addr_family = true,
           std::uint16_t flags = nl::kNlmFMulti, std::uint16_t family = kFakeFamily);
/// The SET_INFO reply to GET_INFO.
Bytes info(std::uint32_t seq, const Info& i, std::uint16_t family = kFakeFamily);
/// The SET_CONFIG reply to GET_CONFIG.
Bytes config(std::uint32_t seq, const Timeouts& t, std::uint16_t family = kFakeFamily);
/// A NEW_DAEMON dump part (4.3+ shape: every attribute present).
Bytes daemon(std::uint32_t seq, const Daemon& d, std::uint16_t flags = nl::kNlmFMulti,
             std::uint16_t family = kFakeFamily);
/// Several messages concatenated into one datagram.
Bytes datagram(const std::vector<Bytes>& messages);
/// `msg` with extra nlmsg_flags OR-ed in (e.g. NLM_F_DUMP_INTR).
Bytes with_flags(Bytes msg, std::uint16_t extra_flags);

}  // namespace ipvs::testing::reply
