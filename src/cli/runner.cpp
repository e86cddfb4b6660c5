#include "cli/runner.hpp"

#include <algorithm>
#include <array>
#include <iterator>

#include <fmt/format.h>

#include "cli/apply.hpp"
#include "cli/listing.hpp"
#include "cli/messages.hpp"
#include "ipvs/batch.hpp"

namespace ipvs::cli {
namespace {

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
  const Command cmd = outcome.request.command;
  const RunResult r = cmd == Command::Restore ? run_restore(in, ctx)
                      : cmd == Command::Apply ? run_apply(outcome.request, in, ctx)
                                              : run_request(outcome.request, ctx);
  if (r.exit_now) return r.status;
  return r.status == 0 ? 0 : 255;
}

}  // namespace ipvs::cli
