#pragma once
// A smallest show with an [api] section, for the tests of what the show file
// says about webhooks and connectors, and the error one addition makes.

#include <gtest/gtest.h>

#include <string>

#include "hawker/studio/show/show_file.hpp"

namespace hawker::studio::test {

inline const std::string kShowWithApi = R"(
[[sources]]
id = "cam"
format = "lavfi"
url = "testsrc2"
[[scenes]]
id = "main"
layers = [ { kind = "source", source = "cam", rect = [0, 0, 1080, 1920] } ]
[api]
tokens = [ { name = "deck", role = "operator", token_env = "X" } ]
)";

/// The ShowFileError that kShowWithApi + `addition` raises; a test failure when it parses.
inline std::string showErrorOf(const std::string& addition) {
    try {
        parseShow(kShowWithApi + addition, "show.toml", "/shows");
    } catch (const ShowFileError& error) {
        return error.what();
    }
    ADD_FAILURE() << "no error for:\n" << addition;
    return {};
}

} // namespace hawker::studio::test
