#include "hawker/studio/engine/stream_keys.hpp"

#include <cstdlib>
#include <stdexcept>

#include <toml++/toml.h>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/show/secrets_file.hpp"

namespace hawker::studio {

namespace {
std::string keyFromFile(const OutputSpec& output) {
    const toml::table table = readSecretsFile(output.keyFile, "output " + output.id);
    const toml::node* node = table.get(output.keyName);
    if (!node || !node->is_string())
        throw std::runtime_error("output " + output.id + ": key file " + output.keyFile.string() +
                                 " has no key '" + output.keyName + "'");
    return node->as_string()->get();
}
} // namespace

ResolvedTarget resolveOutputTarget(const OutputSpec& output) {
    std::string key;
    if (!output.keyEnv.empty()) {
        const char* value = std::getenv(output.keyEnv.c_str());
        if (!value || !*value)
            throw std::runtime_error("output " + output.id + ": environment variable " + output.keyEnv +
                                     " (its stream key) is not set");
        key = value;
    } else if (!output.keyFile.empty()) {
        key = keyFromFile(output);
    }
    // An SRT passphrase or a login in the URL stays masked even where a peer quotes it alone.
    registerUrlSecrets(output.url);
    if (key.empty()) return {output.url, maskSecrets(output.url)};
    registerSecret(key);
    std::string url = output.url;
    if (!url.empty() && url.back() != '/') url += '/';
    return {url + key, maskSecrets(url) + kMask};
}

} // namespace hawker::studio
