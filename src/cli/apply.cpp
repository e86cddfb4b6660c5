#include "cli/apply.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "cli/apply_input.hpp"
#include "cli/messages.hpp"
#include "cli/parser.hpp"
#include "cli/rule_reader.hpp"
#include "format/plan.hpp"
#include "ipvs/plan.hpp"

namespace ipvs::cli {
namespace {

/// The desired table and, for each of its entries, the number (0-based) of
/// the rule that wrote it (RuleSource::where names it, on error only).
struct RuleSet {
  Table table;
  std::vector<std::size_t> service_rule;
  std::vector<std::vector<std::size_t>> dest_rule;
};

/// Rules one at a time, and where each came from.
class RuleSource {
 public:
  virtual ~RuleSource() = default;
  /// The next rule's words after `words`' first (argv[0]); false at the end.
  virtual bool next(std::vector<std::string>& words) = 0;
  /// "FILE:LINE" (or the JSON path) of rule `rule`.
  virtual std::string where(std::size_t rule) const = 0;
};

/// A -S text: one rule per line that has one (RuleReader: blank and '#'
/// lines skipped), read as it is parsed; only the line numbers are kept.
class TextSource final : public RuleSource {
 public:
  TextSource(std::string text, std::string file) : in_(std::move(text)), reader_(in_), file_(std::move(file)) {}
  bool next(std::vector<std::string>& words) override {
    words.resize(1);
    if (!reader_.next_into(words)) return false;
    lines_.push_back(reader_.line_number());
    return true;
  }
  std::string where(std::size_t rule) const override { return fmt::format("{}:{}", file_, lines_.at(rule)); }

 private:
  std::istringstream in_;
  RuleReader reader_;
  std::string file_;
  std::vector<std::size_t> lines_;
};

/// The rules json_rule_lines made of a JSON rule set.
class LineSource final : public RuleSource {
 public:
  explicit LineSource(std::vector<RuleLine> lines) : lines_(std::move(lines)) {}
  bool next(std::vector<std::string>& words) override {
    if (next_ == lines_.size()) return false;
    words = std::move(lines_[next_++].words);
    return true;
  }
  std::string where(std::size_t rule) const override { return lines_.at(rule).where; }

 private:
  std::vector<RuleLine> lines_;
  std::size_t next_ = 0;
};

std::optional<std::size_t> service_index(const Table& t, const ServiceKey& k) {
  for (std::size_t i = 0; i < t.services.size(); ++i) {
    if (service_identity(t.services[i].service.key) == service_identity(k)) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> dest_index(const TableEntry& e, const Destination& d) {
  for (std::size_t i = 0; i < e.dests.size(); ++i) {
    if (same_destination(e.dests[i], d)) return i;
  }
  return std::nullopt;
}

/// Every rule parsed and checked as ipvsadm checks it, then gathered into a
/// table; the first problem, as "WHERE: what", or the rule set.
std::variant<RuleSet, std::string> build(RuleSource& source, const std::string& argv0, NameLookup& names) {
  RuleSet set;
  std::map<Identity, std::size_t> services;  // a linear search per line made this quadratic
  const auto index_of = [&services, &set](const ServiceKey& k) -> std::optional<std::size_t> {
    // -a lines nearly always follow their service's -A line (-S writes them so).
    if (!set.table.services.empty() && service_identity(set.table.services.back().service.key) == service_identity(k)) {
      return set.table.services.size() - 1;
    }
    const auto it = services.find(service_identity(k));
    if (it == services.end()) return std::nullopt;
    return it->second;
  };
  std::vector<std::string> words{argv0};
  for (std::size_t rule = 0; source.next(words); ++rule) {
    const auto where = [&](std::size_t r) { return source.where(r); };
    const ParseOutcome out = parse_command_line(words, names, /*in_restore=*/true);
    if (out.kind != ParseOutcome::Kind::Run) {
      std::string text = out.text;
      if (!text.empty() && text.back() == '\n') text.pop_back();
      return fmt::format("{}: {}", where(rule), text);
    }
    const Request& r = out.request;
    if (r.command == Command::Add) {
      if (auto i = index_of(r.service.key)) {
        return fmt::format("{}: the service is defined twice (first at {})", where(rule), where(set.service_rule[*i]));
      }
      services.emplace(service_identity(r.service.key), set.table.services.size());
      set.table.services.push_back(TableEntry{r.service, {}});
      set.service_rule.push_back(rule);
      set.dest_rule.emplace_back();
    } else if (r.command == Command::AddServer) {
      const auto i = index_of(r.service.key);
      if (!i) return fmt::format("{}: a real server of a service no line before it defines", where(rule));
      TableEntry& e = set.table.services[*i];
      if (auto j = dest_index(e, r.dest)) {
        return fmt::format("{}: the real server is defined twice (first at {})", where(rule),
                           where(set.dest_rule[*i][*j]));
      }
      e.dests.push_back(r.dest);
      set.dest_rule[*i].push_back(rule);
    } else {
      return fmt::format("{}: only -A (--add-service) and -a (--add-server) lines make a rule set", where(rule));
    }
  }
  return set;
}

/// Where the entry a step acts on was written; for the steps that act on
/// what the rule set no longer has (deletes, drains), the step's own line.
std::string where_of(const PlanStep& s, const RuleSet& set, const RuleSource& source) {
  const bool service_step = s.kind == PlanStep::Kind::AddService || s.kind == PlanStep::Kind::EditService;
  const bool dest_step = (s.kind == PlanStep::Kind::AddDest || s.kind == PlanStep::Kind::EditDest) && !s.drain;
  if (service_step || dest_step) {
    if (const auto i = service_index(set.table, s.service.key)) {
      if (service_step) return source.where(set.service_rule[*i]);
      if (const auto j = dest_index(set.table.services[*i], s.dest)) return source.where(set.dest_rule[*i][*j]);
    }
  }
  fmt::memory_buffer line;
  format::render_plan_step(line, s);
  return std::string(line.data(), line.size() - 1);  // without its newline
}

/// The whole stream, read in blocks (an istreambuf_iterator walk costs about
/// 50 instructions a byte: 49 M of --apply's 0.3 G at 5,000 x 4).
std::string read_all(std::istream& in) {
  std::string text;
  std::array<char, 1 << 16> block;
  while (in.read(block.data(), block.size()) || in.gcount() > 0) text.append(block.data(), static_cast<std::size_t>(in.gcount()));
  return text;
}

RunResult invalid(Context& ctx, const std::string& text) {
  ctx.io.err(text + "\n");
  return {kApplyInvalidInput, true};
}

}  // namespace

RunResult run_apply(const Request& req, std::istream& in, Context& ctx) {
  const std::string& file = req.apply_file;
  std::string text;
  if (file == "-") {
    text = read_all(in);
  } else {
    std::ifstream f(file, std::ios::binary);
    if (!f) return invalid(ctx, fmt::format("cannot open file {}: {}", file, std::strerror(errno)));
    text = read_all(f);
  }
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  std::unique_ptr<RuleSource> source;
  if (first != std::string::npos && text[first] == '{') {
    auto json = json_rule_lines(text, file);
    if (auto* error = std::get_if<std::string>(&json)) return invalid(ctx, *error);
    source = std::make_unique<LineSource>(std::move(std::get<std::vector<RuleLine>>(json)));
  } else {
    source = std::make_unique<TextSource>(std::move(text), file);
  }
  auto built = build(*source, ctx.argv0, ctx.names);
  if (auto* error = std::get_if<std::string>(&built)) return invalid(ctx, *error);
  const RuleSet& set = std::get<RuleSet>(built);

  auto current = ctx.client.table();
  if (!current) {
    ctx.io.err(error_text(current.error()) + "\n");
    return {1, true};
  }
  const Plan p = plan(*current, set.table, PlanOptions{.drain = req.drain});
  if (req.dry_run) {
    fmt::memory_buffer out;
    if (req.list.format == ListFormat::Json) {
      format::JsonWriter w(out, req.list.pretty);
      format::json_plan(w, p);
    } else {
      for (const PlanStep& s : p.steps) format::render_plan_step(out, s);
    }
    ctx.io.out(std::string_view(out.data(), out.size()));
    return {0, true};
  }
  const ApplyReport report = ctx.client.apply(p);
  if (report.status == ApplyReport::Status::Applied) return {0, true};
  std::string err = fmt::format("{}: {}\n", where_of(p.steps[*report.failed_step], set, *source), error_text(*report.error));
  if (report.status == ApplyReport::Status::RolledBack) {
    err += "the table was put back as it was; nothing changed\n";
    ctx.io.err(err);
    return {kApplyRolledBack, true};
  }
  err += "putting the table back failed too; these changes stay:\n";
  for (std::size_t i = 0; i < report.not_undone.size(); ++i) {
    fmt::memory_buffer line;
    format::render_plan_step(line, report.not_undone[i]);
    err += fmt::format("  not undone: {}: {}\n", std::string_view(line.data(), line.size() - 1),
                       error_text(report.undo_errors[i]));
  }
  ctx.io.err(err);
  return {kApplyRollbackFailed, true};
}

}  // namespace ipvs::cli
