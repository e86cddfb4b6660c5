#pragma once
/// \file table.hpp
/// A snapshot of an IPVS table: every virtual service with its real servers,
/// as plain values; and the identities and settings that tell two entries
/// apart.

#include <array>
#include <cstdint>
#include <vector>

#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"

namespace ipvs {

/// A virtual service and its real servers.
struct TableEntry {
  Service service;
  std::vector<Destination> dests;
  friend bool operator==(const TableEntry&, const TableEntry&) = default;
};

/// Services in the order they were read or written (no order is implied).
struct Table {
  std::vector<TableEntry> services;
  friend bool operator==(const Table&, const Table&) = default;
};

/// An entry's identity as a few integers, to compare, order or index by: equal
/// exactly when the kernel would take the two for the same entry.
using Identity = std::array<std::uint64_t, 4>;
/// A service's: (family, fwmark) for fwmark services, else (family,
/// protocol, address, port).
Identity service_identity(const ServiceKey& key) noexcept;
/// A real server's: address (with its family) and port.
Identity dest_identity(const Destination& dest) noexcept;

/// Whether two real servers are the same one: address (with its family) and port.
bool same_destination(const Destination& a, const Destination& b) noexcept;

/// Whether two services have the same settings: scheduler, the flags (except
/// IP_VS_SVC_F_HASHED, which the kernel sets), the persistence engine, and for
/// persistent services the persistence timeout and netmask (a non-persistent
/// service's are not compared: ipvsadm -S does not write them). Counters are
/// not settings.
bool same_service_settings(const Service& a, const Service& b) noexcept;

/// Whether two real servers have the same settings: forwarding method,
/// weight, thresholds, and the tunnel settings that apply to their tunnel type
/// (none unless forwarding is Tunnel; the port only for GUE; the checksum
/// flags for GUE and GRE). Connection counts and counters are not settings.
bool same_destination_settings(const Destination& a, const Destination& b) noexcept;

}  // namespace ipvs
