#include "cli/connections.hpp"

#include <fstream>
#include <string>

#include <fmt/format.h>

#include "format/connections.hpp"
#include "format/json.hpp"
#include "proc/conn_table.hpp"

namespace ipvs::cli {

RunResult list_connections(const Request& req, Context& ctx) {
  std::ifstream in(ctx.conn_path);
  if (!in) {
    ctx.io.err(fmt::format("cannot open file {}\n", ctx.conn_path));
    return {1, true};
  }
  std::string line;
  // COMPAT D7: lines are read whole, whatever their length.
  if (!std::getline(in, line)) {
    ctx.io.err(fmt::format("unexpected input from {}\n", ctx.conn_path));
    return {1, true};
  }
  fmt::memory_buffer buf;
  if (req.list.format == ListFormat::Json) {
    format::JsonWriter w(buf, req.list.pretty);
    format::json_open_connections(w);
    while (std::getline(in, line)) {
      if (auto c = proc::parse_connection_line(line)) format::json_connection(w, *c);
    }
    format::json_close_connections(w);
  } else {
    const bool pe = req.list.persistent_conn;
    format::Resolver* resolver = req.list.numeric ? nullptr : &ctx.resolver;
    format::render_conn_header(buf, pe);
    while (std::getline(in, line)) {
      if (auto c = proc::parse_connection_line(line)) format::render_conn_row(buf, *c, pe, resolver);
    }
  }
  ctx.io.out(std::string_view(buf.data(), buf.size()));
  return {};
}

}  // namespace ipvs::cli
