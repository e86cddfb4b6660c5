// Client::table() and Client::apply(): a snapshot, and a plan run all or nothing.

#include "ipvs/client.hpp"

namespace ipvs {
namespace {

/// Appends the operation of one plan step to `batch`.
void queue_step(Batch& batch, const PlanStep& s) {
  switch (s.kind) {
    case PlanStep::Kind::AddService: batch.queue_add_service(s.service); break;
    case PlanStep::Kind::EditService: batch.queue_edit_service(s.service); break;
    case PlanStep::Kind::DeleteService: batch.queue_delete_service(s.service.key); break;
    case PlanStep::Kind::AddDest: batch.queue_add_destination(s.service.key, s.dest); break;
    case PlanStep::Kind::EditDest: batch.queue_edit_destination(s.service.key, s.dest); break;
    case PlanStep::Kind::DeleteDest: batch.queue_delete_destination(s.service.key, s.dest); break;
  }
}

std::vector<Result<void>> run(Client& client, const Plan& p, const BatchOptions& options) {
  Batch batch;
  for (const PlanStep& s : p.steps) queue_step(batch, s);
  return client.execute(batch, options);
}

}  // namespace

Result<Table> Client::table() {
  auto services = this->services();
  if (!services) return services.error();
  Table t;
  t.services.reserve(services->size());
  for (Service& s : *services) {
    auto dests = destinations(s.key);
    if (!dests) return dests.error();
    t.services.push_back(TableEntry{std::move(s), std::move(*dests)});
  }
  return t;
}

ApplyReport Client::apply(const Plan& p, BatchOptions options) {
  ApplyReport report;
  if (p.empty()) return report;
  options.stop_on_unknown = true;
  const std::vector<Result<void>> results = run(*this, p, options);
  std::vector<bool> applied(results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const bool ok = results[i].ok();
    applied[i] = ok || results[i].error().outcome == Outcome::Unknown;
    if (!ok && !report.failed_step) {
      report.failed_step = i;
      report.error = results[i].error();
    }
  }
  if (!report.failed_step) return report;
  report.status = ApplyReport::Status::RolledBack;
  const Plan back = undo(p, applied);
  const std::vector<Result<void>> undone = run(*this, back, options);
  for (std::size_t i = 0; i < undone.size(); ++i) {
    if (undone[i].ok()) continue;
    report.status = ApplyReport::Status::RollbackFailed;
    report.not_undone.push_back(back.steps[i]);
    report.undo_errors.push_back(undone[i].error());
  }
  return report;
}

}  // namespace ipvs
