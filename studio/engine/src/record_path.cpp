#include "hawker/studio/engine/record_path.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace hawker::studio {

std::filesystem::path expandTimePattern(const std::filesystem::path& path, std::time_t now) {
    std::string name = path.filename().string();
    const std::string pattern = "{time}";
    if (name.find(pattern) == std::string::npos) return path;
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    for (size_t at = name.find(pattern); at != std::string::npos; at = name.find(pattern, at))
        name.replace(at, pattern.size(), stamp);
    return path.parent_path() / name;
}

std::filesystem::path chooseRecordPath(const std::filesystem::path& path, bool overwrite, std::time_t now,
                                       const std::set<std::filesystem::path>& taken) {
    const std::filesystem::path wanted = expandTimePattern(path, now);
    auto used = [&](const std::filesystem::path& candidate) {
        std::error_code error;
        return taken.count(candidate) > 0 || std::filesystem::exists(candidate, error) || error;
    };
    if (!used(wanted) || (overwrite && !taken.count(wanted))) return wanted;
    for (int n = 2; n < 100000; ++n) {
        std::filesystem::path next = wanted;
        next.replace_filename(wanted.stem().string() + "-" + std::to_string(n) + wanted.extension().string());
        if (!used(next)) return next;
    }
    throw std::runtime_error("no free name for a recording beside " + wanted.string());
}

std::filesystem::path nextFreePart(const std::filesystem::path& first, int fromPart, int lastPart) {
    for (int part = std::max(fromPart, 2); part <= lastPart; ++part) {
        std::filesystem::path next = first;
        next.replace_filename(first.stem().string() + "-part" + std::to_string(part) +
                              first.extension().string());
        std::error_code error;
        if (!std::filesystem::exists(next, error) && !error) return next;
    }
    throw std::runtime_error("no free part name beside " + first.string() + " (parts up to " +
                             std::to_string(lastPart) + " all exist): move the old parts away");
}

} // namespace hawker::studio
