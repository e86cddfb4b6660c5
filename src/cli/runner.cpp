#include "cli/runner.hpp"

#include <algorithm>
#include <array>
#include <iterator>

#include <fmt/format.h>

#include "cli/connections.hpp"
#include "cli/messages.hpp"
#include "format/listing.hpp"
#include "format/text.hpp"
#include "ipvs/batch.hpp"

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

/// Lists every service as 1.31 does: the service dump, sorted unless
/// `nosort`, then one real-server dump per service, each service rendered
/// and written before the next is fetched (memory stays that of one service).
/// A failed dump is a listing failure; what was written stays written.
template <typename Render>
RunResult stream_all(Context& ctx, bool nosort, fmt::memory_buffer& buf, Render render) {
  auto services = ctx.client.services();
  if (!services) return list_failure(ctx, services.error());  // nothing printed yet
  if (!nosort) format::sort_services(*services);
  for (Service& s : *services) {
    auto dests = ctx.client.destinations(s.key);
    if (!dests) {
      write(ctx, buf);
      return list_failure(ctx, dests.error());
    }
    if (!nosort) format::sort_dests(*dests);
    const format::ServiceEntry entry{std::move(s), std::move(*dests)};
    render(buf, entry);
    if (buf.size() >= kWriteChunk) write(ctx, buf);
  }
  write(ctx, buf);
  return {};
}

RunResult list_timeouts(Context& ctx) {
  auto t = ctx.client.timeouts();
  if (!t) return {1, true};
  ctx.io.out(fmt::format("Timeout (tcp tcpfin udp): {} {} {}\n", static_cast<std::int32_t>(t->tcp),
                         static_cast<std::int32_t>(t->tcp_fin), static_cast<std::int32_t>(t->udp)));
  return {};
}

RunResult list_daemons(Context& ctx) {
  auto daemons = ctx.client.daemons();
  if (!daemons) return {1, true};
  std::stable_sort(daemons->begin(), daemons->end(), [](const Daemon& a, const Daemon& b) {
    return static_cast<std::uint32_t>(a.state) < static_cast<std::uint32_t>(b.state);
  });
  fmt::memory_buffer buf;
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

RunResult cmd_list(const Request& req, Context& ctx) {
  const ListFlags& l = req.list;
  format::Resolver* resolver = l.numeric ? nullptr : &ctx.resolver;
  if (l.connection) return list_connections(req, ctx);
  const format::ListOptions opts{view_of(l), l.exact};
  fmt::memory_buffer buf;
  if (req.selected) {
    auto svc = ctx.client.service(*req.selected);
    if (!svc) return list_failure(ctx, svc.error());
    auto dests = ctx.client.destinations(svc->key);
    if (!dests) return list_failure(ctx, dests.error());
    if (!l.nosort) format::sort_dests(*dests);
    format::render_list_header(buf, std::nullopt, opts.view);
    format::render_list_entry(buf, {std::move(*svc), std::move(*dests)}, opts, resolver);
    write(ctx, buf);
    return {};
  }
  if (l.timeout) return list_timeouts(ctx);
  if (l.daemon) return list_daemons(ctx);
  format::render_list_header(buf, ctx.info, opts.view);
  return stream_all(ctx, l.nosort, buf, [&](fmt::memory_buffer& b, const format::ServiceEntry& e) {
    format::render_list_entry(b, e, opts, resolver);
  });
}

RunResult cmd_save(const Request& req, Context& ctx) {
  format::Resolver* resolver = req.list.numeric ? nullptr : &ctx.resolver;
  fmt::memory_buffer buf;
  return stream_all(ctx, false, buf, [&](fmt::memory_buffer& b, const format::ServiceEntry& e) {
    format::render_save_entry(b, e, resolver);
  });
}

using Handler = RunResult (*)(const Request&, Context&);

/// Commands that read the table; they run one at a time.
constexpr std::array<std::pair<Command, Handler>, 2> kReaders = {{
    {Command::List, cmd_list},
    {Command::Save, cmd_save},
}};

using Queuer = void (*)(Batch&, const Request&);

/// Commands that change the table: each becomes one operation of a Batch,
/// so -R can pipeline them (a single command is a batch of one).
constexpr std::array<std::pair<Command, Queuer>, 11> kWriters = {{
    {Command::Add, [](Batch& b, const Request& r) { b.queue_add_service(r.service); }},
    {Command::Edit, [](Batch& b, const Request& r) { b.queue_edit_service(r.service); }},
    {Command::Delete, [](Batch& b, const Request& r) { b.queue_delete_service(r.service.key); }},
    {Command::Flush, [](Batch& b, const Request&) { b.queue_flush(); }},
    {Command::AddServer, [](Batch& b, const Request& r) { b.queue_add_destination(r.service.key, r.dest); }},
    {Command::DeleteServer,
     [](Batch& b, const Request& r) { b.queue_delete_destination(r.service.key, r.dest); }},
    {Command::EditServer, [](Batch& b, const Request& r) { b.queue_edit_destination(r.service.key, r.dest); }},
    {Command::SetTimeout, [](Batch& b, const Request& r) { b.queue_set_timeouts(r.timeouts); }},
    {Command::StartDaemon, [](Batch& b, const Request& r) { b.queue_start_daemon(r.daemon); }},
    {Command::StopDaemon, [](Batch& b, const Request& r) { b.queue_stop_daemon(r.daemon.state); }},
    {Command::Zero, [](Batch& b, const Request& r) { b.queue_zero(r.selected); }},
}};

}  // namespace

bool queue_request(Batch& batch, const Request& req) {
  for (const auto& [cmd, queue] : kWriters) {
    if (cmd == req.command) {
      queue(batch, req);
      return true;
    }
  }
  return false;
}

RunResult report_result(Context& ctx, const Result<void>& r) {
  if (r.ok()) return {};
  std::string text = error_text(r.error());
  // Only a pipelined batch can lose an acknowledgement; 1.31 has no such case.
  if (r.error().outcome == Outcome::Unknown) text += " (" + r.error().detail + ")";
  ctx.io.err(text + "\n");
  return {-1, false};
}

RunResult run_request(const Request& req, Context& ctx) {
  Batch batch;
  if (queue_request(batch, req)) return report_result(ctx, ctx.client.execute(batch).front());
  for (const auto& [cmd, handler] : kReaders) {
    if (cmd == req.command) return handler(req, ctx);
  }
  return {};
}

int run_outcome(const ParseOutcome& outcome, std::istream& in, Context& ctx) {
  switch (outcome.kind) {
    case ParseOutcome::Kind::Print:
      ctx.io.out(outcome.text);
      return 0;
    case ParseOutcome::Kind::Exit:
      ctx.io.err(outcome.text);
      return outcome.code;
    case ParseOutcome::Kind::Soft:
      ctx.io.err(outcome.text);
      return 255;
    case ParseOutcome::Kind::Run:
      break;
  }
  const RunResult r = outcome.request.command == Command::Restore ? run_restore(in, ctx)
                                                                   : run_request(outcome.request, ctx);
  if (r.exit_now) return r.status;
  return r.status == 0 ? 0 : 255;
}

}  // namespace ipvs::cli
