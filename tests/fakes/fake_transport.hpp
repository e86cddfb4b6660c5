#pragma once
/// \file fake_transport.hpp
/// A scripted ipvs::Transport for tests: it records every datagram sent and
/// hands out queued reply datagrams (or errors) in order. The script lives in
/// a shared State so a test keeps a handle after moving the transport into a
/// Client.
///
///   auto fake = ipvs::testing::FakeTransport::make();
///   fake.state->replies.push_back(reply::datagram({reply::ack(1)}));
///   ipvs::Client client(std::move(fake.transport));
///   ... EXPECT_EQ(fake.state->sent[0], nl::encode_flush(kFakeFamily, 1));

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <ostream>
#include <span>
#include <vector>

#include "ipvs/transport.hpp"

namespace ipvs {

/// gtest printer: Error{op-name, errno, origin, outcome, "detail"}.
inline void PrintTo(const Error& e, std::ostream* os) {
  *os << "Error{" << op_name(e.op) << ", " << e.errnum << ", " << origin_name(e.origin) << ", "
      << outcome_name(e.outcome) << ", \"" << e.detail << "\"}";
}

}  // namespace ipvs

namespace ipvs::testing {

/// The family id the fake reports (any value; the kernel's is dynamic).
inline constexpr std::uint16_t kFakeFamily = 0x24;

class FakeTransport : public Transport {
 public:
  struct State {
    std::uint16_t family = kFakeFamily;
    /// Every datagram passed to send(), in order.
    std::vector<std::vector<std::uint8_t>> sent;
    /// Replies handed out by receive_queued(), front first; an Error is returned as is.
    std::deque<Result<std::vector<std::uint8_t>>> replies;
    /// Errors returned by the next send() calls, front first (then success).
    std::deque<Error> send_errors;
    /// Optional responder, run after each successful send() (may push replies).
    std::function<void(std::span<const std::uint8_t>, State&)> on_send;
    /// What limits() reports (default: unknown).
    TransportLimits limits{};
    /// receive_queued(Block) hands out every queued datagram up to the next
    /// scripted Error at once, as the real socket does; false: one per call.
    bool coalesce = false;
    /// Calls of receive_queued with Wait::Never (how often the Client drained).
    int nowait_reads = 0;
  };

  /// A transport and the handle on its script.
  struct Made {
    std::unique_ptr<Transport> transport;
    std::shared_ptr<State> state;
  };
  static Made make() {
    auto state = std::make_shared<State>();
    return Made{std::make_unique<FakeTransport>(state), state};
  }

  explicit FakeTransport(std::shared_ptr<State> state) : state_(std::move(state)) {}

  std::uint16_t family_id() const noexcept override { return state_->family; }
  TransportLimits limits() const noexcept override { return state_->limits; }

  Result<void> send(std::span<const std::uint8_t> datagram) override {
    if (!state_->send_errors.empty()) {
      Error e = state_->send_errors.front();
      state_->send_errors.pop_front();
      return e;
    }
    state_->sent.emplace_back(datagram.begin(), datagram.end());
    if (state_->on_send) state_->on_send(datagram, *state_);
    return {};
  }

  /// Block with nothing queued fails with ETIMEDOUT rather than blocking forever; Never with
  /// nothing queued returns 0. Datagrams are padded to 4 bytes when joined.
  Result<std::size_t> receive_queued(std::vector<std::uint8_t>& out, Wait wait) override {
    out.clear();
    if (wait == Wait::Never) ++state_->nowait_reads;
    if (state_->replies.empty()) {
      if (wait == Wait::Never) return std::size_t{0};
      return Error::transport(Op::Init, ETIMEDOUT, Outcome::Unknown, "fake: no reply scripted");
    }
    if (!state_->replies.front()) {
      Error e = state_->replies.front().error();
      state_->replies.pop_front();
      return e;
    }
    std::size_t count = 0;
    while (!state_->replies.empty() && state_->replies.front().ok() && (count == 0 || state_->coalesce)) {
      const auto& d = state_->replies.front().value();
      out.insert(out.end(), d.begin(), d.end());
      out.resize((out.size() + 3u) & ~std::size_t{3}, 0);
      state_->replies.pop_front();
      ++count;
    }
    return count;
  }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace ipvs::testing
