#pragma once
/// \file config.hpp
/// Global IPVS settings: version info, timeouts, sync daemons.

#include <cstdint>
#include <string>

#include "ipvs/address.hpp"

namespace ipvs {

/// IPVS_CMD_GET_INFO reply.
struct Info {
  std::uint32_t version = 0;        ///< 0x010201 is 1.2.1
  std::uint32_t conn_table_size = 0;
  friend bool operator==(const Info&, const Info&) = default;
};

/// Protocol timeouts in seconds. In a request, 0 means "leave unchanged".
struct Timeouts {
  std::uint32_t tcp = 0;
  std::uint32_t tcp_fin = 0;
  std::uint32_t udp = 0;
  friend bool operator==(const Timeouts&, const Timeouts&) = default;
};

/// Sync daemon role (IP_VS_STATE_*).
enum class DaemonState : std::uint32_t { None = 0, Master = 1, Backup = 2 };

/// A connection-synchronisation daemon. Zero / unspecified fields are not sent
/// (the kernel picks its default) and mean "not reported" in replies.
struct Daemon {
  DaemonState state = DaemonState::Master;
  std::string mcast_ifname;          ///< <= 15 chars
  std::uint32_t sync_id = 0;         ///< 0..255
  std::uint16_t sync_maxlen = 0;
  Address mcast_group{};             ///< Family::Unspec = not set
  std::uint16_t mcast_port = 0;
  std::uint8_t mcast_ttl = 0;
  friend bool operator==(const Daemon&, const Daemon&) = default;
};

}  // namespace ipvs
