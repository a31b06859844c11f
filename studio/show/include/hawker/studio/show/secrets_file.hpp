#pragma once
// Secrets files: TOML files a show file names (stream keys, webhook app
// secrets) so that the secrets themselves never sit in the show file.

#include <filesystem>
#include <string>

#include <toml++/toml.h>

namespace hawker::studio {

/// The parsed file. Throws std::runtime_error starting with `owner` ("output
/// douyin", "webhook shopify") when it cannot be read or is not TOML; the
/// error gives the path and a line number, never the file's text (it holds
/// secrets).
toml::table readSecretsFile(const std::filesystem::path& path, const std::string& owner);

} // namespace hawker::studio
