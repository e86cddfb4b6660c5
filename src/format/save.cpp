// Rule lines in -S's spelling: -S (one per service and real server, in the
// listing's order) and the steps of an --apply plan.
#include <iterator>

#include <fmt/compile.h>

#include "format/columns.hpp"
#include "format/names.hpp"
#include "format/plan.hpp"
#include "format/text.hpp"

namespace ipvs::format {
namespace {

/// "-t 10.0.0.1:80", "--sctp-service ...", "-f 100", "-f 100 -6".
void append_service_arg(fmt::memory_buffer& out, const ServiceKey& k, Resolver* r) {
  if (k.is_fwmark()) {
    append_text(out, "-f ");
    append_uint(out, k.fwmark);
    if (k.family == Family::Inet6) append_text(out, " -6");
    return;
  }
  switch (k.protocol) {
    case Protocol::Tcp: append_text(out, "-t "); break;
    case Protocol::Udp: append_text(out, "-u "); break;
    case Protocol::Sctp: append_text(out, "--sctp-service "); break;
    default: append_text(out, "--xxx-service "); break;
  }
  append_addr_port(out, k.address, k.port, k.protocol, r);
}

const char* forward_flag(Forward f) noexcept {
  switch (f) {
    case Forward::Masq: return "-m";
    case Forward::Tunnel: return "-i";
    default: return "-g";
  }
}

const char* csum_flag(std::uint16_t flags) noexcept {
  if (flags & tun_flags::kRemCsum) return "--tun-remcsum";
  if (flags & tun_flags::kCsum) return "--tun-csum";
  return "--tun-nocsum";
}

/// `command` ("-A", "-E") and a service's settings.
void service_rule(fmt::memory_buffer& out, const Service& s, std::string_view svc, std::string_view command = "-A") {
  auto it = std::back_inserter(out);
  append_text(out, command);
  out.push_back(' ');
  append_text(out, svc);
  append_text(out, " -s ");
  append_text(out, s.scheduler);
  if (s.flags & svc_flags::kPersistent) {
    fmt::format_to(it, FMT_COMPILE(" -p {}"), s.timeout);
    if (const std::string mask = netmask_text(s); !mask.empty()) fmt::format_to(it, FMT_COMPILE(" -M {}"), mask);
  }
  if (!s.pe_name.empty()) fmt::format_to(it, FMT_COMPILE(" --pe {}"), s.pe_name);
  if (s.flags & svc_flags::kOnePacket) fmt::format_to(it, FMT_COMPILE(" -o"));
  const std::string flags = sched_flags_text(s.scheduler, s.flags, FlagNames::Save);  // COMPAT D9
  if (!flags.empty()) fmt::format_to(it, FMT_COMPILE(" -b {}"), flags);
  out.push_back('\n');
}

/// `prefix` is "-a <service> -r ", the same for every real server of a service.
void dest_rule(fmt::memory_buffer& out, const Destination& d, std::string_view prefix, Protocol proto,
               Resolver* r) {
  auto it = std::back_inserter(out);
  append_text(out, prefix);
  append_addr_port(out, d.address, d.port, proto, r);
  out.push_back(' ');
  append_text(out, forward_flag(d.forward));
  append_text(out, " -w ");
  append_int(out, static_cast<std::int32_t>(d.weight));
  if (d.forward == Forward::Tunnel) {
    switch (d.tun_type) {
      case TunnelType::Ipip: fmt::format_to(it, FMT_COMPILE(" --tun-type {}"), tunnel_type_name(d.tun_type)); break;
      case TunnelType::Gue:
        fmt::format_to(it, FMT_COMPILE(" --tun-type {} --tun-port {} {}"), tunnel_type_name(d.tun_type), d.tun_port,
                       csum_flag(d.tun_flags));
        break;
      case TunnelType::Gre:
        fmt::format_to(it, FMT_COMPILE(" --tun-type {} {}"), tunnel_type_name(d.tun_type), csum_flag(d.tun_flags));
        break;
    }
  }
  // COMPAT D4: 1.31 drops the thresholds; we keep them so -S | -R round-trips.
  if (d.u_threshold != 0) fmt::format_to(it, FMT_COMPILE(" -x {}"), d.u_threshold);
  if (d.l_threshold != 0) fmt::format_to(it, FMT_COMPILE(" -y {}"), d.l_threshold);
  out.push_back('\n');
}

/// "-a <service> -r " (or -e, -d), the words before a real server.
fmt::memory_buffer dest_prefix(const ServiceKey& k, std::string_view command) {
  fmt::memory_buffer prefix;
  append_text(prefix, command);
  prefix.push_back(' ');
  append_service_arg(prefix, k, nullptr);
  append_text(prefix, " -r ");
  return prefix;
}

}  // namespace

void render_plan_step(fmt::memory_buffer& out, const PlanStep& s) {
  const ServiceKey& k = s.service.key;
  switch (s.kind) {
    case PlanStep::Kind::AddService:
    case PlanStep::Kind::EditService: {
      fmt::memory_buffer svc;
      append_service_arg(svc, k, nullptr);
      service_rule(out, s.service, std::string_view(svc.data(), svc.size()),
                   s.kind == PlanStep::Kind::AddService ? "-A" : "-E");
      return;
    }
    case PlanStep::Kind::DeleteService:
      append_text(out, "-D ");
      append_service_arg(out, k, nullptr);
      out.push_back('\n');
      return;
    case PlanStep::Kind::AddDest:
    case PlanStep::Kind::EditDest: {
      const fmt::memory_buffer prefix = dest_prefix(k, s.kind == PlanStep::Kind::AddDest ? "-a" : "-e");
      dest_rule(out, s.dest, std::string_view(prefix.data(), prefix.size()), port_protocol(k), nullptr);
      return;
    }
    case PlanStep::Kind::DeleteDest: {
      const fmt::memory_buffer prefix = dest_prefix(k, "-d");
      append_text(out, std::string_view(prefix.data(), prefix.size()));
      append_addr_port(out, s.dest.address, s.dest.port, port_protocol(k), nullptr);
      out.push_back('\n');
      return;
    }
  }
}

void render_save_entry(fmt::memory_buffer& out, const ServiceEntry& e, Resolver* resolver) {
  // "-a <service> -r ", the service's own text in the middle (a local buffer: no allocation).
  fmt::memory_buffer prefix;
  append_text(prefix, "-a ");
  append_service_arg(prefix, e.service.key, resolver);
  const std::string_view svc(prefix.data() + 3, prefix.size() - 3);
  service_rule(out, e.service, svc);
  append_text(prefix, " -r ");
  const std::string_view dest_prefix(prefix.data(), prefix.size());
  for (const Destination& d : e.dests) dest_rule(out, d, dest_prefix, port_protocol(e.service.key), resolver);
}

}  // namespace ipvs::format
