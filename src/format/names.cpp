#include "format/names.hpp"

#include <fmt/format.h>

namespace ipvs::format {

std::string addr_port(const Address& addr, std::uint16_t port, Protocol proto, Resolver* resolver) {
  std::string host;
  std::string serv;
  if (resolver != nullptr) {
    if (auto name = resolver->host_name(addr)) host = std::move(*name);
    if (auto name = resolver->service_name(port, proto)) serv = std::move(*name);
  }
  if (host.empty()) host = addr.to_string();
  if (serv.empty()) serv = std::to_string(port);
  std::string out;
  out.reserve(host.size() + serv.size() + 3);
  if (addr.is_v6()) out += '[';
  out += host;
  if (addr.is_v6()) out += ']';
  out += ':';
  out += serv;
  return out;
}

const char* protocol_label(Protocol proto) noexcept {
  switch (proto) {
    case Protocol::Tcp: return "TCP";
    case Protocol::Udp: return "UDP";
    case Protocol::Sctp: return "SCTP";
    default: return "?";
  }
}

std::string service_label(const ServiceKey& key, Resolver* resolver) {
  if (key.is_fwmark()) {
    return fmt::format("FWM  {}{}", key.fwmark, key.family == Family::Inet6 ? " IPv6" : "");
  }
  std::string label = fmt::format("{:<4} {}", protocol_label(key.protocol),
                                  addr_port(key.address, key.port, key.protocol, resolver));
  if (key.family != Family::Inet6 && label.size() > 33) label.resize(33);
  return label;
}

std::string sched_flags_text(const std::string& scheduler, std::uint32_t flags) {
  const char* names[3] = {"flag-1", "flag-2", "flag-3"};
  if (scheduler == "sh") {
    names[0] = "sh-fallback";
    names[1] = "sh-port";
  } else if (scheduler == "mh") {
    names[0] = "mh-fallback";
    names[1] = "mh-port";
  }
  const std::uint32_t bits[3] = {svc_flags::kSched1, svc_flags::kSched2, svc_flags::kSched3};
  std::string text;
  for (int i = 0; i < 3; ++i) {
    if ((flags & bits[i]) == 0) continue;
    if (!text.empty()) text += ',';
    text += names[i];
  }
  return text;
}

std::string netmask_text(const Service& s) {
  if (s.key.family == Family::Inet6) {
    return s.netmask == 128 ? std::string() : std::to_string(static_cast<std::int32_t>(s.netmask));
  }
  return s.netmask == 0xffffffffu ? std::string() : Address::v4(s.netmask).to_string();
}

Protocol port_protocol(const ServiceKey& key) noexcept {
  return key.is_fwmark() ? Protocol::Unspec : key.protocol;
}

const char* forward_label(Forward fwd) noexcept {
  switch (fwd) {
    case Forward::Masq: return "Masq";
    case Forward::Local: return "Local";
    case Forward::Tunnel: return "Tunnel";
    case Forward::Route: return "Route";
    default: return "(null)";
  }
}

}  // namespace ipvs::format
