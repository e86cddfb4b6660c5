#pragma once
/// \file metrics.hpp
/// --metrics: a table's counters in the Prometheus text exposition format
/// (0.0.4), family by family (docs/output-formats.md). The format wants each
/// family's samples together, so services are added one at a time and the
/// samples gathered per family until finish().

#include <array>
#include <vector>

#include <fmt/format.h>

#include "format/listing.hpp"

namespace ipvs::format {

class MetricsWriter {
 public:
  MetricsWriter();

  /// Adds the samples of one service and its real servers.
  void add(const ServiceEntry& entry);
  /// Appends every family (# HELP, # TYPE, samples) to `out`.
  void finish(fmt::memory_buffer& out) const;

 private:
  std::vector<fmt::memory_buffer> samples_;  ///< one per family, in output order
};

/// `v` as a label value: '\\', '"' and newline escaped, in quotes.
void append_label_value(fmt::memory_buffer& out, std::string_view v);

}  // namespace ipvs::format
