#pragma once
/// \file plan.hpp
/// An --apply plan as text (--dry-run) and JSON (--dry-run --json).

#include <fmt/format.h>

#include "format/json_writer.hpp"
#include "ipvs/plan.hpp"

namespace ipvs::format {

/// One step as the ipvsadm command line that performs it, in -S's spelling,
/// numeric, with its newline: "-A -t 10.0.0.1:80 -s rr", "-E ...", "-D -t
/// 10.0.0.1:80", "-a -t 10.0.0.1:80 -r 192.168.1.2:80 -m -w 1", "-e ...",
/// "-d -t 10.0.0.1:80 -r 192.168.1.2:80". A plan's lines, in order, are an
/// `ipvsadm -R` input (1.31's too) that performs it.
void render_plan_step(fmt::memory_buffer& out, const PlanStep& s);

/// The plan document of --dry-run --json: {"plan": [step...]}, each step an
/// object with "op" (1.31's command names: "add-service", "edit-service",
/// "delete-service", "add-server", "edit-server", "delete-server"), "service"
/// (identity; with its settings for add-service and edit-service), and for
/// real-server steps "real_server" (identity; with its settings for
/// add-server and edit-server); "drain": true on the weight-0 edits of --drain.
void json_plan(JsonWriter& w, const Plan& p);

}  // namespace ipvs::format
