#pragma once
// Work the console must not do on its UI thread (commands that wait for the
// SQLite commit, report queries, exports) runs here as named tasks. A task's
// result comes back as a deferred call that the UI thread runs at the start
// of its next frame, so views only ever touch their own state on one thread.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hawker::studio::console {

/// How far a long task is (0..1), written by the task, read by the UI.
class TaskProgress {
public:
    void set(float fraction) { m_fraction = fraction; }
    float get() const { return m_fraction; }

private:
    std::atomic<float> m_fraction{0};
};

/// Independent queues, so a slow report never holds up a TAKE.
enum class Lane { Commands, Queries };

class TaskRunner {
public:
    using Deferred = std::function<void()>;
    /// Runs on a worker; returns what the UI thread does with the result (may be empty).
    using Work = std::function<Deferred(TaskProgress&)>;
    using ErrorSink = std::function<void(const std::string& task, const std::string& error)>;

    /// Past this many waiting tasks a lane refuses new work (the sender says so).
    static constexpr size_t kMaxPending = 128;

    explicit TaskRunner(ErrorSink onError);
    ~TaskRunner();
    TaskRunner(const TaskRunner&) = delete;
    TaskRunner& operator=(const TaskRunner&) = delete;

    /// Queues `work` under `name`. Refused (false) while a task of the same
    /// name is queued or running, or when the lane is full.
    bool run(Lane lane, const std::string& name, Work work);
    /// Whether a task of this name is queued or running (its controls are disabled meanwhile).
    bool busy(const std::string& name) const;
    /// The running task's progress, or a negative value when it is not running.
    float progress(const std::string& name) const;
    /// Names of queued and running tasks, for the status bar.
    std::vector<std::string> active() const;

    /// From any thread: `call` runs on the UI thread at its next frame start.
    void doLater(Deferred call);
    /// UI thread, at frame start.
    void runDeferredCalls();
    /// Lets the queued tasks run (each is one command or query), then stops the workers.
    void shutdown();

private:
    struct Job {
        std::string name;
        Work work;
        std::shared_ptr<TaskProgress> progress;
    };
    struct Worker {
        std::deque<Job> queue;
        std::thread thread;
    };
    void workerLoop(Worker& worker);

    ErrorSink m_onError;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_exit = false;
    Worker m_workers[2];
    std::map<std::string, std::shared_ptr<TaskProgress>> m_active; ///< queued or running, by name
    std::mutex m_deferredMutex;
    std::vector<Deferred> m_deferred;
};

} // namespace hawker::studio::console
