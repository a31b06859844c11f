#include "task_runner.hpp"

#include "hawker/studio/base/translations.hpp"

namespace hawker::studio::console {

TaskRunner::TaskRunner(ErrorSink onError) : m_onError(std::move(onError)) {
    for (Worker& worker : m_workers)
        worker.thread = std::thread([this, &worker] { workerLoop(worker); });
}

TaskRunner::~TaskRunner() {
    shutdown();
}

bool TaskRunner::run(Lane lane, const std::string& name, Work work) {
    Worker& worker = m_workers[lane == Lane::Commands ? 0 : 1];
    {
        std::lock_guard lock(m_mutex);
        if (m_exit || m_active.count(name) || worker.queue.size() >= kMaxPending) return false;
        auto progress = std::make_shared<TaskProgress>();
        m_active[name] = progress;
        worker.queue.push_back({name, std::move(work), std::move(progress)});
    }
    m_wake.notify_all();
    return true;
}

bool TaskRunner::busy(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    return m_active.count(name) > 0;
}

float TaskRunner::progress(const std::string& name) const {
    std::lock_guard lock(m_mutex);
    auto found = m_active.find(name);
    return found == m_active.end() ? -1.0f : found->second->get();
}

std::vector<std::string> TaskRunner::active() const {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> names;
    for (const auto& [name, progress] : m_active)
        names.push_back(name);
    return names;
}

void TaskRunner::doLater(Deferred call) {
    std::lock_guard lock(m_deferredMutex);
    m_deferred.push_back(std::move(call));
}

void TaskRunner::runDeferredCalls() {
    std::vector<Deferred> calls;
    {
        std::lock_guard lock(m_deferredMutex);
        calls.swap(m_deferred);
    }
    for (Deferred& call : calls)
        if (call) call();
}

void TaskRunner::workerLoop(Worker& worker) {
    for (;;) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_exit || !worker.queue.empty(); });
            if (worker.queue.empty()) return; // exit requested and nothing left to do
            job = std::move(worker.queue.front());
            worker.queue.pop_front();
        }
        Deferred result;
        try {
            result = job.work(*job.progress);
        } catch (const std::exception& error) {
            // A failed task is reported on the UI thread; the worker carries on.
            const std::string name = job.name, what = error.what();
            result = [this, name, what] { m_onError(name, what); };
        } catch (...) {
            const std::string name = job.name;
            result = [this, name] { m_onError(name, i18n::tr("console.unknown_error")); };
        }
        // The name is free again only once the UI has the result, so a button
        // cannot be pressed twice between the work and its outcome.
        const std::string name = job.name;
        doLater([this, name, result = std::move(result)] {
            {
                std::lock_guard lock(m_mutex);
                m_active.erase(name);
            }
            if (result) result();
        });
    }
}

void TaskRunner::shutdown() {
    {
        std::lock_guard lock(m_mutex);
        if (m_exit) return;
        m_exit = true;
    }
    m_wake.notify_all();
    for (Worker& worker : m_workers)
        if (worker.thread.joinable()) worker.thread.join();
}

} // namespace hawker::studio::console
