#pragma once
/// \file text.hpp
/// ipvsadm 1.31's listing formats (-L with --stats, --rate, --thresholds,
/// --persistent-conn, --tun-info) and the save format (-S).

#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "format/columns.hpp"
#include "format/listing.hpp"
#include "ipvs/config.hpp"
#include "format/resolver.hpp"

namespace ipvs::format {

/// Which columns a listing shows; when several options are given 1.31 takes
/// the first of: stats, rate, thresholds, persistent-conn, tun-info.
enum class View { Normal, Stats, Rate, Thresholds, PersistentConn, TunInfo };

struct ListOptions {
  View view = View::Normal;
  bool exact = false;          ///< --exact: no K/M/G/T humanising
};

/// The version line (when `info` is set) and the two title lines of a view.
void render_list_header(fmt::memory_buffer& out, const std::optional<Info>& info, View view);
/// One service and its real servers, in the given order (no titles).
/// `resolver` nullptr means -n (numeric).
void render_list_entry(fmt::memory_buffer& out, const ServiceEntry& entry, const ListOptions& opts,
                       Resolver* resolver);
/// The -S lines of one service and its real servers; `resolver` nullptr means -n.
void render_save_entry(fmt::memory_buffer& out, const ServiceEntry& entry, Resolver* resolver);

/// A stats number as 1.31's print_largenum: 9 columns, with K/M/G/T above
/// 10^8 unless `exact`. Appends to `out`.
void append_largenum(fmt::memory_buffer& out, std::uint64_t value, bool exact);

}  // namespace ipvs::format
