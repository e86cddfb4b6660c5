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
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "ipvs/transport.hpp"

namespace ipvs::testing {

/// The family id the fake reports (any value; the kernel's is dynamic).
inline constexpr std::uint16_t kFakeFamily = 0x24;

class FakeTransport : public Transport {
 public:
  struct State {
    std::uint16_t family = kFakeFamily;
    /// Every datagram passed to send(), in order.
    std::vector<std::vector<std::uint8_t>> sent;
    /// Replies handed out by receive(), front first; an Error is returned as is.
    std::deque<Result<std::vector<std::uint8_t>>> replies;
    /// Errors returned by the next send() calls, front first (then success).
    std::deque<Error> send_errors;
    /// Optional responder, run after each successful send() (may push replies).
    std::function<void(std::span<const std::uint8_t>, State&)> on_send;
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

  /// With nothing queued, fails with ETIMEDOUT rather than blocking forever.
  Result<void> receive(std::vector<std::uint8_t>& out) override {
    if (state_->replies.empty()) return Error{Op::Init, ETIMEDOUT, "fake: no reply scripted"};
    auto next = std::move(state_->replies.front());
    state_->replies.pop_front();
    if (!next) return next.error();
    out = std::move(next.value());
    return {};
  }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace ipvs::testing
