#pragma once
/// \file resolver.hpp
/// Names for addresses and ports, used by listings without -n.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "ipvs/address.hpp"
#include "ipvs/service.hpp"

namespace ipvs::format {

/// Reverse lookups. Implementations may block (DNS); listings call them at
/// most once per distinct (address) and (port, protocol) when wrapped in
/// CachingResolver. Renderers take a `Resolver*`: nullptr means -n (every
/// address and port numeric, no call made).
class Resolver {
 public:
  virtual ~Resolver() = default;
  /// Host name of an address (gethostbyaddr semantics), or nullopt.
  virtual std::optional<std::string> host_name(const Address& addr) = 0;
  /// Service name of a port (host order) for a protocol (getservbyport
  /// semantics: "tcp", "udp", "sctp"), or nullopt.
  virtual std::optional<std::string> service_name(std::uint16_t port, Protocol proto) = 0;
};

/// Wraps another Resolver and remembers every answer (positive or negative),
/// so each distinct address and port is looked up once per run.
std::unique_ptr<Resolver> make_caching_resolver(Resolver& inner);

}  // namespace ipvs::format
