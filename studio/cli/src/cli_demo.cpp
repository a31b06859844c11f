// `hawker demo`: the built-in demo show, run headless into a folder, then
// its review. The console (`hawker gui` without a show file) runs the same show.

#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_commands.hpp"
#include "hawker/studio/base/assets.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/cli/headless_runner.hpp"
#include "hawker/studio/engine/record_path.hpp"
#include "hawker/studio/report/report_html.hpp"
#include "hawker/studio/report/session_report.hpp"
#include "hawker/studio/store/database.hpp"

namespace hawker::studio {

namespace {

/// The demo's API tokens: random, one per role, readable only by this user;
/// made once per output folder so scripts can keep using them.
void writeDemoTokens(const std::filesystem::path& path) {
    if (std::filesystem::exists(path)) return;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw std::runtime_error("cannot create " + path.string());
    std::ifstream random("/dev/urandom", std::ios::binary);
    std::string text = "# Bearer tokens of the demo's control API (docs/API.md). Keep this file private.\n";
    for (const RoleInfo& info : allRoles()) {
        if (!info.person) continue;
        unsigned char bytes[16];
        random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
        std::string token;
        for (unsigned char b : bytes) {
            token += "0123456789abcdef"[b >> 4];
            token += "0123456789abcdef"[b & 15];
        }
        text += std::string(info.name) + " = \"" + token + "\"\n";
    }
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!written || !random) throw std::runtime_error("cannot write " + path.string());
}

} // namespace

ShowSpec loadDemoShow(const std::filesystem::path& out) {
    std::error_code error;
    std::filesystem::create_directories(out, error);
    if (error) throw std::runtime_error("cannot create " + out.string() + ": " + error.message());
    const std::filesystem::path demoFile = assetsDir() / "shows" / "demo.toml";
    if (!std::filesystem::is_regular_file(demoFile))
        throw std::runtime_error("demo show not found at " + demoFile.string() + " (set HAWKER_ASSETS)");
    ShowSpec show = loadShowFile(demoFile);
    // The demo's pictures come with the assets; its recordings, its session
    // and its API tokens go to `out`.
    for (OutputSpec& output : show.outputs)
        if (output.kind == hawker::capture::OutputKind::Record) output.path = out / output.path.filename();
    const std::filesystem::path tokens = out / "api-tokens.toml";
    writeDemoTokens(tokens);
    for (ApiTokenSpec& token : show.api.tokens)
        token.tokenFile = tokens;
    return show;
}

int commandDemo(const DemoArgs& args) {
    const std::filesystem::path out = std::filesystem::absolute(args.out);
    EngineOptions options;
    options.offline = args.offline;
    options.overwrite = args.overwrite;
    options.durationSeconds = args.duration;
    options.database = out / "hawker.db";
    openLogFile(logFilePath(options.database));
    ShowSpec show = loadDemoShow(out);
    // The recording goes beside an earlier demo's (program-2.mkv, ...), and the
    // last line says which file it is.
    std::filesystem::path recording = out / "program.mkv";
    for (OutputSpec& output : show.outputs)
        if (output.kind == hawker::capture::OutputKind::Record)
            recording = output.path = chooseRecordPath(output.path, options.overwrite, std::time(nullptr));
    const std::filesystem::path tokens = out / "api-tokens.toml";
    int64_t sessionId = 0;
    const int status = runHeadless(std::move(show), options, std::cout, &sessionId);
    // The review of the show just run: what a merchandiser opens next.
    Database database(options.database);
    const nlohmann::json report = buildSessionReport(database, sessionId);
    i18n::setLanguage(args.language.value_or(i18n::systemLanguage())); // report.html's words
    std::ofstream(out / "report.json", std::ios::trunc) << report.dump(2) << "\n";
    std::ofstream(out / "report.html", std::ios::trunc) << renderReportHtml(report);
    const auto& s = report["summary"];
    std::cout << "report uv=" << s["uv"] << " paid_orders=" << s["paid_orders"]
              << " gmv_cents=" << s["gmv_cents"] << " conversion_rate=" << s["conversion_rate"] << std::endl;
    std::cout << "wrote " << recording.string() << ", " << options.database.string() << ", "
              << (out / "report.html").string() << " and " << (out / "report.json").string()
              << " (API tokens in " << tokens.string() << ", the log in "
              << logFilePath(options.database).string() << ")" << std::endl;
    return status;
}

} // namespace hawker::studio
