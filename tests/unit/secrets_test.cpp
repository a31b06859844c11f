#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "hawker/studio/base/log.hpp"
#include "hawker/studio/engine/stream_keys.hpp"

using namespace hawker::studio;

TEST(Secrets, RegisteredStreamKeysAreMaskedEverywhere) {
    registerSecret("live_123456_abcdef");
    EXPECT_EQ(maskSecrets("rtmp://x/app/live_123456_abcdef failed"), "rtmp://x/app/**** failed");
    EXPECT_EQ(maskSecrets("a live_123456_abcdef b live_123456_abcdef"), "a **** b ****");
    EXPECT_EQ(maskSecrets("nothing here"), "nothing here");
}

TEST(Secrets, StreamKeyFromTheEnvironment) {
    setenv("HAWKER_TEST_KEY", "sk-env-998877", 1);
    OutputSpec out;
    out.id = "douyin";
    out.url = "rtmp://127.0.0.1/live";
    out.keyEnv = "HAWKER_TEST_KEY";
    const ResolvedTarget target = resolveOutputTarget(out);
    EXPECT_EQ(target.url, "rtmp://127.0.0.1/live/sk-env-998877");
    EXPECT_EQ(target.display, "rtmp://127.0.0.1/live/****");
    EXPECT_EQ(maskSecrets(target.url), target.display);
}

TEST(Secrets, MissingEnvironmentKeyIsAClearError) {
    unsetenv("HAWKER_TEST_MISSING");
    OutputSpec out;
    out.id = "tiktok";
    out.url = "rtmp://127.0.0.1/live";
    out.keyEnv = "HAWKER_TEST_MISSING";
    try {
        resolveOutputTarget(out);
        FAIL() << "no error";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("HAWKER_TEST_MISSING"), std::string::npos);
        EXPECT_NE(std::string(error.what()).find("tiktok"), std::string::npos);
    }
}

TEST(Secrets, StreamKeyFromASecretsFile) {
    const auto dir = std::filesystem::temp_directory_path() / "hawker-secrets-test";
    std::filesystem::create_directories(dir);
    const auto file = dir / "secrets.toml";
    std::ofstream(file) << "kuaishou = \"ks-file-554433\"\n";
    OutputSpec out;
    out.id = "ks";
    out.url = "rtmp://127.0.0.1/live/";
    out.keyFile = file;
    out.keyName = "kuaishou";
    EXPECT_EQ(resolveOutputTarget(out).url, "rtmp://127.0.0.1/live/ks-file-554433");
    out.keyName = "absent";
    EXPECT_THROW(resolveOutputTarget(out), std::runtime_error);
    std::filesystem::remove_all(dir);
}

TEST(Secrets, AStreamKeyUrlWithALoginShowsNeither) {
    setenv("HAWKER_TEST_KEY2", "sk-env-551122", 1);
    OutputSpec out;
    out.id = "tiktok";
    out.url = "rtmp://pusher:LoginPass-7781@127.0.0.1/live";
    out.keyEnv = "HAWKER_TEST_KEY2";
    const ResolvedTarget target = resolveOutputTarget(out);
    EXPECT_EQ(target.url, "rtmp://pusher:LoginPass-7781@127.0.0.1/live/sk-env-551122");
    EXPECT_EQ(target.display, "rtmp://****@127.0.0.1/live/****");
    EXPECT_EQ(maskSecrets("peer said LoginPass-7781"), "peer said ****")
        << "the URL's password is registered";
}
