#include "format/text.hpp"

#include <array>
#include <iterator>
#include <span>

#include <fmt/compile.h>

#include "format/columns.hpp"
#include "format/fields.hpp"
#include "format/names.hpp"

namespace ipvs::format {
namespace {

using Out = fmt::memory_buffer;

/// " Title" for each field, each title right-aligned in 8 bytes (--stats,
/// --rate) or left-aligned in its width.
template <typename Field, std::size_t N>
void title_columns(Out& out, const std::array<Field, N>& fields, std::span<const std::size_t> left_widths = {}) {
  for (std::size_t i = 0; i < N; ++i) {
    out.push_back(' ');
    if (left_widths.empty()) {
      const std::size_t pad = fields[i].title.size() < 8 ? 8 - fields[i].title.size() : 0;
      append_padded(out, "", pad);
      append_text(out, fields[i].title);
    } else {
      append_padded(out, fields[i].title, left_widths[i]);
    }
  }
}

void titles(Out& out, View view) {
  static constexpr std::array<std::size_t, 4> kThresholdWidths = {10, 10, 10, 10};
  static constexpr std::array<std::size_t, 4> kPersistWidths = {9, 11, 10, 10};
  const bool columns = view == View::Stats || view == View::Rate || view == View::Thresholds ||
                       view == View::PersistentConn;
  if (columns) append_padded(out, "Prot LocalAddress:Port", 33);
  switch (view) {
    case View::Stats: title_columns(out, kCounterFields); break;
    case View::Rate: title_columns(out, kRateFields); break;
    case View::Thresholds:
      title_columns(out, std::array{kUThreshold, kLThreshold, kActiveConns, kInactiveConns}, kThresholdWidths);
      break;
    case View::PersistentConn:
      title_columns(out, std::array{kWeight, kPersistConns, kActiveConns, kInactiveConns}, kPersistWidths);
      break;
    case View::TunInfo:
      append_text(out, "Prot LocalAddress:Port Scheduler Flags\n"
                       "  -> RemoteAddress:Port           Forward TunnelInfo    Weight "
                       "ActiveConn InActConn\n");
      break;
    case View::Normal:
      append_text(out, "Prot LocalAddress:Port Scheduler Flags\n"
                       "  -> RemoteAddress:Port           Forward Weight ActiveConn "
                       "InActConn\n");
      break;
  }
  if (columns) append_text(out, "\n  -> RemoteAddress:Port\n");
}

void service_line(Out& out, const Service& s, Resolver* resolver) {
  auto it = std::back_inserter(out);
  append_service_label(out, s.key, resolver);
  out.push_back(' ');
  append_text(out, s.scheduler);
  // 1.31 prints the parentheses for any flag, even one it has no name for ("mh ()").
  if (s.flags & svc_flags::kSchedMask) {
    fmt::format_to(it, FMT_COMPILE(" ({})"), sched_flags_text(s.scheduler, s.flags, FlagNames::Listing));
  }
  if (s.flags & svc_flags::kPersistent) {
    fmt::format_to(it, FMT_COMPILE(" persistent {}"), s.timeout);
    if (const std::string mask = netmask_text(s); !mask.empty()) fmt::format_to(it, FMT_COMPILE(" mask {}"), mask);
    if (!s.pe_name.empty()) fmt::format_to(it, FMT_COMPILE(" pe {}"), s.pe_name);
  }
  if (s.flags & svc_flags::kOnePacket) fmt::format_to(it, FMT_COMPILE(" ops"));
  out.push_back('\n');
}

/// The five counters (--stats) or rates (--rate), humanised unless `exact`.
void five_numbers(Out& out, const Stats& st, const std::array<StatField, 5>& fields, bool exact) {
  for (const StatField& f : fields) append_largenum(out, st.*f.member, exact);
  out.push_back('\n');
}

const char* tunnel_csum_label(std::uint16_t flags) noexcept {
  switch (flags) {
    case tun_flags::kNoCsum: return "-c";
    case tun_flags::kCsum: return "+c";
    case tun_flags::kRemCsum: return "r+c";
    default: return "?";
  }
}

std::string tunnel_info(const Destination& d) {
  if (d.forward != Forward::Tunnel) return "n/a";
  switch (d.tun_type) {
    case TunnelType::Ipip: return tunnel_type_name(d.tun_type);
    case TunnelType::Gue:
      return fmt::format("{}:{}:{}", tunnel_type_name(d.tun_type), d.tun_port, tunnel_csum_label(d.tun_flags));
    case TunnelType::Gre: return fmt::format("{}:{}", tunnel_type_name(d.tun_type), tunnel_csum_label(d.tun_flags));
  }
  return "?";
}

/// " {:<6} {:<10} {:<10}\n" of weight, active and inactive connections.
void conns_columns(Out& out, const Destination& d) {
  out.push_back(' ');
  append_int_left(out, static_cast<std::int32_t>(d.weight), 6);
  out.push_back(' ');
  append_int_left(out, d.active_conns, 10);
  out.push_back(' ');
  append_int_left(out, d.inactive_conns, 10);
  out.push_back('\n');
}

void dest_line(Out& out, const Destination& d, Protocol proto, View view, bool exact,
               Resolver* resolver) {
  auto it = std::back_inserter(out);
  append_text(out, "  -> ");
  const std::size_t start = out.size();
  append_addr_port(out, d.address, d.port, proto, resolver);
  if (!d.address.is_v6()) cut_from(out, start, 28);
  pad_from(out, start, 28);
  const Stats& st = d.stats;
  switch (view) {
    case View::Stats:
      five_numbers(out, st, kCounterFields, exact);
      break;
    case View::Rate:
      fmt::format_to(it, FMT_COMPILE(" {:>8} {:>8} {:>8}"), st.cps, st.inpps, st.outpps);
      append_largenum(out, st.inbps, exact);
      append_largenum(out, st.outbps, exact);
      out.push_back('\n');
      break;
    case View::Thresholds:
      fmt::format_to(it, FMT_COMPILE(" {:<10} {:<10} {:<10} {:<10}\n"), d.u_threshold, d.l_threshold,
                     d.active_conns, d.inactive_conns);
      break;
    case View::PersistentConn:
      fmt::format_to(it, FMT_COMPILE(" {:<9} {:<11} {:<10} {:<10}\n"), d.weight, d.persist_conns,
                     d.active_conns, d.inactive_conns);
      break;
    case View::TunInfo:
      out.push_back(' ');
      append_padded(out, forward_label(d.forward), 7);
      out.push_back(' ');
      append_padded(out, tunnel_info(d), 13);
      conns_columns(out, d);
      break;
    case View::Normal:
      out.push_back(' ');
      append_padded(out, forward_label(d.forward), 7);
      conns_columns(out, d);
      break;
  }
}

}  // namespace

void append_largenum(Out& out, std::uint64_t v, bool exact) {
  if (exact) {
    out.push_back(' ');
    append_uint_right(out, v, 8);
    return;
  }
  if (v < 100000000ULL) {
    append_uint_right(out, v, 9);
    return;
  }
  struct Unit {
    std::uint64_t below;
    std::uint64_t divisor;
    char suffix;
  };
  static constexpr Unit kUnits[] = {
      {1000000000ULL, 1000ULL, 'K'}, {100000000000ULL, 1000000ULL, 'M'}, {100000000000000ULL, 1000000000ULL, 'G'}};
  Unit unit{0, 1000000000000ULL, 'T'};
  for (const Unit& u : kUnits) {
    if (v < u.below) {
      unit = u;
      break;
    }
  }
  append_uint_right(out, v / unit.divisor, 8);
  out.push_back(unit.suffix);
}

void render_list_header(Out& out, const std::optional<Info>& info, View view) {
  if (info) {
    const std::uint32_t v = info->version;
    fmt::format_to(std::back_inserter(out), "IP Virtual Server version {}.{}.{} (size={})\n",
                   (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff,
                   static_cast<std::int32_t>(info->conn_table_size));
  }
  titles(out, view);
}

void render_list_entry(Out& out, const ServiceEntry& e, const ListOptions& opts, Resolver* resolver) {
  const Service& s = e.service;
  if (opts.view == View::Stats || opts.view == View::Rate) {
    const std::size_t start = out.size();
    append_service_label(out, s.key, resolver);
    pad_from(out, start, 33);
    const Stats& st = s.stats;
    five_numbers(out, st, opts.view == View::Stats ? kCounterFields : kRateFields, opts.exact);
  } else {
    service_line(out, s, resolver);
  }
  const Protocol proto = port_protocol(s.key);
  for (const Destination& d : e.dests) dest_line(out, d, proto, opts.view, opts.exact, resolver);
}

}  // namespace ipvs::format
