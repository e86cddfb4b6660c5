#pragma once
/// \file option_table.hpp
/// Every ipvsadm 1.31 command and option spelling, kept as data. This is the
/// only place the flag spellings live.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "cli/legality.hpp"

namespace ipvs::cli {

/// One entry of the option table (commands are options too, as in 1.31).
enum class Opt : std::uint8_t {
  // commands
  AddService, EditService, DeleteService, Clear, List, Zero, AddServer, EditServer,
  DeleteServer, Set, Restore, Save, StartDaemon, StopDaemon, Apply, Help, Version,
  // options
  TcpService, UdpService, SctpService, FwmarkService, Ipv6, Scheduler, Pe, Persistent,
  Netmask, RealServer, Masquerading, Ipip, Gatewaying, Weight, UThreshold, LThreshold,
  Numeric, Connection, McastInterface, SyncId, Timeout, Daemon, Stats, Rate, Thresholds,
  PersistentConn, NoSort, Sort, Exact, Ops, SchedFlags, McastGroup, McastPort, McastTtl,
  SyncMaxlen, TunInfo, TunType, TunPort, TunNoCsum, TunCsum, TunRemCsum,
  // ours
  Json, Pretty, Metrics, Netns, DryRun, Drain,
};

/// Whether an option takes a value.
enum class Arg : std::uint8_t {
  None,      ///< a flag
  Required,  ///< takes the rest of the word or the next word, whatever it is
  Optional,  ///< takes the rest of the word, or the next word unless it starts with '-'
};

struct OptionSpec {
  Opt id;
  char short_name;             ///< '\0' when there is none
  std::string_view long_name;  ///< without the leading "--"; empty when none
  Arg arg;
  /// The command an entry selects (-h and -v select none: they print at once).
  std::optional<Command> command;
  /// The legality-matrix column of an option; none for commands, -6 (which
  /// has a check of its own) and --sort (ignored everywhere).
  std::optional<OptGroup> group;
};
/// Looks up "--name" (without dashes); nullptr when unknown.
const OptionSpec* find_long(std::string_view name) noexcept;
/// Looks up "-c"; nullptr when unknown.
const OptionSpec* find_short(char c) noexcept;
/// Every entry, in table order (for tools that list the spellings, such as
/// the shell-completion generator).
std::span<const OptionSpec> all_options() noexcept;
/// True for the entries that may only come first: the commands, -h and -v.
bool is_command(Opt id) noexcept;

}  // namespace ipvs::cli
