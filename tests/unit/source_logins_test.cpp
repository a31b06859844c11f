// Cameras' logins stay out of the stored show state and come back on resume
// from their own file beside the database.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "hawker/studio/base/secret_mask.hpp"
#include "hawker/studio/show/show_state_json.hpp"
#include "hawker/studio/show/source_logins.hpp"

using namespace hawker::studio;
namespace fs = std::filesystem;

namespace {
ShowState stateWithLogins() {
    ShowState state;
    state.program = state.preview = "wide";
    state.addedSources.push_back(
        AddedSource{"phone", "rtsp://viewer:Ph0ne-Pass-8812@10.0.0.7/live", "", "手机", "wide"});
    state.addedSources.push_back(AddedSource{"plain", "udp://127.0.0.1:5000", "", "", "wide"});
    state.sourceTargets["cam"] = {"srt://10.0.0.9:9000?passphrase=Srt-Passphrase-4471&mode=caller", ""};
    return state;
}
std::string slurp(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}
} // namespace

TEST(SourceLogins, TheStoredStateHasNoLoginAndTheFileBesideItDoes) {
    const fs::path dir = fs::temp_directory_path() / ("hawker-logins-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path db = dir / "hawker.db";
    const ShowState state = stateWithLogins();

    const std::string stored = storedStateJson(state);
    EXPECT_EQ(stored.find("Ph0ne-Pass-8812"), std::string::npos) << stored;
    EXPECT_EQ(stored.find("Srt-Passphrase-4471"), std::string::npos) << stored;
    EXPECT_NE(stored.find("rtsp://****@10.0.0.7/live"), std::string::npos) << stored;

    SourceLogins(db, 7).keep(state);
    const fs::path file = SourceLogins::fileFor(db);
    EXPECT_EQ(file, dir / "hawker.db.logins");
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "readable by its owner only";
    EXPECT_NE(slurp(file).find("Ph0ne-Pass-8812"), std::string::npos);
    EXPECT_EQ(slurp(file).find("udp://127.0.0.1:5000"), std::string::npos) << "only URLs with a login";

    // A resumed show reads the masked state back and gets the logins from the file.
    ShowState restored = state;
    restored.addedSources = {};
    restored.sourceTargets = {};
    const nlohmann::json parsed = nlohmann::json::parse(stored);
    for (const auto& a : parsed.at("added_sources"))
        restored.addedSources.push_back(
            AddedSource{a.at("id"), a.at("url"), a.at("format"), a.at("name"), a.at("slots_from")});
    for (const auto& [id, t] : parsed.at("source_targets").items())
        restored.sourceTargets[id] = {t.at("url"), t.at("format")};
    EXPECT_TRUE(SourceLogins(db, 7).restoreInto(restored).empty());
    EXPECT_EQ(restored.addedSources, state.addedSources);
    EXPECT_EQ(restored.sourceTargets, state.sourceTargets);

    // Another session of the same database has no logins of its own: they are named, not guessed.
    ShowState other = restored;
    for (auto& source : other.addedSources)
        source.url = maskSecrets(source.url);
    const std::vector<std::string> missing = SourceLogins(db, 8).restoreInto(other);
    EXPECT_EQ(missing, std::vector<std::string>{"phone"});

    // A camera removed takes its login out of the file.
    ShowState fewer = state;
    fewer.addedSources.erase(fewer.addedSources.begin());
    SourceLogins(db, 7).keep(fewer);
    EXPECT_EQ(slurp(file).find("Ph0ne-Pass-8812"), std::string::npos);
    fs::remove_all(dir);
}
