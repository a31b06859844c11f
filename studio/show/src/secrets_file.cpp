#include "hawker/studio/show/secrets_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace hawker::studio {

toml::table readSecretsFile(const std::filesystem::path& path, const std::string& owner) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(owner + ": cannot read secrets file " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return toml::parse(text.str(), path.string());
    } catch (const toml::parse_error& error) {
        // Not error.what(): toml++ may quote the offending text, which could be a secret.
        throw std::runtime_error(owner + ": secrets file " + path.string() + " is not valid TOML (line " +
                                 std::to_string(error.source().begin.line) + ")");
    }
}

} // namespace hawker::studio
