#include "format/names.hpp"

#include <array>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "format/columns.hpp"

namespace ipvs::format {

namespace {

/// A value's name in 1.31's text and in JSON.
template <typename E>
struct Named {
  E value;
  const char* label;  ///< 1.31's text
  const char* key;    ///< JSON
};

/// `value`'s label or key (`which`) in `table`; `none` when it has none.
template <typename E, std::size_t N>
const char* name_of(const std::array<Named<E>, N>& table, E value, const char* Named<E>::*which,
                    const char* none) noexcept {
  for (const Named<E>& n : table) {
    if (n.value == value) return n.*which;
  }
  return none;
}

constexpr std::array<Named<Protocol>, 3> kProtocols = {{
    {Protocol::Tcp, "TCP", "tcp"},
    {Protocol::Udp, "UDP", "udp"},
    {Protocol::Sctp, "SCTP", "sctp"},
}};

constexpr std::array<Named<Forward>, 5> kForwards = {{
    {Forward::Masq, "Masq", "masq"},
    {Forward::Local, "Local", "local"},
    {Forward::Tunnel, "Tunnel", "tunnel"},
    {Forward::Route, "Route", "route"},
    {Forward::Bypass, "(null)", "bypass"},  // 1.31 has no name for it
}};

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

void append_addr_port(fmt::memory_buffer& out, const Address& addr, std::uint16_t port, Protocol proto,
                      Resolver* resolver) {
  const std::size_t start = out.size();
  // Names where the resolver has them (nullptr: -n, none asked for), numbers otherwise.
  std::optional<std::string> host;
  std::optional<std::string> serv;
  if (resolver != nullptr) {
    host = resolver->host_name(addr);
    serv = resolver->service_name(port, proto);
  }
  if (addr.is_v6()) out.push_back('[');
  if (host && !host->empty()) {
    append_text(out, *host);
  } else {
    char text[Address::kMaxTextLen];
    append_text(out, std::string_view(text, addr.to_chars(text)));
  }
  if (addr.is_v6()) out.push_back(']');
  out.push_back(':');
  if (serv && !serv->empty()) {
    append_text(out, *serv);
  } else {
    append_uint(out, port);
  }
  // 1.31 formats every address into a 60-byte buffer (-L, -S, -c alike).
  cut_from(out, start, kAddrPortMax);
}

std::string addr_port(const Address& addr, std::uint16_t port, Protocol proto, Resolver* resolver) {
  fmt::memory_buffer out;
  append_addr_port(out, addr, port, proto, resolver);
  return fmt::to_string(out);
}

void append_service_label(fmt::memory_buffer& out, const ServiceKey& key, Resolver* resolver) {
  const std::size_t start = out.size();
  if (key.is_fwmark()) {
    append_text(out, "FWM  ");
    append_uint(out, key.fwmark);
    if (key.family == Family::Inet6) append_text(out, " IPv6");
    return;
  }
  append_padded(out, protocol_label(key.protocol), 4);
  out.push_back(' ');
  append_addr_port(out, key.address, key.port, key.protocol, resolver);
  if (key.family != Family::Inet6) cut_from(out, start, 33);
}

std::string service_label(const ServiceKey& key, Resolver* resolver) {
  fmt::memory_buffer out;
  append_service_label(out, key, resolver);
  return fmt::to_string(out);
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

const char* protocol_label(Protocol proto) noexcept { return name_of(kProtocols, proto, &Named<Protocol>::label, "?"); }

const char* protocol_key(Protocol proto) noexcept { return name_of(kProtocols, proto, &Named<Protocol>::key, "?"); }

const char* forward_label(Forward fwd) noexcept { return name_of(kForwards, fwd, &Named<Forward>::label, "(null)"); }

const char* forward_key(Forward fwd) noexcept { return name_of(kForwards, fwd, &Named<Forward>::key, "?"); }

const char* family_key(Family family) noexcept {
  switch (family) {
    case Family::Inet: return "inet";
    case Family::Inet6: return "inet6";
    default: return "unspec";
  }
}

const char* tunnel_type_name(TunnelType type) noexcept {
  switch (type) {
    case TunnelType::Ipip: return "ipip";
    case TunnelType::Gue: return "gue";
    case TunnelType::Gre: return "gre";
  }
  return "?";
}

}  // namespace ipvs::format
