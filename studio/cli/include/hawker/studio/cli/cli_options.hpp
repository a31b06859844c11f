#pragma once
// A small command-line parser with the error messages of docs/DESIGN.md's
// contract: one line, naming the offending argument.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace hawker::studio {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ParsedArgs {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values; ///< --name VALUE
    std::set<std::string> flags;               ///< --name

    bool flag(const std::string& name) const { return flags.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    /// A positive number of seconds, or nullopt when the option is absent.
    std::optional<double> seconds(const std::string& name) const;
    /// A whole number 0 or more (ids, UTC milliseconds), or nullopt when absent.
    std::optional<int64_t> integer(const std::string& name) const;
    /// The option's value; a UsageError when it is absent or empty.
    std::string required(const std::string& name) const;
};

/// `valueOptions` take an argument, `flagOptions` do not; anything else is a UsageError.
ParsedArgs parseArgs(const std::vector<std::string>& args, const std::set<std::string>& valueOptions,
                     const std::set<std::string>& flagOptions);

} // namespace hawker::studio
