#include "cli/system_names.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace ipvs::cli {
namespace {

const char* proto_name(Protocol p) {
  switch (p) {
    case Protocol::Tcp: return "tcp";
    case Protocol::Udp: return "udp";
    case Protocol::Sctp: return "sctp";
    default: return nullptr;
  }
}

}  // namespace

std::optional<Address> SystemNames::host_v4(const std::string& name) {
  hostent* h = gethostbyname(name.c_str());
  if (h == nullptr || h->h_addrtype != AF_INET || h->h_addr_list[0] == nullptr) return std::nullopt;
  in_addr a{};
  std::memcpy(&a, h->h_addr_list[0], sizeof(a));
  return Address::v4(ntohl(a.s_addr));
}

std::optional<std::uint16_t> SystemNames::service_port(const std::string& name, Protocol proto) {
  const char* p = proto_name(proto);
  if (p == nullptr) return std::nullopt;
  servent* s = getservbyname(name.c_str(), p);
  if (s == nullptr) return std::nullopt;
  return ntohs(static_cast<std::uint16_t>(s->s_port));
}

std::optional<std::string> SystemNames::host_name(const Address& addr) {
  hostent* h = addr.is_v6() ? gethostbyaddr(addr.bytes.data(), 16, AF_INET6)
                            : gethostbyaddr(addr.bytes.data(), 4, AF_INET);
  if (h == nullptr || h->h_name == nullptr) return std::nullopt;
  return std::string(h->h_name);
}

std::optional<std::string> SystemNames::service_name(std::uint16_t port, Protocol proto) {
  const char* p = proto_name(proto);
  if (p == nullptr) return std::nullopt;
  servent* s = getservbyport(htons(port), p);
  if (s == nullptr || s->s_name == nullptr) return std::nullopt;
  return std::string(s->s_name);
}

}  // namespace ipvs::cli
