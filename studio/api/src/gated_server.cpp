#include "gated_server.hpp"

#include <cerrno>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hawker::studio {

namespace {

/// One admitted connection as the library's Stream. Every read and write
/// waits at most the I/O timeout, and reading stops for good at the
/// request's deadline, so a body that trickles in cannot hold a worker.
class GateStream : public httplib::Stream {
public:
    GateStream(int socket, std::chrono::milliseconds ioTimeout,
               std::chrono::steady_clock::time_point readDeadline)
        : m_socket(socket), m_ioTimeout(ioTimeout), m_readDeadline(readDeadline) {}

    bool is_readable() const override { return wait(POLLIN, readBudget()); }
    bool is_writable() const override { return wait(POLLOUT, m_ioTimeout); }

    ssize_t read(char* ptr, size_t size) override {
        if (!wait(POLLIN, readBudget())) return -1;
        for (;;) {
            const ssize_t got = ::recv(m_socket, ptr, size, 0);
            if (got < 0 && errno == EINTR) continue;
            return got;
        }
    }
    ssize_t write(const char* ptr, size_t size) override {
        if (!wait(POLLOUT, m_ioTimeout)) return -1;
        for (;;) {
            const ssize_t sent = ::send(m_socket, ptr, size, MSG_NOSIGNAL);
            if (sent < 0 && errno == EINTR) continue;
            return sent;
        }
    }
    void get_remote_ip_and_port(std::string& ip, int& port) const override { address(true, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address(false, ip, port); }
    socket_t socket() const override { return m_socket; }

private:
    std::chrono::milliseconds readBudget() const {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            m_readDeadline - std::chrono::steady_clock::now());
        return std::max(std::chrono::milliseconds(0), std::min(left, m_ioTimeout));
    }
    bool wait(short events, std::chrono::milliseconds timeout) const {
        pollfd polled{m_socket, events, 0};
        for (;;) {
            const int ready = ::poll(&polled, 1, static_cast<int>(timeout.count()));
            if (ready < 0 && errno == EINTR) continue;
            return ready > 0 && (polled.revents & (events | POLLHUP | POLLERR)) != 0;
        }
    }
    void address(bool remote, std::string& ip, int& port) const {
        sockaddr_storage storage{};
        socklen_t length = sizeof(storage);
        auto* any = reinterpret_cast<sockaddr*>(&storage);
        if ((remote ? ::getpeername(m_socket, any, &length) : ::getsockname(m_socket, any, &length)) != 0)
            return;
        char text[INET6_ADDRSTRLEN] = {};
        if (storage.ss_family == AF_INET) {
            const auto* in = reinterpret_cast<const sockaddr_in*>(&storage);
            ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
            port = ntohs(in->sin_port);
        } else if (storage.ss_family == AF_INET6) {
            const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&storage);
            ::inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
            port = ntohs(in6->sin6_port);
        }
        ip = text;
    }

    int m_socket;
    std::chrono::milliseconds m_ioTimeout;
    std::chrono::steady_clock::time_point m_readDeadline;
};

} // namespace

GatedServer::GatedServer(const HttpLimits& limits) : m_limits(limits) {
    new_task_queue = [] { return new InlineQueue; };
}

GatedServer::~GatedServer() {
    stopGate();
}

void GatedServer::widenBacklog() {
    const socket_t listening = svr_sock_;
    if (listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
}

void GatedServer::stopGate() {
    if (m_gate) m_gate->stop();
}

bool GatedServer::process_and_close_socket(socket_t socket) {
    if (m_gate) {
        m_gate->admit(socket);
    } else {
        ::shutdown(socket, SHUT_RDWR);
        ::close(socket);
    }
    return true;
}

void GatedServer::serveAdmitted(int socket) {
    // The head is already here (the gate saw it); the body must follow
    // within the body timeout.
    GateStream stream(socket, std::chrono::duration_cast<std::chrono::milliseconds>(m_limits.ioTimeout),
                      std::chrono::steady_clock::now() + m_limits.bodyTimeout);
    bool closed = false;
    process_request(stream, true, closed, nullptr);
    ::shutdown(socket, SHUT_RDWR);
    ::close(socket);
}

} // namespace hawker::studio
