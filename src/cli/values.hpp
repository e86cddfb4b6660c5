#pragma once
/// \file values.hpp
/// ipvsadm 1.31's value parsers: numbers, host[:port], netmasks, fwmarks;
/// and the names some options take (schedulers, engines, daemon roles).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ipvs/address.hpp"
#include "ipvs/config.hpp"
#include "ipvs/service.hpp"

namespace ipvs::cli {

/// The schedulers of Linux 6.x's IPVS (its ip_vs_*.ko), in the order 1.31's
/// help text lists them. -s takes any name (the kernel judges it); the help
/// text and the shell completion offer these.
inline constexpr std::array<std::string_view, 13> kSchedulers{
    "rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"};

/// The persistence engines of Linux 6.x (--pe takes any name, like -s).
inline constexpr std::array<std::string_view, 1> kPersistenceEngines{"sip"};

/// A sync daemon role as --start-daemon and --stop-daemon take it.
struct DaemonRole {
  std::string_view name;
  DaemonState state;
};
/// The only values --start-daemon and --stop-daemon accept, in 1.31's order.
inline constexpr std::array<DaemonRole, 2> kDaemonRoles{{
    {"master", DaemonState::Master},
    {"backup", DaemonState::Backup},
}};

/// The names `name` gives the items, joined with `separator` (the help text
/// lists kSchedulers etc. '|'-joined, the shell completion space-separated).
template <typename Items, typename Name>
std::string join_names(const Items& items, Name name, char separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.push_back(separator);
    out.append(name(item));
  }
  return out;
}


/// Forward name lookups used while parsing (gethostbyname, getservbyname).
class NameLookup {
 public:
  virtual ~NameLookup() = default;
  /// First IPv4 address of a host name (gethostbyname semantics), or nullopt.
  virtual std::optional<Address> host_v4(const std::string& name) = 0;
  /// Port (host order) of a service name for "tcp", "udp" or "sctp", or nullopt.
  /// `proto` Unspec never matches.
  virtual std::optional<std::uint16_t> service_port(const std::string& name, Protocol proto) = 0;
};

/// strtol-style decimal number (leading blanks and a sign allowed, the whole
/// rest must be digits) within [min, max], or nullopt.
std::optional<long long> parse_number(std::string_view text, long long min, long long max);

/// C's atoi as glibc has it ((int)strtol(text, NULL, 10)): leading blanks,
/// a sign, digits, and whatever follows ignored; 0 when there are no digits;
/// out-of-range values wrap to int as the cast does. 1.31 reads the IPv6 -M
/// with it ("64abc" is 64).
int parse_atoi(std::string_view text);

/// What parse_host_port found.
struct HostPort {
  Address address;
  std::optional<std::uint16_t> port;  ///< nullopt: no port given
};

/// host[:port] as 1.31's parse_service: all digits is invalid; "[v6]:port"
/// (brackets need ":port"); a bare IPv6 address has no port; otherwise split
/// at the last ':', host by inet_aton then by name (IPv4 only), port by
/// number 0..65535 then by name for `proto`. nullopt when invalid.
std::optional<HostPort> parse_host_port(std::string_view text, Protocol proto, NameLookup& names);

/// IPv4 netmask as inet_aton or a host name gives it (host-order value).
std::optional<std::uint32_t> parse_v4_netmask(std::string_view text, NameLookup& names);

}  // namespace ipvs::cli
