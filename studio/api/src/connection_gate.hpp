#pragma once
// Every API connection passes this gate before a thread serves it. One gate
// thread holds the connections whose request head has not fully arrived
// (idle and slow clients cost a descriptor, not a thread), refuses heads that
// break the limits, and hands each complete request to the lane of its
// sender's role. Each lane has its own workers and a bound on what it may
// hold, so an ingest flood or a slow report queues behind itself while an
// operator's take is served on a lane nobody else can fill.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hawker/studio/api/request_head.hpp"

namespace hawker::studio {

struct GateLane {
    std::string name;
    int workers = 1;   ///< requests it serves at once
    int maxQueued = 4; ///< complete requests it keeps waiting; beyond them: 503 + Retry-After
};

struct GateLaneStats {
    std::string name;
    uint64_t served = 0, refusedBusy = 0;
    int running = 0, queued = 0;
};

class ConnectionGate {
public:
    /// The lane (index into the lanes) for a complete, acceptable head.
    using Classify = std::function<size_t(const RequestHead&)>;
    /// Serves one request on an accepted socket and closes it.
    using Serve = std::function<void(int socket)>;
    /// One line per refused connection (already made printable).
    using Report = std::function<void(const std::string& line)>;

    ConnectionGate(HttpLimits limits, std::vector<GateLane> lanes, Classify classify, Serve serve,
                   Report report);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    /// Takes a freshly accepted socket; never blocks.
    void admit(int socket);
    /// Closes every connection still waiting and joins the threads.
    void stop();
    std::vector<GateLaneStats> stats() const;
    /// Connections waiting for their head to arrive.
    size_t pending() const;

private:
    struct Pending {
        int socket = -1;
        std::chrono::steady_clock::time_point deadline;
        size_t seen = 0;      ///< bytes peeked at the last look
        bool closing = false; ///< answered; draining what the client still sends
        size_t drained = 0;
    };
    struct Lane {
        GateLane policy;
        std::deque<int> queue;
        int running = 0;
        uint64_t served = 0, refusedBusy = 0;
        std::vector<std::thread> workers;
    };
    void runGate();
    void runWorker(size_t lane);
    /// Looks at a pending connection's bytes; false when it left the gate.
    bool examine(Pending& pending);
    void answerAndDrain(Pending& pending, int status, const std::string& reason, bool retryLater);
    void wake();
    /// Reports a refusal of kind `kind` (its status): the first at once, then
    /// at most one line a second per kind with how many were left unsaid, so
    /// a flood cannot flood the log.
    void note(int kind, const std::string& line);

    HttpLimits m_limits;
    Classify m_classify;
    Serve m_serve;
    Report m_report;
    int m_wakeFd = -1;
    struct Quiet {
        std::chrono::steady_clock::time_point last;
        uint64_t unsaid = 0;
    };
    std::map<int, Quiet> m_quiet; ///< note()'s state per kind (gate thread only)

    mutable std::mutex m_mutex;
    std::condition_variable m_work;
    std::vector<int> m_admitted; ///< accepted, not yet seen by the gate thread
    std::deque<Lane> m_lanes;    ///< a deque: lanes hold threads and never move
    size_t m_pendingCount = 0;
    bool m_stopping = false;
    std::thread m_gate;
};

} // namespace hawker::studio
