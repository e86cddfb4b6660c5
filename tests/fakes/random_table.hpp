#pragma once
/// \file random_table.hpp
/// Seeded generator of IPVS tables that ipvsadm can express: every rule a
/// `-S` line can save and `-R` can restore (IPv4/IPv6 and fwmark services,
/// tcp/udp/sctp, persistence with netmasks, the sip PE, one-packet
/// scheduling, scheduler flags 1-3, masq/route/tunnel servers, ipip/gue/gre
/// tunnels with ports and checksum flags, thresholds, mixed-family tunnel
/// servers). The same seed always gives the same table.

#include <cstdint>
#include <vector>

#include "fakes/fake_kernel.hpp"

namespace ipvs::testing {

/// Up to `max_services` services of up to `max_dests` real servers each, in
/// the order they are to be added; only the fields a rule sets are non-zero.
std::vector<FakeKernel::Entry> random_table(std::uint32_t seed, int max_services = 8, int max_dests = 5);

}  // namespace ipvs::testing
