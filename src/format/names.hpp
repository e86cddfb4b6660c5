#pragma once
/// \file names.hpp
/// Address/port text as ipvsadm prints it, numeric or resolved.

#include <cstdint>
#include <string>

#include "format/resolver.hpp"
#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"

namespace ipvs::format {

/// "10.0.0.1:80" or "[2001:db8::1]:80"; with `resolver` (not -n) the host and
/// port are replaced by their names where the resolver knows them
/// ("vip1.test:http", "[vip6.test]:http").
std::string addr_port(const Address& addr, std::uint16_t port, Protocol proto, Resolver* resolver);

/// The protocol column: "TCP", "UDP", "SCTP", or "?".
const char* protocol_label(Protocol proto) noexcept;

/// The service column of a listing: "TCP  10.0.0.1:80", "FWM  100", "FWM  7 IPv6".
/// IPv4 text is cut to 33 bytes, as 1.31 does.
std::string service_label(const ServiceKey& key, Resolver* resolver);

/// Scheduler flag names joined by ',' ("sh-fallback,sh-port", "flag-1,flag-3"),
/// empty when no IP_VS_SVC_F_SCHED* bit is set.
std::string sched_flags_text(const std::string& scheduler, std::uint32_t flags);

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

}  // namespace ipvs::format
