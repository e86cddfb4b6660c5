#pragma once
/// \file plan.hpp
/// Declarative updates: the operations that turn one table into another,
/// changing only what differs (ipvsadm --apply).
///
///   ipvs::Table current = *client.table();
///   ipvs::Plan p = ipvs::plan(current, desired, {});
///   ipvs::ApplyReport r = client.apply(p);   // all or nothing

#include <cstddef>
#include <optional>
#include <vector>

#include "ipvs/error.hpp"
#include "ipvs/table.hpp"

namespace ipvs {

/// One operation of a Plan, with what it replaces (for undoing it).
struct PlanStep {
  enum class Kind {
    AddService,     ///< add `service`, then (separate steps) its real servers
    EditService,    ///< set `service`'s settings; they were `old_service`'s
    DeleteService,  ///< delete `service` (the current one) and its real servers `old_dests`
    AddDest,        ///< add `dest` to `service`
    EditDest,       ///< set `dest`'s settings in `service`; they were `old_dest`'s
    DeleteDest,     ///< delete `dest` (the current one) from `service`
  };
  Kind kind = Kind::AddService;
  Service service;                     ///< the service acted on (its key for real-server steps)
  Service old_service;                 ///< EditService: the settings before
  Destination dest;                    ///< real-server steps: the new one, or the one deleted
  Destination old_dest;                ///< EditDest: the settings before
  std::vector<Destination> old_dests;  ///< DeleteService: the real servers it took along
  /// EditDest only: a real server the desired table no longer has, set to
  /// weight 0 to drain (PlanOptions::drain) instead of deleted.
  bool drain = false;
};

/// The operations that make `current` equal to `desired`, in execution order:
/// new services (each followed by its real servers), edited services, real
/// servers added to kept services, edited real servers, deleted real servers,
/// deleted services. So a kept service is never left without a real server it
/// keeps, and services go last.
struct Plan {
  std::vector<PlanStep> steps;
  bool empty() const noexcept { return steps.empty(); }
  std::size_t size() const noexcept { return steps.size(); }
};

struct PlanOptions {
  /// A real server that `desired` removes but that still has active or
  /// inactive connections is set to weight 0 instead of deleted (and one at
  /// weight 0 already is left alone); a removed service that still has such
  /// real servers stays, its other real servers deleted. Without connections
  /// they are deleted as usual, so a later plan finishes the job.
  bool drain = false;
};

/// The minimal plan from `current` to `desired` (pure; no I/O). Services are
/// matched by key, real servers by same_destination; an entry the same in
/// both is never touched, a changed setting is an edit in place, only a new
/// or vanished identity is an add or a delete. Within each phase the order of
/// `desired` (adds, edits) or `current` (deletes) is kept.
/// `desired` must not hold a service or a real server twice.
Plan plan(const Table& current, const Table& desired, const PlanOptions& options = {});

/// The operations that undo steps [0, n) of `p` run in that order, as far as
/// `applied[i]` says step i took effect: each applied step's inverse, last
/// first (an add is undone by a delete, an edit by an edit back, a deleted
/// service by adding it again with the real servers it took along).
Plan undo(const Plan& p, const std::vector<bool>& applied);

/// `table` with `p` applied, as the kernel would apply it, every step taking
/// effect (a model for tests and previews; the kernel's counters are not
/// modelled). Steps that cannot apply (adding what exists, editing or
/// deleting what does not) are errors: nullopt.
std::optional<Table> apply_to(Table table, const Plan& p);

/// What Client::apply did.
struct ApplyReport {
  enum class Status {
    Applied,         ///< every step took effect (or the plan was empty)
    RolledBack,      ///< a step failed; every step that had taken effect was undone
    RollbackFailed,  ///< a step failed, and undoing the others failed too
  };
  Status status = Status::Applied;
  /// The first step that failed (RolledBack, RollbackFailed), and its error.
  std::optional<std::size_t> failed_step;
  std::optional<Error> error;
  /// RollbackFailed: the undo operations that failed (their kinds and
  /// entries say what could not be put back), with their errors.
  std::vector<PlanStep> not_undone;
  std::vector<Error> undo_errors;
};

}  // namespace ipvs
