#include "connection_gate.hpp"

#include <algorithm>
#include <cerrno>

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/untrusted_text.hpp"

namespace hawker::studio {

namespace {

/// Connections waiting for their head; past this the oldest is dropped, so a
/// flood of idle connections cannot keep a new one (the operator's) out.
constexpr size_t kMaxPending = 256;
/// After a refusal the client's remaining bytes are read and dropped for a
/// moment, so it sees the answer instead of a reset connection.
constexpr auto kDrainTime = std::chrono::milliseconds(1000);
constexpr size_t kMaxDrainBytes = 4 << 20;

const char* reasonPhrase(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

void closeSocket(int socket) {
    ::shutdown(socket, SHUT_RDWR);
    ::close(socket);
}

/// Request handling runs below the program's threads: when a flood saturates
/// the CPU, requests slow down, not the compositor or the encoder.
constexpr int kApiNiceness = 5;

void yieldToTheProgram() {
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), kApiNiceness);
}

void setReceiveLowWater(int socket, int bytes) {
    ::setsockopt(socket, SOL_SOCKET, SO_RCVLOWAT, &bytes, sizeof(bytes));
}

} // namespace

ConnectionGate::ConnectionGate(HttpLimits limits, std::vector<GateLane> lanes, Classify classify, Serve serve,
                               Report report)
    : m_limits(limits), m_classify(std::move(classify)), m_serve(std::move(serve)),
      m_report(std::move(report)) {
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wakeFd < 0) throw std::runtime_error("api: cannot create the gate's wake-up descriptor");
    for (const GateLane& policy : lanes)
        m_lanes.emplace_back().policy = policy;
    for (size_t i = 0; i < m_lanes.size(); ++i)
        for (int w = 0; w < std::max(1, m_lanes[i].policy.workers); ++w)
            m_lanes[i].workers.emplace_back([this, i] {
                try {
                    runWorker(i);
                } catch (...) {
                    m_report("api: a lane's worker stopped on an unexpected error");
                }
            });
    m_gate = std::thread([this] {
        try {
            runGate();
        } catch (...) {
            m_report("api: the connection gate stopped on an unexpected error; new requests wait");
        }
    });
}

ConnectionGate::~ConnectionGate() {
    stop();
    if (m_wakeFd >= 0) ::close(m_wakeFd);
}

void ConnectionGate::admit(int socket) {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            closeSocket(socket);
            return;
        }
        m_admitted.push_back(socket);
    }
    wake();
}

void ConnectionGate::wake() {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(m_wakeFd, &one, sizeof(one));
}

void ConnectionGate::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && !m_gate.joinable()) return;
        m_stopping = true;
    }
    wake();
    m_work.notify_all();
    if (m_gate.joinable()) m_gate.join();
    for (Lane& lane : m_lanes)
        for (std::thread& worker : lane.workers)
            if (worker.joinable()) worker.join();
    std::lock_guard lock(m_mutex);
    for (int socket : m_admitted)
        closeSocket(socket);
    m_admitted.clear();
}

std::vector<GateLaneStats> ConnectionGate::stats() const {
    std::lock_guard lock(m_mutex);
    std::vector<GateLaneStats> out;
    for (const Lane& lane : m_lanes)
        out.push_back({lane.policy.name, lane.served, lane.refusedBusy, lane.running,
                       static_cast<int>(lane.queue.size())});
    return out;
}

size_t ConnectionGate::pending() const {
    std::lock_guard lock(m_mutex);
    return m_pendingCount;
}

void ConnectionGate::runGate() {
    yieldToTheProgram();
    std::vector<Pending> pending;
    std::vector<pollfd> polled;
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) break;
            for (int socket : m_admitted)
                pending.push_back({socket, now + m_limits.headTimeout, 0, false, 0});
            m_admitted.clear();
        }
        while (pending.size() > kMaxPending) {
            closeSocket(pending.front().socket);
            pending.erase(pending.begin());
            note(0, "api: more than " + std::to_string(kMaxPending) +
                        " connections waiting for their request; the oldest was closed");
        }
        auto nextDeadline = now + std::chrono::seconds(1);
        polled.assign(1, pollfd{m_wakeFd, POLLIN, 0});
        for (const Pending& p : pending) {
            polled.push_back({p.socket, POLLIN, 0});
            nextDeadline = std::min(nextDeadline, p.deadline);
        }
        {
            std::lock_guard lock(m_mutex);
            m_pendingCount = pending.size();
        }
        const auto waitMs = std::chrono::duration_cast<std::chrono::milliseconds>(nextDeadline - now).count();
        const int ready =
            ::poll(polled.data(), polled.size(), static_cast<int>(std::max<int64_t>(0, waitMs)));
        if (ready < 0 && errno != EINTR) {
            m_report("api: the connection gate cannot poll; waiting connections are closed");
            break;
        }
        if (polled[0].revents & POLLIN) {
            uint64_t count = 0;
            [[maybe_unused]] const ssize_t got = ::read(m_wakeFd, &count, sizeof(count));
        }
        const auto after = std::chrono::steady_clock::now();
        std::vector<Pending> still;
        still.reserve(pending.size());
        for (size_t i = 0; i < pending.size(); ++i) {
            Pending& p = pending[i];
            bool keep = true;
            if (polled[i + 1].revents != 0) {
                keep = examine(p);
            } else if (after >= p.deadline) {
                if (p.closing) {
                    closeSocket(p.socket);
                    keep = false;
                } else {
                    note(408, "api: 408, the request head did not arrive within " +
                                  std::to_string(m_limits.headTimeout.count()) + " ms");
                    answerAndDrain(p, 408, "the request did not arrive in time", false);
                }
            }
            if (keep) still.push_back(p);
        }
        pending.swap(still);
    }
    for (const Pending& p : pending)
        closeSocket(p.socket);
    std::lock_guard lock(m_mutex);
    m_pendingCount = 0;
}

bool ConnectionGate::examine(Pending& p) {
    if (p.closing) {
        char sink[16384];
        for (;;) {
            const ssize_t got = ::recv(p.socket, sink, sizeof(sink), MSG_DONTWAIT);
            if (got > 0) {
                p.drained += static_cast<size_t>(got);
                if (p.drained <= kMaxDrainBytes) continue;
            } else if (got < 0 && (errno == EAGAIN || errno == EINTR)) {
                return true;
            }
            closeSocket(p.socket);
            return false;
        }
    }
    std::string bytes(m_limits.maxHeadBytes + 3, '\0');
    const ssize_t got = ::recv(p.socket, bytes.data(), bytes.size(), MSG_PEEK | MSG_DONTWAIT);
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) return true;
    if (got <= 0) { // closed before a request, or broken
        closeSocket(p.socket);
        return false;
    }
    bytes.resize(static_cast<size_t>(got));
    const HeadVerdict verdict = examineRequestHead(bytes, m_limits);
    if (verdict.kind == HeadVerdict::Kind::Incomplete) {
        // Wake again only when more than what is here has arrived.
        p.seen = bytes.size();
        setReceiveLowWater(p.socket, static_cast<int>(p.seen + 1));
        return true;
    }
    if (verdict.kind == HeadVerdict::Kind::Refuse) {
        note(verdict.status,
             "api: " + std::to_string(verdict.status) + " before reading the body: " + verdict.reason);
        answerAndDrain(p, verdict.status, verdict.reason, false);
        return true;
    }
    size_t laneIndex = 0;
    try {
        laneIndex = std::min(m_classify(verdict.head), m_lanes.size() - 1);
    } catch (const std::exception&) {
        laneIndex = m_lanes.size() - 1;
    }
    {
        std::lock_guard lock(m_mutex);
        Lane& lane = m_lanes[laneIndex];
        const int inFlight = lane.running + static_cast<int>(lane.queue.size());
        if (inFlight < std::max(1, lane.policy.workers) + lane.policy.maxQueued) {
            setReceiveLowWater(p.socket, 1);
            lane.queue.push_back(p.socket);
            m_work.notify_all();
            return false;
        }
        ++lane.refusedBusy;
    }
    const std::string& name = m_lanes[laneIndex].policy.name;
    note(503, "api: 503, the " + name + " lane is full (" + printable(verdict.head.method) + " " +
                  printable(verdict.head.target, 80) + ")");
    answerAndDrain(p, 503, "too many " + name + " requests in flight; retry shortly", true);
    return true;
}

void ConnectionGate::note(int kind, const std::string& line) {
    const auto now = std::chrono::steady_clock::now();
    Quiet& quiet = m_quiet[kind];
    if (quiet.last.time_since_epoch().count() != 0 && now - quiet.last < std::chrono::seconds(1)) {
        ++quiet.unsaid;
        return;
    }
    m_report(quiet.unsaid == 0 ? line
                               : line + " (and " + std::to_string(quiet.unsaid) +
                                     " more like it since the last such line)");
    quiet.last = now;
    quiet.unsaid = 0;
}

void ConnectionGate::answerAndDrain(Pending& p, int status, const std::string& reason, bool retryLater) {
    const std::string body = toJsonText(nlohmann::json{{"ok", false}, {"error", reason}});
    std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reasonPhrase(status) +
                         "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\nConnection: close\r\n";
    if (retryLater) answer += "Retry-After: 1\r\n";
    answer += "\r\n" + body;
    // A short answer fits the socket's send buffer; a client that does not
    // read it loses it, never the gate its time.
    [[maybe_unused]] const ssize_t sent =
        ::send(p.socket, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(p.socket, SHUT_WR);
    setReceiveLowWater(p.socket, 1);
    p.closing = true;
    p.deadline = std::chrono::steady_clock::now() + kDrainTime;
}

void ConnectionGate::runWorker(size_t laneIndex) {
    yieldToTheProgram();
    Lane& lane = m_lanes[laneIndex];
    for (;;) {
        int socket = -1;
        {
            std::unique_lock lock(m_mutex);
            m_work.wait(lock, [&] { return m_stopping || !lane.queue.empty(); });
            if (lane.queue.empty()) return;
            socket = lane.queue.front();
            lane.queue.pop_front();
            ++lane.running;
        }
        try {
            m_serve(socket);
        } catch (const std::exception& error) {
            m_report(std::string("api: a request failed outside its handler: ") + printable(error.what()));
            closeSocket(socket);
        } catch (...) {
            m_report("api: a request failed outside its handler");
            closeSocket(socket);
        }
        std::lock_guard lock(m_mutex);
        --lane.running;
        ++lane.served;
    }
}

} // namespace hawker::studio
