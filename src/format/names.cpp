#include "format/names.hpp"

#include <array>

#include <fmt/format.h>

namespace ipvs::format {

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

namespace {

/// Longest "host:port" text 1.31 prints: its buffer holds 60 bytes.
constexpr std::size_t kAddrPortMax = 59;

constexpr std::array<SchedFlagName, 7> kSchedFlagNames = {{
    {"flag-1", svc_flags::kSched1, ""},
    {"flag-2", svc_flags::kSched2, ""},
    {"flag-3", svc_flags::kSched3, ""},
    {"sh-fallback", svc_flags::kSched1, "sh"},
    {"sh-port", svc_flags::kSched2, "sh"},
    {"mh-fallback", svc_flags::kSched1, "mh"},
    {"mh-port", svc_flags::kSched2, "mh"},
}};

}  // namespace

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
  // 1.31 formats every address into a 60-byte buffer (-L, -S, -c alike).
  if (out.size() > kAddrPortMax) out.resize(kAddrPortMax);
  return out;
}

std::span<const SchedFlagName> sched_flag_names() noexcept { return kSchedFlagNames; }

std::string sched_flags_text(std::string_view scheduler, std::uint32_t flags, FlagNames which) {
  bool own_names = false;  // the scheduler has names of its own (sh, mh)
  for (const SchedFlagName& f : kSchedFlagNames) own_names = own_names || f.scheduler == scheduler;
  std::string text;
  for (std::uint32_t bit : {svc_flags::kSched1, svc_flags::kSched2, svc_flags::kSched3}) {
    if ((flags & bit) == 0) continue;
    std::string_view name;
    for (const SchedFlagName& f : kSchedFlagNames) {
      if (f.bit != bit) continue;
      if (f.scheduler.empty() && (which == FlagNames::Save || !own_names) && name.empty()) name = f.name;
      if (!f.scheduler.empty() && f.scheduler == scheduler) name = f.name;
    }
    if (name.empty()) continue;
    if (!text.empty()) text += ',';
    text += name;
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
