#pragma once
/// \file destination.hpp
/// A real server (destination) of a virtual service as plain values.

#include <cstdint>

#include "ipvs/address.hpp"
#include "ipvs/stats.hpp"

namespace ipvs {

/// Forwarding method (IP_VS_CONN_F_* & IP_VS_CONN_F_FWD_MASK).
enum class Forward : std::uint32_t { Masq = 0, Local = 1, Tunnel = 2, Route = 3, Bypass = 4 };

/// Tunnel encapsulation of a Tunnel destination (IP_VS_CONN_F_TUNNEL_TYPE_*).
enum class TunnelType : std::uint8_t { Ipip = 0, Gue = 1, Gre = 2 };

/// Tunnel checksum flags (IP_VS_TUNNEL_ENCAP_FLAG_*); 0 means "nocsum".
namespace tun_flags {
inline constexpr std::uint16_t kNoCsum = 0;
inline constexpr std::uint16_t kCsum = 1 << 0;
inline constexpr std::uint16_t kRemCsum = 1 << 1;
}  // namespace tun_flags

/// A real server. Its address carries its own family, which may differ from
/// the service's for tunnel destinations.
struct Destination {
  Address address{};
  std::uint16_t port = 0;                  ///< host byte order
  Forward forward = Forward::Route;
  std::uint32_t weight = 1;                ///< kernel rejects > INT_MAX (ERANGE)
  std::uint32_t u_threshold = 0;           ///< upper connection threshold, 0 = none
  std::uint32_t l_threshold = 0;           ///< lower connection threshold
  TunnelType tun_type = TunnelType::Ipip;
  std::uint16_t tun_port = 0;              ///< host byte order
  std::uint16_t tun_flags = 0;             ///< tun_flags bits
  std::uint32_t active_conns = 0;          ///< replies only
  std::uint32_t inactive_conns = 0;        ///< replies only
  std::uint32_t persist_conns = 0;         ///< replies only
  Stats stats;                             ///< replies only

  friend bool operator==(const Destination&, const Destination&) = default;
};

}  // namespace ipvs
