#pragma once
/// \file system_names.hpp
/// Name lookups through the C library (nsswitch: /etc/hosts, DNS,
/// /etc/services), as 1.31 does them: gethostbyname (IPv4 only),
/// getservbyname, gethostbyaddr, getservbyport.

#include "cli/values.hpp"
#include "format/resolver.hpp"

namespace ipvs::cli {

class SystemNames final : public NameLookup, public format::Resolver {
 public:
  std::optional<Address> host_v4(const std::string& name) override;
  std::optional<std::uint16_t> service_port(const std::string& name, Protocol proto) override;
  std::optional<std::string> host_name(const Address& addr) override;
  std::optional<std::string> service_name(std::uint16_t port, Protocol proto) override;
};

}  // namespace ipvs::cli
