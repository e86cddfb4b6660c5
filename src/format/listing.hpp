#pragma once
/// \file listing.hpp
/// The listing model every renderer works from, and ipvsadm's orderings.

#include <vector>

#include "ipvs/destination.hpp"
#include "ipvs/service.hpp"

namespace ipvs::format {

/// A service with its real servers.
struct ServiceEntry {
  Service service;
  std::vector<Destination> dests;
};

/// Total order of services (COMPAT D3): fwmark (unsigned), address family,
/// protocol, address (unsigned, 32-bit words in network order), port.
bool service_less(const Service& a, const Service& b) noexcept;
/// Total order of real servers: address words, port, then family.
bool dest_less(const Destination& a, const Destination& b) noexcept;
/// Sorts services by service_less (stable).
void sort_services(std::vector<Service>& services);
/// Sorts real servers by dest_less (stable).
void sort_dests(std::vector<Destination>& dests);

}  // namespace ipvs::format
