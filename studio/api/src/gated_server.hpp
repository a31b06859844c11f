#pragma once
// The HTTP library's server with its connections routed through the
// ConnectionGate: the library still parses and answers each request, but a
// connection reaches it only once its head arrived whole, within the limits,
// on a lane with room, and then it serves exactly one request.

#include <chrono>
#include <memory>

#include <httplib.h>

#include "connection_gate.hpp"

namespace hawker::studio {

class GatedServer : public httplib::Server {
public:
    explicit GatedServer(const HttpLimits& limits);
    ~GatedServer() override;

    void setGate(std::unique_ptr<ConnectionGate> gate) { m_gate = std::move(gate); }
    void stopGate();
    const ConnectionGate* gate() const { return m_gate.get(); }
    /// After bind: room in the kernel for a burst of new connections (the
    /// library listens with a backlog of 5), so a flood of connects does not
    /// leave the operator's SYN unanswered for a second.
    void widenBacklog();
    /// Serves one request on a socket the gate let through (on a lane's
    /// worker) and closes it.
    void serveAdmitted(int socket);

private:
    /// Accepting hands the socket to the gate at once (admit() never
    /// blocks), so the accept loop needs no pool of its own.
    class InlineQueue : public httplib::TaskQueue {
    public:
        void enqueue(std::function<void()> fn) override { fn(); }
        void shutdown() override {}
    };
    bool process_and_close_socket(socket_t socket) override;

    HttpLimits m_limits;
    std::unique_ptr<ConnectionGate> m_gate;
};

} // namespace hawker::studio
