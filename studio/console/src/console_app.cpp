#include "hawker/studio/console/console_app.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define GL_SILENCE_DEPRECATION
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "console_context.hpp"
#include "console_fonts.hpp"
#include "console_settings.hpp"
#include "font_refresh.hpp"
#include "frame_pacer.hpp"
#include "hawker/capture/sample_window.hpp"
#include "hawker/studio/api/console_login.hpp"
#include "hawker/studio/api/control_api.hpp"
#include "hawker/studio/base/log.hpp"
#include "hawker/studio/base/translations.hpp"
#include "hawker/studio/engine/program_engine.hpp"
#include "hawker/studio/engine/status_lines.hpp"
#include "host_window.hpp"
#include "live_feed.hpp"
#include "panels.hpp"
#include "partial_redraw.hpp"
#include "screenshot.hpp"
#include "show_runner.hpp"
#include "ui_format.hpp"
#include "window_chrome.hpp"

namespace hawker::studio {

namespace {

using namespace console;

std::atomic<bool> g_closeSignal{false};
extern "C" void onCloseSignal(int) {
    g_closeSignal = true;
}

/// Keys that went down since the last frame read them (UI thread only).
std::set<int> g_keyPresses;
/// The desk's last input, for the frame pacing (UI thread only: GLFW calls
/// these while it polls or waits for events there).
std::optional<FramePacer::Clock::time_point> g_lastInput;
void noteInput() {
    g_lastInput = FramePacer::Clock::now();
}
/// The window system lost some of the window's pixels (it was covered, or
/// unmapped, without a compositor keeping them): the next frame shows it all.
bool g_exposed = false;
void onRefresh(GLFWwindow*) {
    g_exposed = true;
    noteInput(); // at once, not at the idle frame's time
}
void onKey(GLFWwindow*, int key, int, int action, int) {
    noteInput();
    if (action == GLFW_PRESS && key >= 0) g_keyPresses.insert(key);
}

void onGlfwError(int code, const char* description) {
    logWarning("GLFW error " + std::to_string(code) + ": " + (description ? description : ""));
}

/// The GLFW window and the ImGui context, torn down in the right order.
class ConsoleWindow {
public:
    ConsoleWindow(const ConsoleOptions& options, const std::string& title) {
        glfwSetErrorCallback(onGlfwError);
        if (!glfwInit())
            throw std::runtime_error(
                "cannot open a window: no display (is DISPLAY set? on a server run it under "
                "xvfb-run, or use 'hawker demo' / 'hawker run' without a window)");
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
        m_window = glfwCreateWindow(options.width, options.height, title.c_str(), nullptr, nullptr);
        if (!m_window) {
            glfwTerminate();
            throw std::runtime_error(
                "cannot create an OpenGL 3.3 window (is Mesa's libgl1-mesa-dri installed?)");
        }
        glfwMakeContextCurrent(m_window);
        glfwSwapInterval(1);
        // Set before ImGui's backend installs its own, which then calls these too
        // (it sets no cursor or size callback of its own).
        glfwSetKeyCallback(m_window, onKey);
        glfwSetCursorPosCallback(m_window, [](GLFWwindow*, double, double) { noteInput(); });
        glfwSetMouseButtonCallback(m_window, [](GLFWwindow*, int, int, int) { noteInput(); });
        glfwSetScrollCallback(m_window, [](GLFWwindow*, double, double) { noteInput(); });
        glfwSetCharCallback(m_window, [](GLFWwindow*, unsigned int) { noteInput(); });
        glfwSetFramebufferSizeCallback(m_window, [](GLFWwindow*, int, int) { noteInput(); });
        glfwSetWindowRefreshCallback(m_window, onRefresh);
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
    }
    ~ConsoleWindow() {
        if (m_backends) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplGlfw_Shutdown();
        }
        // The settings handler's storage and the .ini path belong to the
        // console, which is gone by now; the console saved the file itself.
        ImGui::GetIO().IniFilename = nullptr;
        ImGui::DestroyContext();
        glfwDestroyWindow(m_window);
        glfwTerminate();
    }
    void startBackends() {
        ImGui_ImplGlfw_InitForOpenGL(m_window, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        m_backends = true;
        const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
        logInfo(std::string("console: OpenGL ") + (version ? version : "?") + " on " +
                (renderer ? renderer : "?"));
    }
    GLFWwindow* get() const { return m_window; }
    /// The monitor's content scale (HiDPI): 2 on a "200 %" screen.
    float contentScale() const {
        float x = 1, y = 1;
        glfwGetWindowContentScale(m_window, &x, &y);
        return std::clamp(std::max(x, y), 1.0f, 4.0f);
    }

private:
    GLFWwindow* m_window = nullptr;
    bool m_backends = false;
};

std::set<pid_t> processThreads() {
    std::set<pid_t> threads;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task", error))
        threads.insert(static_cast<pid_t>(std::atoi(entry.path().filename().c_str())));
    return threads;
}

/// The program comes first: on a machine without a GPU the console's drawing
/// (the UI thread and software OpenGL's threads, all made with the window)
/// must never take CPU time the encoder needs, so those threads run at a
/// lower priority and the console's frames stretch instead of the program
/// dropping frames. Threads made later by the UI thread inherit it.
void lowerConsolePriority(const std::set<pid_t>& before) {
    // Default 4: a CFS weight of 423 against the program's 1024, so the console
    // yields without starving. HAWKER_CONSOLE_NICENESS (0-19) tunes it.
    int niceness = 4;
    if (const char* tuned = std::getenv("HAWKER_CONSOLE_NICENESS"); tuned && *tuned) {
        char* end = nullptr;
        const long value = std::strtol(tuned, &end, 10);
        if (!*end && value >= 0 && value <= 19) niceness = static_cast<int>(value);
    }
    for (pid_t thread : processThreads())
        if (!before.count(thread) || thread == static_cast<pid_t>(::syscall(SYS_gettid)))
            ::setpriority(PRIO_PROCESS, static_cast<id_t>(thread), niceness);
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), niceness);
}

void applyStyle(float scale) {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    // Square corners and no anti-aliased fringes: on software OpenGL every
    // fringe is more thin triangles to set up, and square edges need none.
    style.WindowRounding = 0;
    style.FrameRounding = 0;
    style.AntiAliasedFill = false;
    style.WindowPadding = ImVec2(8, 8);
    style.ItemSpacing = ImVec2(8, 6);
    style.ScaleAllSizes(scale);
    style.Colors[ImGuiCol_WindowBg].w = 1; // opaque where drawn: it is the clear colour too
}

/// Where each panel's window was last frame. A window that overlaps no other
/// skips its background: the clear colour is the same, and software OpenGL
/// (Xvfb, remote desktops) spends most of a frame filling those pixels.
using PanelRects = std::map<std::string, ImVec4>;

bool overlapsAnother(const PanelRects& rects, const std::string& title) {
    auto self = rects.find(title);
    if (self == rects.end()) return true;
    const ImVec4& a = self->second;
    for (const auto& [other, b] : rects)
        if (other != title && a.x < b.z - 1 && b.x < a.z - 1 && a.y < b.w - 1 && b.y < a.w - 1) return true;
    return false;
}

void drawPanels(ConsoleContext& context, std::vector<std::unique_ptr<Panel>>& panels, PanelRects& rects) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float statusHeight = ImGui::GetFrameHeight() + ImGui::GetStyle().WindowPadding.y;
    // Below the menu bar (whose height the viewport's work area only learns a frame later).
    const float menuHeight = ImGui::GetFrameHeight();
    const ImVec2 origin(viewport->Pos.x, viewport->Pos.y + menuHeight);
    const ImVec2 area(viewport->Size.x, viewport->Size.y - menuHeight - statusHeight);
    for (auto& panel : panels) {
        if (!panel->open()) continue;
        const PanelPlace& place = panel->place();
        ImGui::SetNextWindowPos(ImVec2(origin.x + place.x * area.x, origin.y + place.y * area.y),
                                ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(ImVec2(place.w * area.x, place.h * area.y), ImGuiCond_FirstUseEver);
        ImGuiWindowFlags flags = panel->windowFlags();
        if (!overlapsAnother(rects, panel->title())) flags |= ImGuiWindowFlags_NoBackground;
        // The title follows the language, the window's ID (its place in the .ini) does not.
        const bool visible = ImGui::Begin(panel->windowLabel().c_str(), &panel->open(), flags);
        const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        rects[panel->title()] = ImVec4(pos.x, pos.y, pos.x + size.x, pos.y + size.y);
        if (visible && panel->needsProgram() && !context.engine())
            ImGui::TextDisabled("%s", i18n::tr("console.no_program"));
        else if (visible)
            panel->drawContent(context);
        ImGui::End();
    }
    for (auto& panel : panels)
        if (!panel->open()) rects.erase(panel->title());
}

} // namespace

int runConsole(ConsoleOptions options, std::ostream& out) {
    g_closeSignal = false;
    struct sigaction action {};
    action.sa_handler = &onCloseSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    // The login first: a console the show file holds to a token opens
    // nothing (no window, no camera) without the right one.
    if (options.show && (options.show->api.consoleLogin == ConsoleLogin::Token || options.loginToken)) {
        const Actor login = consoleLogin(options.show->api, resolveApiTokens(options.show->api), options.role,
                                         options.who, options.loginToken);
        options.who = login.who;
        logInfo("console login " + login.who + " (" + toString(login.role) + ") by token");
    }
    options.loginToken.reset();
    if (options.who.empty()) {
        const char* user = std::getenv("USER");
        options.who = user && *user ? user : "console";
    }
    // The show first: a bad token or a taken port is reported before a window opens.
    std::unique_ptr<ShowRunner> runner;
    std::vector<std::string> texts;
    std::string title = "Hawker";
    if (options.show && options.role != Role::Merchandiser) {
        texts = showTexts(*options.show);
        // The host's prompter lists earlier shows' open actions before the first segment: their
        // characters go into the big fonts too.
        for (const std::string& text : openActionTexts(*options.show, options.engine.database))
            texts.push_back(text);
        title += " — " + options.show->name;
        runner = std::make_unique<ShowRunner>(std::move(*options.show), options.engine, out);
    }
    const std::string titleStem = title;
    title += std::string(" (") + toString(options.role) + ")";

    // The context (and its task threads, which start the program) before the
    // window, so only the window's own threads get the console's lower priority.
    ConsoleContext context(Actor{options.who, options.role}, runner ? &runner->engine() : nullptr,
                           options.engine.database, runner ? runner->tokens() : std::vector<ApiToken>{});
    context.setReviewSession(options.reviewSession);
    const std::set<pid_t> threadsBefore = processThreads();
    ConsoleWindow window(options, title);
    lowerConsolePriority(threadsBefore);
    auto panels = makePanels(options.role);
    // Tasks may hold a panel (their results go back to it): they end before the panels do, whichever way
    // this function is left.
    struct TasksEndFirst {
        TaskRunner& tasks;
        ~TasksEndFirst() { tasks.shutdown(); }
    } tasksEndFirst{context.tasks()};

    // Settings and layout: one file per login, read before the fonts (the UI scale is in it).
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    const std::string iniPath =
        (consoleConfigDir() / ("console-" + std::string(toString(options.role)) + ".ini")).string();
    ConsoleSettings& settings = context.settings();
    registerSettingsHandler(settings);
    ImGui::LoadIniSettingsFromDisk(iniPath.c_str());
    io.IniFilename = iniPath.c_str();
    // A layout saved before the titles followed the language named each window by its English title; the
    // window's ID is now "###title" whatever the language, so the old place and size move over once.
    for (auto& panel : panels) {
        const std::string stable = "###" + panel->title();
        if (ImGui::FindWindowSettings(ImHashStr(stable.c_str()))) continue;
        const ImGuiWindowSettings* old = ImGui::FindWindowSettings(ImHashStr(panel->title().c_str()));
        if (!old) continue;
        const ImVec2ih pos = old->Pos, size = old->Size;
        const bool collapsed = old->Collapsed;
        ImGuiWindowSettings* moved = ImGui::CreateNewWindowSettings(stable.c_str()); // `old` may move here
        moved->Pos = pos;
        moved->Size = size;
        moved->Collapsed = collapsed;
    }
    for (auto& panel : panels)
        if (auto found = settings.panelsOpen.find(panel->title()); found != settings.panelsOpen.end())
            panel->open() = found->second;
    // The language: --lang, else the one chosen in Settings, else the system locale's. --lang is for this
    // run only; a choice in the menu is saved.
    const std::optional<i18n::Language> saved = i18n::parseLanguage(settings.language);
    i18n::setLanguage(options.language ? *options.language : saved ? *saved : i18n::systemLanguage());
    logInfo(std::string("console language ") + i18n::languageCode(i18n::currentLanguage()));
    // The window opened before the language was known: its title names the role in it now.
    glfwSetWindowTitle(window.get(), (titleStem + " (" + roleLabel(options.role) + ")").c_str());

    const float scale = settings.uiScale > 0 ? settings.uiScale : window.contentScale();
    ConsoleFontSet fontSet;
    std::string fontWarning;
    context.fonts() = fontSet.load(scale, texts, fontWarning);
    if (!fontWarning.empty()) context.message(false, fontWarning);
    fontSet.fillCoverage(context.glyphCoverage());
    FontRefresh fontRefresh(fontSet);
    // Every character added to the desk's atlas since it opened, for a host window opened later.
    std::vector<char32_t> addedGlyphs;
    applyStyle(scale);
    window.startBackends();

    // A screenshot shows the desk as it is, without a tooltip where Xvfb parks the pointer.
    if (!options.screenshot.empty()) glfwSetCursorPos(window.get(), 0, 0);

    std::unique_ptr<LiveFeed> feed;
    if (runner) {
        feed = std::make_unique<LiveFeed>(runner->engine(), context.pictureSizes());
        if (const ControlApi* api = runner->api())
            feed->setConnectorHealth([api] { return api->connectorHealth(); });
        runner->startIn(context, [&feed] { feed->start(); });
    }

    MenuBar menu;
    std::unique_ptr<HostWindow> hostWindow;
    if (options.hostWindow) settings.hostWindow = true;
    PanelRects panelRects;
    FeedSizes feedSizes = context.pictureSizes();
    // The frame's work (build, draw, swap) without the pacing sleep; the UI's own part of it.
    capture::SampleWindow frameMs(2048), buildMs(2048);
    double shownFrameMs = 0;
    int64_t countedFrames = 0, idleFrames = 0, thriftyFrames = 0;
    bool quit = false, closing = false, fontFilterSet = false;
    int exitStatus = 0;
    GLenum lastGlError = GL_NO_ERROR;
    FramePacer pacer;
    PartialRedraw redraw;
    // A screenshot is taken after a number of frames: those come at the full rate.
    const bool alwaysFullRate = !options.screenshot.empty();
    while (true) {
        glfwPollEvents();
        const auto frameStart = FramePacer::Clock::now();
        if (g_lastInput) pacer.inputAt(*g_lastInput);
        pacer.frameStarted(frameStart);
        context.setPressedKeys(g_keyPresses);
        g_keyPresses.clear();
        if (glfwWindowShouldClose(window.get()) || g_closeSignal || quit) closing = true;
        if (closing) break;

        context.beginFrame(feed ? feed->latest() : nullptr);
        // Characters the last frame drew without a glyph go into a new atlas, built off this thread and
        // swapped in here, between two frames.
        if (context.glyphCoverage().hasPending()) fontRefresh.request(context.glyphCoverage().takePending());
        if (std::vector<char32_t> added = fontRefresh.swapIfReady(context.fonts()); !added.empty()) {
            fontFilterSet = false; // a new texture: its sampling is set again below
            redraw.invalidate();   // and new pixels under the same draw lists
            if (hostWindow) hostWindow->addGlyphs(added);
            addedGlyphs.insert(addedGlyphs.end(), added.begin(), added.end());
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();

        menu.draw(context, panels, quit);
        drawPanels(context, panels, panelRects);
        // The median sorts its window: once a second is enough for a status line.
        if (ImGui::GetFrameCount() % 30 == 0) shownFrameMs = frameMs.quantile(0.5);
        drawStatusBar(context, shownFrameMs);
        // Hotkeys are for the switcher, not for text being typed or a dialog being answered.
        if (!io.WantTextInput &&
            !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel))
            for (auto& panel : panels)
                panel->handleShortcuts(context);
        if (runner && !runner->started()) {
            const bool failed = !runner->failed().empty();
            ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always,
                                    ImVec2(0.5f, 0.5f));
            ImGui::Begin("##starting", nullptr,
                         ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoDecoration);
            if (failed)
                ImGui::TextColored(kTextBad, "%s",
                                   i18n::trf("console.start_failed", {{"reason", runner->failed()}}).c_str());
            else
                ImGui::TextUnformatted(i18n::tr("console.starting"));
            ImGui::End();
            if (failed && !options.screenshot.empty()) {
                exitStatus = 1;
                closing = true;
            }
        }
        for (auto& panel : panels)
            settings.panelsOpen[panel->title()] = panel->open();
        if (feed && !(context.pictureSizes() == feedSizes)) {
            feedSizes = context.pictureSizes();
            feed->setSizes(feedSizes);
        }

        ImGui::Render();
        const auto built = std::chrono::steady_clock::now();
        buildMs.add(std::chrono::duration<double, std::milli>(built - frameStart).count());
        int fbWidth = 0, fbHeight = 0;
        glfwGetFramebufferSize(window.get(), &fbWidth, &fbHeight);
        if (!fontFilterSet && io.Fonts->TexID) {
            // Glyphs are drawn 1:1 on whole pixels, so nearest sampling looks
            // the same as linear, and software OpenGL fills it much faster.
            // Set before the frame is drawn: a frame drawn in part keeps
            // the rest of the last one, which must have been drawn the same way.
            glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(io.Fonts->TexID)));
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
            glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
            fontFilterSet = true;
        }
        redraw.draw(*ImGui::GetDrawData(), fbWidth, fbHeight, ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
        if (const GLenum error = glGetError(); error != GL_NO_ERROR && error != lastGlError) {
            logWarning("GL error 0x" + [&] {
                char hex[16];
                std::snprintf(hex, sizeof hex, "%04x", error);
                return std::string(hex);
            }());
            lastGlError = error;
        }

        // Frames count once the program runs (or at once for a login without one).
        if (!runner || runner->started()) {
            ++countedFrames;
            if (pacer.idleAt(frameStart)) ++idleFrames;
            if (pacer.thrifty()) ++thriftyFrames;
        }
        if (!options.screenshot.empty() && countedFrames == options.afterFrames) {
            writeScreenshot(options.screenshot, fbWidth, fbHeight);
            const float sx = io.DisplayFramebufferScale.x, sy = io.DisplayFramebufferScale.y;
            out << "screenshot " << options.screenshot.string() << " " << fbWidth << "x" << fbHeight
                << " frames=" << countedFrames << std::endl;
            for (const auto& [name, r] : context.regions())
                out << "region " << name << " " << static_cast<int>(r[0] * sx) << " "
                    << static_cast<int>(r[1] * sy) << " " << static_cast<int>(r[2] * sx) << " "
                    << static_cast<int>(r[3] * sy) << std::endl;
            closing = true;
        }
        if (g_exposed) {
            g_exposed = false;
            redraw.showWhole();
        }
        redraw.present(window.get());
        frameMs.add(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frameStart).count());

        // The prompter's own window, after the desk's frame.
        if (hostWindow && (hostWindow->closed() || !settings.hostWindow)) {
            hostWindow.reset();
            settings.hostWindow = false;
        }
        if (!hostWindow && settings.hostWindow && runner) {
            try {
                hostWindow = std::make_unique<HostWindow>(window.get(), scale, texts);
                hostWindow->addGlyphs(addedGlyphs);
            } catch (const std::exception& error) {
                context.message(false, error.what());
                settings.hostWindow = false;
            }
        }
        if (hostWindow) {
            std::filesystem::path hostShot;
            if (closing && !options.screenshot.empty())
                hostShot = options.screenshot.parent_path() / (options.screenshot.stem().string() + "-host" +
                                                               options.screenshot.extension().string());
            hostWindow->draw(context, hostShot);
            if (!hostShot.empty()) out << "screenshot " << hostShot.string() << " host" << std::endl;
        }
        if (closing) break;

        // Wait for the next frame, handling the window's events meanwhile, so that
        // input wakes the desk at once. Bounded: each wait ends by its timeout.
        pacer.holdFullRate(alwaysFullRate || hostWindow || ImGui::IsAnyItemActive() || io.WantTextInput);
        pacer.setThrifty(context.live().status.shortOfCpu());
        for (int waits = 0; waits < 1000 && !g_closeSignal; ++waits) {
            if (g_lastInput) pacer.inputAt(*g_lastInput);
            const auto left = pacer.due() - FramePacer::Clock::now();
            if (left <= FramePacer::Clock::duration::zero()) break;
            glfwWaitEventsTimeout(std::chrono::duration<double>(left).count());
        }
    }

    // How long each step of the close takes goes to the log: the program is still on air until the last.
    auto lapStart = std::chrono::steady_clock::now();
    const auto lapMs = [&lapStart] {
        const auto now = std::chrono::steady_clock::now();
        const long ms =
            static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(now - lapStart).count());
        lapStart = now;
        return std::to_string(ms);
    };
    logInfo("console closing");
    hostWindow.reset();
    ImGui::SaveIniSettingsToDisk(iniPath.c_str());
    // The show ends with the window: outputs are flushed and closed properly.
    context.tasks().shutdown();
    const std::string tasksMs = lapMs();
    if (feed) feed->stop();
    const std::string feedMs = lapMs();
    if (runner) {
        runner->stop();
        logInfo("console closed: its tasks ended in " + tasksMs + " ms, the live feed in " + feedMs +
                " ms, the show in " + lapMs() + " ms");
        if (runner->engineStarted()) {
            const EngineStatus final = runner->engine().status();
            out << formatSummary(final);
            if (const LiveAnalytics* analytics = runner->engine().analytics())
                out << formatAnalytics(*analytics);
        }
    }
    out << "console frames=" << countedFrames << " frame_ms_median=" << frameMs.quantile(0.5)
        << " frame_ms_p99=" << frameMs.quantile(0.99) << " build_ms_median=" << buildMs.quantile(0.5)
        << " idle_frames=" << idleFrames << " thrifty_frames=" << thriftyFrames << redraw.summaryFields()
        << std::endl;
    return exitStatus;
}

} // namespace hawker::studio
