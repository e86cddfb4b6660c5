#include "cli/listing.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "cli/connections.hpp"
#include "cli/messages.hpp"
#include "format/json.hpp"
#include "format/listing.hpp"
#include "format/metrics.hpp"
#include "format/text.hpp"

namespace ipvs::cli {
namespace {

/// Listings are handed to the output in pieces of about this size.
constexpr std::size_t kWriteChunk = 1 << 16;

RunResult list_failure(Context& ctx, const Error& e) {
  ctx.io.err(error_text(e) + "\n");
  return {1, true};
}

format::View view_of(const ListFlags& l) {
  if (l.stats) return format::View::Stats;
  if (l.rate) return format::View::Rate;
  if (l.thresholds) return format::View::Thresholds;
  if (l.persistent_conn) return format::View::PersistentConn;
  if (l.tun_info) return format::View::TunInfo;
  return format::View::Normal;
}

void write(Context& ctx, fmt::memory_buffer& buf) {
  ctx.io.out(std::string_view(buf.data(), buf.size()));
  buf.clear();
}

/// Fetches the services a listing shows and hands each, with its real
/// servers, to `render`, as 1.31 lists them: every service (the service
/// dump, sorted unless `nosort`, then one real-server dump per service) or
/// only `selected`. Each service is rendered and written before the next is
/// fetched (memory stays that of one service). A failed dump is a listing
/// failure; what was written stays written. `begin` runs once the first dump
/// succeeded (before anything is rendered), `end` after the last service.
template <typename Begin, typename Render, typename End>
RunResult stream(Context& ctx, const std::optional<ServiceKey>& selected, bool nosort,
                 fmt::memory_buffer& buf, Begin begin, Render render, End end) {
  Result<std::vector<Service>> services = std::vector<Service>{};
  if (selected) {
    auto svc = ctx.client.service(*selected);
    if (!svc) return list_failure(ctx, svc.error());
    services->push_back(std::move(*svc));
  } else {
    services = ctx.client.services();
    if (!services) return list_failure(ctx, services.error());  // nothing printed yet
    if (!nosort) format::sort_services(*services);
  }
  begin(buf);
  for (Service& s : *services) {
    auto dests = ctx.client.destinations(s.key);
    if (!dests) {
      if (!selected) write(ctx, buf);  // one service: nothing is printed (as before its titles)
      return list_failure(ctx, dests.error());
    }
    if (!nosort) format::sort_dests(*dests);
    const format::ServiceEntry entry{std::move(s), std::move(*dests)};
    render(buf, entry);
    if (buf.size() >= kWriteChunk) write(ctx, buf);
  }
  end(buf);
  write(ctx, buf);
  return {};
}

RunResult list_timeouts(Context& ctx, const ListFlags& l) {
  auto t = ctx.client.timeouts();
  if (!t) return {1, true};
  if (l.format == ListFormat::Json) {
    fmt::memory_buffer buf;
    format::JsonWriter w(buf, l.pretty);
    format::json_timeouts(w, *t);
    write(ctx, buf);
    return {};
  }
  ctx.io.out(fmt::format("Timeout (tcp tcpfin udp): {} {} {}\n", static_cast<std::int32_t>(t->tcp),
                         static_cast<std::int32_t>(t->tcp_fin), static_cast<std::int32_t>(t->udp)));
  return {};
}

RunResult list_daemons(Context& ctx, const ListFlags& l) {
  auto daemons = ctx.client.daemons();
  if (!daemons) return {1, true};
  std::stable_sort(daemons->begin(), daemons->end(), [](const Daemon& a, const Daemon& b) {
    return static_cast<std::uint32_t>(a.state) < static_cast<std::uint32_t>(b.state);
  });
  fmt::memory_buffer buf;
  if (l.format == ListFormat::Json) {
    format::JsonWriter w(buf, l.pretty);
    format::json_daemons(w, *daemons);
    write(ctx, buf);
    return {};
  }
  auto it = std::back_inserter(buf);
  for (const Daemon& d : *daemons) {
    const char* role = d.state == DaemonState::Master ? "master" : "backup";
    fmt::format_to(it, "{} sync daemon (mcast={}, syncid={}", role, d.mcast_ifname,
                   static_cast<std::int32_t>(d.sync_id));
    if (d.sync_maxlen != 0) fmt::format_to(it, ", maxlen={}", d.sync_maxlen);
    if (d.mcast_group.family != Family::Unspec) fmt::format_to(it, ", group={}", d.mcast_group.to_string());
    if (d.mcast_port != 0) fmt::format_to(it, ", port={}", d.mcast_port);
    if (d.mcast_ttl != 0) fmt::format_to(it, ", ttl={}", d.mcast_ttl);
    fmt::format_to(it, ")\n");
  }
  write(ctx, buf);
  return {};
}

/// -L --json: the list document, streamed.
RunResult list_json(const Request& req, Context& ctx) {
  fmt::memory_buffer buf;
  format::JsonWriter w(buf, req.list.pretty);
  return stream(
      ctx, req.selected, req.list.nosort, buf, [&](auto&) { format::json_open_list(w, ctx.info); },
      [&](auto&, const format::ServiceEntry& e) { format::json_service(w, e, format::JsonContent::Listing); },
      [&](auto&) { format::json_close_list(w); });
}

/// -L --metrics: every family once the last service is read.
RunResult list_metrics(const Request& req, Context& ctx) {
  fmt::memory_buffer buf;
  format::MetricsWriter metrics;
  return stream(
      ctx, req.selected, req.list.nosort, buf, [](auto&) {},
      [&](auto&, const format::ServiceEntry& e) { metrics.add(e); },
      [&](fmt::memory_buffer& b) { metrics.finish(b); });
}

}  // namespace

RunResult cmd_list(const Request& req, Context& ctx) {
  const ListFlags& l = req.list;
  if (l.connection) return list_connections(req, ctx);
  if (l.format == ListFormat::Json && !l.timeout && !l.daemon) return list_json(req, ctx);
  if (l.format == ListFormat::Metrics) return list_metrics(req, ctx);
  format::Resolver* resolver = l.numeric ? nullptr : &ctx.resolver;
  const format::ListOptions opts{view_of(l), l.exact};
  fmt::memory_buffer buf;
  if (!req.selected) {
    if (l.timeout) return list_timeouts(ctx, l);
    if (l.daemon) return list_daemons(ctx, l);
  }
  // 1.31 prints the version line only above a listing of every service.
  const std::optional<Info> version = req.selected ? std::nullopt : std::optional<Info>(ctx.info);
  return stream(
      ctx, req.selected, l.nosort, buf, [&](auto& b) { format::render_list_header(b, version, opts.view); },
      [&](auto& b, const format::ServiceEntry& e) { format::render_list_entry(b, e, opts, resolver); },
      [](auto&) {});
}

RunResult cmd_save(const Request& req, Context& ctx) {
  fmt::memory_buffer buf;
  if (req.list.format == ListFormat::Json) {
    format::JsonWriter w(buf, req.list.pretty);
    return stream(
        ctx, std::nullopt, false, buf, [&](auto&) { format::json_open_rules(w); },
        [&](auto&, const format::ServiceEntry& e) { format::json_service(w, e, format::JsonContent::Rules); },
        [&](auto&) { format::json_close_list(w); });
  }
  format::Resolver* resolver = req.list.numeric ? nullptr : &ctx.resolver;
  return stream(
      ctx, std::nullopt, false, buf, [](auto&) {},
      [&](auto& b, const format::ServiceEntry& e) { format::render_save_entry(b, e, resolver); },
      [](auto&) {});
}

}  // namespace ipvs::cli
