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
/// CachingResolver.
class Resolver {
 public:
  virtual ~Resolver() = default;
  /// Host name of an address (gethostbyaddr semantics), or nullopt.
  virtual std::optional<std::string> host_name(const Address& addr) = 0;
  /// Service name of a port (host order) for a protocol (getservbyport
  /// semantics: "tcp", "udp", "sctp"), or nullopt.
  virtual std::optional<std::string> service_name(std::uint16_t port, Protocol proto) = 0;
};

/// A Resolver that answers nothing: every address and port stays numeric.
class NumericResolver final : public Resolver {
 public:
  std::optional<std::string> host_name(const Address&) override { return std::nullopt; }
  std::optional<std::string> service_name(std::uint16_t, Protocol) override { return std::nullopt; }
};

/// Wraps another Resolver and remembers every answer (positive or negative),
/// so each distinct address and port is looked up once per run.
std::unique_ptr<Resolver> make_caching_resolver(Resolver& inner);

}  // namespace ipvs::format
