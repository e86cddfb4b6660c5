#include "cli/legality.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace ipvs::cli {
namespace {

constexpr std::size_t kGroups = static_cast<std::size_t>(OptGroup::kCount);
constexpr std::size_t kCommands = static_cast<std::size_t>(Command::kCount);

constexpr std::array<const char*, kCommands> kCommandNames = {
    "add-service", "edit-service", "delete-service", "flush", "list", "add-server",
    "delete-server", "edit-server", "set", "start-daemon", "stop-daemon", "restore",
    "save", "zero", "apply",
};

constexpr std::array<const char*, kGroups> kGroupNames = {
    "numeric", "connection", "service-address", "scheduler", "persistent", "netmask",
    "real-server", "forwarding-method", "weight", "u-threshold", "l-threshold",
    "mcast-interface", "timeout", "daemon", "stats", "rate", "thresholds",
    "persistent-conn", "nosort", "syncid", "exact", "ops", "pe", "sched-flags",
    "mcast-group", "mcast-port", "mcast-ttl", "sync-maxlen", "tun-info", "tun-type",
    "tun-port", "tun-nocsum", "tun-csum", "tun-remcsum", "json", "pretty", "metrics",
    "netns", "dry-run", "drain",
};

// One row per option group; one character per command, in Command order:
//            A E D C L a d e S s t R S Z a  (Set, StartD, StopD, Restore, Save, Zero, apply)
constexpr std::array<std::string_view, kGroups> kMatrix = {
    "xxxxoxxxxxxxoxx",  // numeric
    "xxxx1xxxxxxxxxx",  // connection
    "+++x1+++xxxxxox",  // service-address
    "ooxxxxxxxxxxxxx",  // scheduler
    "ooxxxxxxxxxxxxx",  // persistent
    "ooxxxxxxxxxxxxx",  // netmask
    "xxxxx+++xxxxxxx",  // real-server
    "xxxxxoxoxxxxxxx",  // forwarding-method
    "xxxxxoxoxxxxxxx",  // weight
    "xxxxxoxoxxxxxxx",  // u-threshold
    "xxxxxoxoxxxxxxx",  // l-threshold
    "xxxxxxxxxoxxxxx",  // mcast-interface
    "xxxx1xxxxxxxxxx",  // timeout
    "xxxx1xxxxxxxxxx",  // daemon
    "xxxxoxxxxxxxxxx",  // stats
    "xxxxoxxxxxxxxxx",  // rate
    "xxxxoxxxxxxxxxx",  // thresholds
    "xxxxoxxxxxxxxxx",  // persistent-conn
    "xxxxoxxxxxxxxxx",  // nosort
    "xxxxoxxxxooxxxx",  // syncid
    "xxxxoxxxxxxxxxx",  // exact
    "ooxxxxxxxxxxxxx",  // ops
    "ooxxxxxxxxxxxxx",  // pe
    "ooxxxxxxxxxxxxx",  // sched-flags
    "xxxxxxxxxoxxxxx",  // mcast-group
    "xxxxxxxxxoxxxxx",  // mcast-port
    "xxxxxxxxxoxxxxx",  // mcast-ttl
    "xxxxxxxxxoxxxxx",  // sync-maxlen
    "xxxxoxxxxxxxxxx",  // tun-info
    "xxxxxoxoxxxxxxx",  // tun-type
    "xxxxxoxoxxxxxxx",  // tun-port
    "xxxxxoxoxxxxxxx",  // tun-nocsum
    "xxxxxoxoxxxxxxx",  // tun-csum
    "xxxxxoxoxxxxxxx",  // tun-remcsum
    // Ours: --json and --pretty with the listings, -S and --apply (its
    // --dry-run plan), --metrics with -L, --netns with every command,
    // --dry-run and --drain with --apply.
    "xxxxoxxxxxxxoxo",  // json
    "xxxxoxxxxxxxoxo",  // pretty
    "xxxxoxxxxxxxxxx",  // metrics
    "ooooooooooooooo",  // netns
    "xxxxxxxxxxxxxxo",  // dry-run
    "xxxxxxxxxxxxxxo",  // drain
};

/// One command's row of the matrix as bit masks over OptGroup (bit i = group i).
struct RowMasks {
  std::uint64_t illegal = 0;
  std::uint64_t required = 0;
  std::uint64_t one_of = 0;
};

constexpr std::array<RowMasks, kCommands> kRows = [] {
  std::array<RowMasks, kCommands> rows{};
  for (std::size_t g = 0; g < kGroups; ++g) {
    for (std::size_t c = 0; c < kCommands; ++c) {
      const std::uint64_t bit = std::uint64_t{1} << g;
      switch (static_cast<Cell>(kMatrix[g][c])) {
        case Cell::Illegal: rows[c].illegal |= bit; break;
        case Cell::Required: rows[c].required |= bit; break;
        case Cell::OneOf: rows[c].one_of |= bit; break;
        case Cell::Optional: break;
      }
    }
  }
  return rows;
}();
static_assert(kGroups <= 64);

}  // namespace

const char* command_name(Command cmd) noexcept {
  return kCommandNames[static_cast<std::size_t>(cmd)];
}

const char* group_name(OptGroup group) noexcept {
  return kGroupNames[static_cast<std::size_t>(group)];
}

Cell legality(Command cmd, OptGroup group) noexcept {
  return static_cast<Cell>(kMatrix[static_cast<std::size_t>(group)][static_cast<std::size_t>(cmd)]);
}

std::optional<std::string> check_legality(Command cmd, const OptionSet& given) {
  // Legal lines (nearly all of them) are decided by three mask tests; the
  // walk below finds which violation 1.31 reports first.
  const RowMasks& row = kRows[static_cast<std::size_t>(cmd)];
  const std::uint64_t bits = given.to_ullong();
  if ((bits & row.illegal) == 0 && (bits & row.required) == row.required &&
      std::popcount(bits & row.one_of) <= 1) {
    return std::nullopt;
  }
  std::optional<OptGroup> first_exclusive;
  for (std::size_t i = 0; i < kGroups; ++i) {
    const auto group = static_cast<OptGroup>(i);
    const bool set = given.test(i);
    switch (legality(cmd, group)) {
      case Cell::Required:
        if (!set) {
          return fmt::format("You need to supply the '{}' option for the '{}' command",
                             group_name(group), command_name(cmd));
        }
        break;
      case Cell::Illegal:
        if (set) {
          return fmt::format("Illegal '{}' option with the '{}' command", group_name(group),
                             command_name(cmd));
        }
        break;
      case Cell::OneOf:
        if (set) {
          if (first_exclusive) {
            return fmt::format("The option '{}' conflicts with the '{}' option in the '{}' command",
                               group_name(group), group_name(*first_exclusive), command_name(cmd));
          }
          first_exclusive = group;
        }
        break;
      case Cell::Optional:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace ipvs::cli
