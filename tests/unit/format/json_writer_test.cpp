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

TEST(JsonString, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  const auto json = [](std::string_view s) {
    fmt::memory_buffer b;
    append_json_string(b, s);
    return text(b);
  };
  // Well-formed: 2, 3 and 4 bytes.
  EXPECT_EQ(json("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"), "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"");
  // A lone continuation byte, a truncated sequence, an overlong '/', a surrogate, > U+10FFFF.
  EXPECT_EQ(json("a\x80" "b"), "\"a\\ufffdb\"");
  EXPECT_EQ(json("\xe2\x82"), "\"\\ufffd\\ufffd\"");
  EXPECT_EQ(json("\xc0\xaf"), "\"\\ufffd\\ufffd\"");
  EXPECT_EQ(json("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");
  EXPECT_EQ(json("\xf4\x90\x80\x80"), "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
  EXPECT_EQ(json("\xff"), "\"\\ufffd\"");
}

TEST(LabelValue, EscapesAsTheExpositionFormatSays) {
  fmt::memory_buffer b;
  append_label_value(b, "a\\b\"c\nd\te");
  EXPECT_EQ(text(b), "\"a\\\\b\\\"c\\nd\te\"");
}

}  // namespace
}  // namespace ipvs::format
