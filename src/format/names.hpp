#pragma once
/// \file names.hpp
/// Address/port text as ipvsadm prints it, numeric or resolved.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "format/resolver.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"

namespace ipvs::format {

/// "10.0.0.1:80" or "[2001:db8::1]:80"; with `resolver` (not -n) the host and
/// port are replaced by their names where the resolver knows them
/// ("vip1.test:http", "[vip6.test]:http"). Cut to 59 bytes, as 1.31 cuts
/// every address it prints.
std::string addr_port(const Address& addr, std::uint16_t port, Protocol proto, Resolver* resolver);
/// addr_port's text appended to `out` (with `resolver` nullptr, written
/// straight into it: no allocation).
void append_addr_port(fmt::memory_buffer& out, const Address& addr, std::uint16_t port, Protocol proto,
                      Resolver* resolver);

/// The protocol column: "TCP", "UDP", "SCTP", or "?".
const char* protocol_label(Protocol proto) noexcept;

/// The service column of a listing: "TCP  10.0.0.1:80", "FWM  100", "FWM  7 IPv6".
/// IPv4 text is cut to 33 bytes, as 1.31 does.
std::string service_label(const ServiceKey& key, Resolver* resolver);
/// service_label's text appended to `out`.
void append_service_label(fmt::memory_buffer& out, const ServiceKey& key, Resolver* resolver);

/// ipvsadm's name for an IP_VS_SVC_F_SCHED* bit: flag-1, flag-2, flag-3 with
/// any scheduler; sh-fallback, sh-port with sh and mh-fallback, mh-port with mh
/// for the first two bits.
struct SchedFlagName {
  std::string_view name;
  std::uint32_t bit;
  std::string_view scheduler;  ///< empty: any scheduler
};

/// Every name, generic ones first (what -b accepts).
std::span<const SchedFlagName> sched_flag_names() noexcept;

/// Which names sched_flags_text writes.
enum class FlagNames {
  Listing,  ///< -L, as 1.31: sh and mh show only their own names (a flag-3 is not shown)
  Save,     ///< -S (COMPAT D9): every bit, the scheduler's own name where it has one, else flag-N
};

/// Names of the IP_VS_SVC_F_SCHED* bits set in `flags`, joined by ','
/// ("sh-fallback,sh-port", "flag-1,flag-3"); empty when none is shown.
std::string sched_flags_text(std::string_view scheduler, std::uint32_t flags, FlagNames which);

/// The persistence netmask as 1.31 writes it after "mask" (-L) and "-M"
/// (-S): the prefix length for IPv6 ("64"), dotted for IPv4
/// ("255.255.255.0"); empty for the defaults (/128, 255.255.255.255), which
/// neither prints.
std::string netmask_text(const Service& s);

/// The protocol a service's real-server ports are named for: the service's
/// own, or none for fwmark services (their ports stay numeric).
Protocol port_protocol(const ServiceKey& key) noexcept;

/// Forwarding method column: "Masq", "Local", "Tunnel", "Route"; "(null)" for
/// anything else, as glibc prints 1.31's NULL.
const char* forward_label(Forward fwd) noexcept;
/// The same name lowercased, for JSON: "masq", "local", "tunnel", "route";
/// "bypass" for the kernel's IP_VS_CONN_F_BYPASS.
const char* forward_key(Forward fwd) noexcept;

/// The protocol lowercased, for JSON: "tcp", "udp", "sctp"; "?" otherwise.
const char* protocol_key(Protocol proto) noexcept;

/// "inet" or "inet6" (JSON); "unspec" otherwise.
const char* family_key(Family family) noexcept;

/// --tun-type's names: "ipip", "gue", "gre".
const char* tunnel_type_name(TunnelType type) noexcept;

}  // namespace ipvs::format
