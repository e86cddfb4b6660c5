#pragma once
/// \file service.hpp
/// A virtual service as plain values.

#include <cstdint>
#include <optional>
#include <string>

#include "ipvs/address.hpp"
#include "ipvs/stats.hpp"

namespace ipvs {

/// IP protocol numbers of the protocols IPVS balances.
enum class Protocol : std::uint16_t { Unspec = 0, Tcp = 6, Udp = 17, Sctp = 132 };

/// Service flag bits (IP_VS_SVC_F_*).
namespace svc_flags {
inline constexpr std::uint32_t kPersistent = 0x0001;
inline constexpr std::uint32_t kHashed = 0x0002;     ///< set by the kernel in replies
inline constexpr std::uint32_t kOnePacket = 0x0004;
inline constexpr std::uint32_t kSched1 = 0x0008;     ///< sh/mh: fallback
inline constexpr std::uint32_t kSched2 = 0x0010;     ///< sh/mh: port
inline constexpr std::uint32_t kSched3 = 0x0020;
inline constexpr std::uint32_t kSchedMask = kSched1 | kSched2 | kSched3;
}  // namespace svc_flags

/// What identifies a virtual service: (family, fwmark) when fwmark != 0, else
/// (family, protocol, address, port).
struct ServiceKey {
  Family family = Family::Inet;
  Protocol protocol = Protocol::Tcp;
  Address address{};            ///< ignored for fwmark services
  std::uint16_t port = 0;       ///< host byte order; ignored for fwmark services
  std::uint32_t fwmark = 0;     ///< 0: not a fwmark service

  bool is_fwmark() const noexcept { return fwmark != 0; }
  friend bool operator==(const ServiceKey&, const ServiceKey&) = default;
};

/// A virtual service.
struct Service {
  ServiceKey key;
  std::string scheduler = "wlc";   ///< kernel module name without "ip_vs_" (<= 15 chars)
  std::uint32_t flags = 0;         ///< svc_flags bits
  std::uint32_t timeout = 0;       ///< persistence timeout, seconds
  /// Persistence netmask: IPv4 as a host-order mask (0xffffffff = /32);
  /// IPv6 as a prefix length (128).
  std::uint32_t netmask = 0xffffffffu;
  std::string pe_name;             ///< persistence engine ("sip"), empty for none
  Stats stats;                     ///< replies only

  friend bool operator==(const Service&, const Service&) = default;
};

}  // namespace ipvs
