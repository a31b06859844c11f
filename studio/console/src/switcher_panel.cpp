#include "switcher_panel.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <GLFW/glfw3.h>

#include "hawker/studio/show/added_sources.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

bool sceneUsesSource(const SceneSpec& scene, const std::string& source) {
    return std::any_of(scene.layers.begin(), scene.layers.end(), [&](const LayerSpec& layer) {
        return layer.kind == LayerSpec::Kind::Source && layer.source == source;
    });
}

const SceneSpec* findScene(const std::vector<SceneSpec>& scenes, const std::string& id) {
    for (const SceneSpec& scene : scenes)
        if (scene.id == id) return &scene;
    return nullptr;
}

/// The GLFW key that selects a scene into preview: its hotkey from the show
/// file, else its position (1–9).
int sceneKey(const SceneSpec& scene, size_t index) {
    std::string name = scene.hotkey;
    for (char& c : name)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!name.empty()) return keyFromName(name);
    return index < 9 ? GLFW_KEY_1 + static_cast<int>(index) : 0;
}

/// The scenes to switch between: the live feed's (with added cameras), or
/// the show file's until the feed's first sample, so no early key is lost.
const std::vector<SceneSpec>& switchableScenes(ConsoleContext& context) {
    const std::vector<SceneSpec>& live = context.live().scenes;
    return live.empty() ? context.engine()->show().scenes : live;
}

} // namespace

SwitcherPanel::SwitcherPanel() : Panel("Switcher", trKey("switcher.title"), PanelPlace{0, 0, 0.5f, 1}) {}

void SwitcherPanel::drawContent(ConsoleContext& context) {
    const float width = ImGui::GetContentRegionAvail().x;
    drawMultiview(context, width);
    ImGui::Separator();
    drawMonitors(context, width);
    ImGui::Separator();
    drawControls(context);
}

void SwitcherPanel::drawMultiview(ConsoleContext& context, float width) {
    const LiveSnapshot& live = context.live();
    const ShowState* state = live.state.get();
    const SceneSpec* program = state ? findScene(live.scenes, state->program) : nullptr;
    const SceneSpec* preview = state ? findScene(live.scenes, state->preview) : nullptr;
    const size_t count = live.cameras.size();
    if (m_sources.size() != count) {
        m_sources.clear();
        for (size_t i = 0; i < count; ++i)
            m_sources.push_back(std::make_unique<GlTexture>());
    }
    const int columns = std::max(1, std::min(static_cast<int>(count), 4));
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float tileW = (width - spacing * (columns - 1)) / columns;
    const float tileH = std::floor(tileW * 9.0f / 16.0f);
    const ImVec2 pixels = ImGui::GetIO().DisplayFramebufferScale;
    context.pictureSizes().source =
        cv::Size(static_cast<int>(tileW * pixels.x), static_cast<int>(tileH * pixels.y));
    for (size_t i = 0; i < count; ++i) {
        const std::string& id = live.cameras[i];
        if (i < live.sources.size()) m_sources[i]->update(live.sources[i]);
        if (i % columns != 0) ImGui::SameLine();
        ImGui::BeginGroup();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        drawPicture(*m_sources[i], ImVec2(tileW, tileH), tr("switcher.no_picture"));
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 end(origin.x + tileW, origin.y + tileH);
        // Tally: red when the program shows the source, green when only the preview does.
        const bool onProgram = program && sceneUsesSource(*program, id);
        const bool onPreview = preview && sceneUsesSource(*preview, id);
        if (onProgram || onPreview)
            // The stroke is centred on its path: inset by half of it so the whole border is inside the tile.
            draw->AddRect(ImVec2(origin.x + 2.5f, origin.y + 2.5f), ImVec2(end.x - 2.5f, end.y - 2.5f),
                          onProgram ? kTallyProgram : kTallyPreview, 0, 0, 5.0f);
        context.markRegion("tile:" + id, origin.x, origin.y, end.x, end.y);
        // Health badge and name along the tile's foot.
        const capture::SourceStats* stats = nullptr;
        for (const auto& s : live.status.sources)
            if (s.id == id) stats = &s;
        const ImVec2 foot(origin.x + 6, end.y - ImGui::GetTextLineHeight() - 6);
        draw->AddRectFilled(ImVec2(origin.x + 3, foot.y - 2), ImVec2(end.x - 3, end.y - 3),
                            IM_COL32(0, 0, 0, 160));
        const ImU32 health = stats ? ImGui::ColorConvertFloat4ToU32(sourceStateColor(stats->state))
                                   : IM_COL32(120, 120, 120, 255);
        draw->AddCircleFilled(ImVec2(foot.x + 6, foot.y + ImGui::GetTextLineHeight() / 2), 5, health);
        std::string label = id;
        if (stats && stats->state != capture::SourceState::Live)
            label += "  " + std::string(sourceStateLabel(stats->state));
        draw->AddText(ImVec2(foot.x + 16, foot.y), IM_COL32_WHITE, label.c_str());
        ImGui::EndGroup();
    }
}

namespace {

/// What each output's platform app covers, shaded over the picture at [min, max] with the area that stays
/// visible outlined; the theme's safe area when no output's profile has one.
void drawSafeAreas(const ShowSpec& show, ImVec2 min, ImVec2 max) {
    // What each platform's app leaves visible, in canvas pixels (an output's bars taken into account).
    std::vector<std::pair<std::string, cv::Rect>> areas;
    for (const OutputSpec& output : show.outputs) {
        const std::optional<cv::Rect> visible = safeAreaOnCanvas(show, output);
        if (!visible || std::any_of(areas.begin(), areas.end(), [&](const auto& a) {
                return a.first == output.profile->id && a.second == *visible;
            }))
            continue;
        areas.emplace_back(output.profile->id, *visible);
    }
    const cv::Size canvas(show.width, show.height);
    if (areas.empty())
        areas.emplace_back("theme", show.graphics.safeArea.value_or(overlay::SafeArea{}).visible(canvas));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float sx = (max.x - min.x) / static_cast<float>(canvas.width);
    const float sy = (max.y - min.y) / static_cast<float>(canvas.height);
    float labelY = min.y + 4;
    for (const auto& [name, visible] : areas) {
        const ImVec2 a(min.x + static_cast<float>(visible.x) * sx,
                       min.y + static_cast<float>(visible.y) * sy);
        const ImVec2 b(min.x + static_cast<float>(visible.br().x) * sx,
                       min.y + static_cast<float>(visible.br().y) * sy);
        const ImU32 shade = IM_COL32(230, 60, 60, 45);
        draw->AddRectFilled(min, ImVec2(max.x, a.y), shade);
        draw->AddRectFilled(ImVec2(min.x, b.y), max, shade);
        draw->AddRectFilled(ImVec2(min.x, a.y), ImVec2(a.x, b.y), shade);
        draw->AddRectFilled(ImVec2(b.x, a.y), ImVec2(max.x, b.y), shade);
        draw->AddRect(a, b, IM_COL32(255, 200, 60, 220), 0, 0, 1.5f);
        const std::string label = trf("switcher.safe_area", {{"platform", name}});
        const ImVec2 at(a.x + 4, labelY), size = ImGui::CalcTextSize(label.c_str());
        draw->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + size.x + 2, at.y + size.y),
                            IM_COL32(0, 0, 0, 170));
        draw->AddText(at, IM_COL32(255, 200, 60, 255), label.c_str());
        labelY += ImGui::GetTextLineHeight();
    }
}

} // namespace

void SwitcherPanel::drawMonitors(ConsoleContext& context, float width) {
    const LiveSnapshot& live = context.live();
    m_preview.update(live.preview);
    m_program.update(live.program);
    const ShowSpec& show = context.engine()->show();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float monitorW = (width - spacing) / 2;
    const float aspect = show.width > 0 ? static_cast<float>(show.height) / show.width : 16.0f / 9.0f;
    const float room = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 4;
    const float monitorH = std::floor(std::max(120.0f, std::min(monitorW * aspect, room)));
    const ImVec2 pixels = ImGui::GetIO().DisplayFramebufferScale;
    context.pictureSizes().monitor =
        cv::Size(static_cast<int>(monitorW * pixels.x), static_cast<int>(monitorH * pixels.y));
    const ShowState* state = live.state.get();
    bool guide = context.settings().safeAreaGuide;
    bool editing = context.settings().layoutEdit;
    auto monitor = [&](GlTexture& texture, const char* label, const std::string& scene, ImU32 tally,
                       const char* region) {
        ImGui::BeginGroup();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(tally));
        ImGui::Text("%s", label);
        ImGui::PopStyleColor();
        ImGui::SameLine();
        ImGui::Text("%s", scene.c_str());
        const auto [min, max] =
            drawPicture(texture, ImVec2(monitorW, monitorH), tr("switcher.waiting_program"));
        ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - 2, min.y - 2), ImVec2(max.x + 2, max.y + 2), tally,
                                            0, 0, 3.0f);
        context.markRegion(region, min.x, min.y, max.x, max.y);
        if (guide && !texture.empty()) drawSafeAreas(show, min, max);
        // The preview's layout is edited on the picture itself (the Layout panel switches it on).
        if (editing && state && !texture.empty())
            if (const auto previewed = sceneInPreview(show, *state, state->preview))
                m_editor.draw(context, *previewed, min, max);
        ImGui::EndGroup();
    };
    std::string previewLabel = state ? state->preview : "";
    if (state && state->layouts.draft.count(state->preview))
        previewLabel += "  " + std::string(tr("layout.not_on_air"));
    monitor(m_preview, tr("switcher.preview"), previewLabel, kTallyPreview, "preview_monitor");
    guide = editing = false; // the guide and the editing are for what is not on air yet
    ImGui::SameLine();
    std::string programLabel = state ? state->program : "";
    if (state && state->active)
        programLabel +=
            "  → " + state->active->toScene + " " + formatPercent(state->active->progress(live.programMs), 0);
    monitor(m_program, tr("switcher.program"), programLabel, kTallyProgram, "program_monitor");
}

void SwitcherPanel::drawControls(ConsoleContext& context) {
    const std::vector<SceneSpec>& scenes = switchableScenes(context);
    const ShowState* state = context.live().state.get();
    if (state && !m_fadeMsFromShow) {
        m_fadeMs = state->transitionMs > 0 ? state->transitionMs : 500;
        m_fadeMsFromShow = true;
    }
    const bool busy = context.busy("switch");
    ImGui::BeginDisabled(!context.may("preview") || busy);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    for (size_t i = 0; i < scenes.size(); ++i) {
        const SceneSpec& scene = scenes[i];
        const bool isProgram = state && state->program == scene.id;
        const bool isPreview = state && state->preview == scene.id;
        // Program wins when a scene is on both buses (a cut to the previewed scene).
        const bool tinted = isProgram || isPreview;
        if (tinted)
            ImGui::PushStyleColor(ImGuiCol_Button,
                                  isProgram ? ImVec4(0.75f, 0.12f, 0.12f, 1) : ImVec4(0.12f, 0.6f, 0.22f, 1));
        const int key = sceneKey(scene, i);
        const std::string label = (key ? "[" + keyName(key) + "] " : std::string()) +
                                  (scene.name.empty() ? scene.id : scene.name) + "##scene" + scene.id;
        // Scenes added during the show make the row longer: it wraps rather than running off the panel.
        const float buttonW = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + style.FramePadding.x * 2;
        if (i > 0 && ImGui::GetItemRectMax().x + style.ItemSpacing.x + buttonW <= right) ImGui::SameLine();
        if (ImGui::Button(label.c_str())) context.send(Command::preview(scene.id), "switch");
        if (tinted) ImGui::PopStyleColor();
    }
    ImGui::EndDisabled();

    ImGui::BeginDisabled(!context.may("take") || busy || !state);
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.7f, 0.1f, 0.1f, 1));
    ImGui::PushFont(context.fonts().large ? context.fonts().large : ImGui::GetFont());
    if (ImGui::Button(trId("switcher.take").c_str())) take(context, std::nullopt);
    context.markRegion("switcher_take", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                       ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Button(trId("switcher.cut").c_str())) take(context, TransitionKind::Cut);
    ImGui::SameLine();
    if (ImGui::Button(trId("switcher.fade").c_str())) take(context, TransitionKind::Fade);
    ImGui::SameLine();
    if (context.engine() && context.engine()->show().stinger) {
        if (ImGui::Button(trId("switcher.stinger").c_str())) take(context, TransitionKind::Stinger);
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(140);
    ImGui::SliderInt(trId("switcher.fade_ms").c_str(), &m_fadeMs, 100, 3000);
    if (ImGui::IsItemDeactivatedAfterEdit())
        context.send(Command::setTransition(std::nullopt, m_fadeMs), "switch");
    ImGui::EndDisabled();
    if (state)
        ImGui::TextDisabled("%s",
                            trf("switcher.transition",
                                {{"kind", tr(labelKey(state->transition))},
                                 {"ms", std::to_string(state->transitionMs)},
                                 {"key", context.settings().takeKey ? keyName(context.settings().takeKey)
                                                                    : std::string(tr("menu.take_default"))}})
                                .c_str());
}

Command SwitcherPanel::takeCommand(std::optional<TransitionKind> kind) const {
    Command command = Command::take();
    command.transition = kind;
    if (kind == TransitionKind::Fade) command.transitionMs = m_fadeMs;
    return command;
}

void SwitcherPanel::take(ConsoleContext& context, std::optional<TransitionKind> kind) {
    context.send(takeCommand(kind), "switch");
}

void SwitcherPanel::handleShortcuts(ConsoleContext& context) {
    if (!context.engine() || !context.may("take")) return;
    constexpr size_t kMaxKeyed = 8; // a stuck key cannot queue up a backlog of switches
    auto keyed = [&](Command command) {
        if (m_keyed.size() < kMaxKeyed) m_keyed.emplace_back(context.now(), std::move(command));
    };
    const std::vector<SceneSpec>& scenes = switchableScenes(context);
    // Ctrl with a key is the Layout panel's (Ctrl+Z, Ctrl+S), never a scene's hotkey.
    for (size_t i = 0; i < scenes.size() && !ImGui::GetIO().KeyCtrl; ++i) {
        const int key = sceneKey(scenes[i], i);
        if (key && context.keyPressed(key)) keyed(Command::preview(scenes[i].id));
    }
    const ConsoleSettings& settings = context.settings();
    const bool takeKey = settings.takeKey
                             ? context.keyPressed(settings.takeKey)
                             : context.keyPressed(GLFW_KEY_SPACE) || context.keyPressed(GLFW_KEY_ENTER) ||
                                   context.keyPressed(GLFW_KEY_KP_ENTER);
    if (takeKey)
        keyed(takeCommand(std::nullopt));
    else if (settings.cutKey && context.keyPressed(settings.cutKey))
        keyed(takeCommand(TransitionKind::Cut));
    while (!m_keyed.empty() && context.now() - m_keyed.front().first > 2.0)
        m_keyed.pop_front();
    if (!m_keyed.empty() && !context.busy("switch")) {
        context.send(m_keyed.front().second, "switch");
        m_keyed.pop_front();
    }
}

} // namespace hawker::studio::console
