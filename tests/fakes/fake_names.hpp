#pragma once
// In-memory name tables standing in for /etc/hosts and /etc/services.
#include <map>
#include <string>
#include <utility>

#include "cli/values.hpp"
#include "format/resolver.hpp"

namespace ipvs::testing {

class FakeNames final : public cli::NameLookup, public format::Resolver {
 public:
  FakeNames() {
    add_host("vip1.test", *Address::parse("10.0.0.1"));
    add_host("rs1.test", *Address::parse("192.168.1.2"));
    add_host("averyveryveryverylonghostnameforthetest.example", *Address::parse("10.0.0.9"));
    add_host("vip6.test", *Address::parse("2001:db8::1"));
    add_service("http", 80, Protocol::Tcp);
    add_service("http", 80, Protocol::Udp);
    add_service("domain", 53, Protocol::Udp);
    add_service("domain", 53, Protocol::Tcp);
    add_service("https", 443, Protocol::Tcp);
  }
  void add_host(const std::string& name, const Address& a) { hosts_.emplace_back(name, a); }
  void add_service(const std::string& name, std::uint16_t port, Protocol p) {
    services_.push_back({name, port, p});
  }

  std::optional<Address> host_v4(const std::string& name) override {
    for (auto& [n, a] : hosts_) {
      if (n == name && !a.is_v6()) return a;
    }
    return std::nullopt;
  }
  std::optional<std::uint16_t> service_port(const std::string& name, Protocol proto) override {
    for (auto& s : services_) {
      if (s.name == name && s.proto == proto) return s.port;
    }
    return std::nullopt;
  }
  std::optional<std::string> host_name(const Address& addr) override {
    ++host_lookups;
    for (auto& [n, a] : hosts_) {
      if (a == addr) return n;
    }
    return std::nullopt;
  }
  std::optional<std::string> service_name(std::uint16_t port, Protocol proto) override {
    for (auto& s : services_) {
      if (s.port == port && s.proto == proto) return s.name;
    }
    return std::nullopt;
  }

  int host_lookups = 0;

 private:
  struct Serv {
    std::string name;
    std::uint16_t port;
    Protocol proto;
  };
  std::vector<std::pair<std::string, Address>> hosts_;
  std::vector<Serv> services_;
};

}  // namespace ipvs::testing
