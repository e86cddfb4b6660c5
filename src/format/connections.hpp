#pragma once
/// \file connections.hpp
/// ipvsadm 1.31's connection listing (-L -c), from connection entries.

#include <fmt/format.h>

#include "format/resolver.hpp"
#include "ipvs/connection.hpp"

namespace ipvs::format {

/// "IPVS connection entries" and the column titles; `pe` adds the
/// persistence-engine columns (--persistent-conn).
void render_conn_header(fmt::memory_buffer& out, bool pe);

/// One connection row. With `pe`, an entry that has PE data gets the two PE
/// columns (and a 16-wide destination, as 1.31 prints it). `resolver`
/// nullptr means -n.
void render_conn_row(fmt::memory_buffer& out, const Connection& c, bool pe, Resolver* resolver);

}  // namespace ipvs::format
