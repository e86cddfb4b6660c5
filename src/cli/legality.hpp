#pragma once
/// \file legality.hpp
/// ipvsadm 1.31's command x option legality matrix, kept as data, and its
/// check (first violation in column order wins).

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>

namespace ipvs::cli {

/// Commands, in the matrix's row order.
enum class Command : std::uint8_t {
  Add, Edit, Delete, Flush, List, AddServer, DeleteServer, EditServer, SetTimeout,
  StartDaemon, StopDaemon, Restore, Save, Zero,
  Apply,  ///< ours: --apply FILE
  kCount,
};

/// Option groups, in the matrix's column order; each has its 1.31 name (the
/// last six are ours and named in the same style).
enum class OptGroup : std::uint8_t {
  Numeric, Connection, Service, Scheduler, Persistent, Netmask, Server, Forward, Weight,
  UThreshold, LThreshold, McastIfn, Timeout, Daemon, Stats, Rate, Thresholds,
  PersistentConn, NoSort, SyncId, Exact, Ops, Pe, SchedFlags, McastGroup, McastPort,
  McastTtl, SyncMaxlen, TunInfo, TunType, TunPort, TunNoCsum, TunCsum, TunRemCsum,
  // ours, not 1.31's: machine-readable output and the network namespace
  Json, Pretty, Metrics, Netns, DryRun, Drain, kCount,
};

using OptionSet = std::bitset<static_cast<std::size_t>(OptGroup::kCount)>;

/// Cell values: illegal, optional, required, mutually exclusive ("1").
enum class Cell : char { Illegal = 'x', Optional = 'o', Required = '+', OneOf = '1' };

/// 1.31's name of a command in messages ("add-service", "flush", ...).
const char* command_name(Command cmd) noexcept;
/// 1.31's name of an option group in messages ("service-address", ...).
const char* group_name(OptGroup group) noexcept;
/// The matrix cell.
Cell legality(Command cmd, OptGroup group) noexcept;

/// The first violation of the matrix by `given` for `cmd`, as 1.31 words it
/// ("You need to supply the 'service-address' option for the 'add-service'
/// command", "Illegal ... option with the ... command", "The option ...
/// conflicts with the ... option in the ... command"), or nullopt.
std::optional<std::string> check_legality(Command cmd, const OptionSet& given);

}  // namespace ipvs::cli
