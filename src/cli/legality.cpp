#include "cli/legality.hpp"

#include <array>
#include <string_view>

#include <fmt/format.h>

namespace ipvs::cli {
namespace {

constexpr std::size_t kGroups = static_cast<std::size_t>(OptGroup::kCount);
constexpr std::size_t kCommands = static_cast<std::size_t>(Command::kCount);

constexpr std::array<const char*, kCommands> kCommandNames = {
    "add-service", "edit-service", "delete-service", "flush", "list", "add-server",
    "delete-server", "edit-server", "set", "start-daemon", "stop-daemon", "restore",
    "save", "zero",
};

constexpr std::array<const char*, kGroups> kGroupNames = {
    "numeric", "connection", "service-address", "scheduler", "persistent", "netmask",
    "real-server", "forwarding-method", "weight", "u-threshold", "l-threshold",
    "mcast-interface", "timeout", "daemon", "stats", "rate", "thresholds",
    "persistent-conn", "nosort", "syncid", "exact", "ops", "pe", "sched-flags",
    "mcast-group", "mcast-port", "mcast-ttl", "sync-maxlen", "tun-info", "tun-type",
    "tun-port", "tun-nocsum", "tun-csum", "tun-remcsum",
};

// One row per option group; one character per command, in Command order:
//            A E D C L a d e S s t R S Z   (Set, StartD, StopD, Restore, Save, Zero)
constexpr std::array<std::string_view, kGroups> kMatrix = {
    "xxxxoxxxxxxxox",  // numeric
    "xxxx1xxxxxxxxx",  // connection
    "+++x1+++xxxxxo",  // service-address
    "ooxxxxxxxxxxxx",  // scheduler
    "ooxxxxxxxxxxxx",  // persistent
    "ooxxxxxxxxxxxx",  // netmask
    "xxxxx+++xxxxxx",  // real-server
    "xxxxxoxoxxxxxx",  // forwarding-method
    "xxxxxoxoxxxxxx",  // weight
    "xxxxxoxoxxxxxx",  // u-threshold
    "xxxxxoxoxxxxxx",  // l-threshold
    "xxxxxxxxxoxxxx",  // mcast-interface
    "xxxx1xxxxxxxxx",  // timeout
    "xxxx1xxxxxxxxx",  // daemon
    "xxxxoxxxxxxxxx",  // stats
    "xxxxoxxxxxxxxx",  // rate
    "xxxxoxxxxxxxxx",  // thresholds
    "xxxxoxxxxxxxxx",  // persistent-conn
    "xxxxoxxxxxxxxx",  // nosort
    "xxxxoxxxxooxxx",  // syncid
    "xxxxoxxxxxxxxx",  // exact
    "ooxxxxxxxxxxxx",  // ops
    "ooxxxxxxxxxxxx",  // pe
    "ooxxxxxxxxxxxx",  // sched-flags
    "xxxxxxxxxoxxxx",  // mcast-group
    "xxxxxxxxxoxxxx",  // mcast-port
    "xxxxxxxxxoxxxx",  // mcast-ttl
    "xxxxxxxxxoxxxx",  // sync-maxlen
    "xxxxoxxxxxxxxx",  // tun-info
    "xxxxxoxoxxxxxx",  // tun-type
    "xxxxxoxoxxxxxx",  // tun-port
    "xxxxxoxoxxxxxx",  // tun-nocsum
    "xxxxxoxoxxxxxx",  // tun-csum
    "xxxxxoxoxxxxxx",  // tun-remcsum
};

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
