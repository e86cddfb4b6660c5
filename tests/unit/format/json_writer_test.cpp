// JsonWriter: nesting, separators, --pretty's indentation, string escapes;
// and the Prometheus label-value escapes.
#include "format/json_writer.hpp"

#include <gtest/gtest.h>

#include "format/metrics.hpp"

namespace ipvs::format {
namespace {

std::string text(const fmt::memory_buffer& b) { return fmt::to_string(b); }

void sample(JsonWriter& w) {
  w.begin_object();
  w.field("a", std::uint32_t{1});
  w.key("b");
  w.begin_array();
  w.value("x");
  w.begin_object();
  w.end_object();
  w.begin_array();
  w.end_array();
  w.value(true);
  w.end_array();
  w.field("c", std::uint64_t{18446744073709551615ULL});
  w.field("d", false);
  w.end_object();
  w.end_document();
}

TEST(JsonWriter, CompactIsOneLine) {
  fmt::memory_buffer b;
  JsonWriter w(b, false);
  sample(w);
  EXPECT_EQ(text(b), R"({"a":1,"b":["x",{},[],true],"c":18446744073709551615,"d":false})"
                     "\n");
}

TEST(JsonWriter, PrettyIndentsByTwoAndKeepsEmptyContainersShut) {
  fmt::memory_buffer b;
  JsonWriter w(b, true);
  sample(w);
  EXPECT_EQ(text(b),
            "{\n"
            "  \"a\": 1,\n"
            "  \"b\": [\n"
            "    \"x\",\n"
            "    {},\n"
            "    [],\n"
            "    true\n"
            "  ],\n"
            "  \"c\": 18446744073709551615,\n"
            "  \"d\": false\n"
            "}\n");
}

TEST(JsonWriter, TheBufferMayBeDrainedBetweenItems) {
  fmt::memory_buffer b;
  JsonWriter w(b, false);
  std::string all;
  w.begin_array();
  for (std::uint32_t i = 0; i < 3; ++i) {
    w.value(i);
    all += text(b);
    b.clear();
  }
  w.end_array();
  all += text(b);
  EXPECT_EQ(all, "[0,1,2]");
}

TEST(JsonString, EscapesQuotesBackslashesAndControlBytes) {
  fmt::memory_buffer b;
  append_json_string(b, std::string_view("a\"b\\c\nd\te\x01\x1f\x7f\xc3\xa9", 14));
  EXPECT_EQ(text(b), "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f\x7f\xc3\xa9\"");
}

TEST(LabelValue, EscapesAsTheExpositionFormatSays) {
  fmt::memory_buffer b;
  append_label_value(b, "a\\b\"c\nd\te");
  EXPECT_EQ(text(b), "\"a\\\\b\\\"c\\nd\te\"");
}

}  // namespace
}  // namespace ipvs::format
