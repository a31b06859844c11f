#include "add_source_popup.hpp"

#include <cstdio>
#include <cstring>

#include <imgui.h>

#include "hawker/studio/show/added_sources.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {
constexpr const char* kTask = "source.add";
} // namespace

void AddSourcePopup::open(const ShowSpec& show, const ShowState* state) {
    const ShowState none;
    const ShowState& now = state ? *state : none;
    auto taken = [&](const std::string& id) { return hasInput(show, now, id) || hasScene(show, now, id); };
    for (size_t n = show.sources.size() + now.addedSources.size() + 1; n < 1000; ++n) {
        std::snprintf(m_id, sizeof m_id, "cam%zu", n);
        if (!taken(m_id)) break;
    }
    std::memset(m_url, 0, sizeof m_url);
    std::memset(m_format, 0, sizeof m_format);
    std::memset(m_name, 0, sizeof m_name);
    m_slotsFrom.clear();
    m_error.clear();
    m_wantOpen = true;
}

void AddSourcePopup::draw(ConsoleContext& context) {
    if (m_wantOpen) {
        ImGui::OpenPopup(trId("add_source.title").c_str());
        m_wantOpen = false;
    }
    if (!ImGui::BeginPopupModal(trId("add_source.title").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    const ShowSpec& show = context.engine()->show();
    // What [security] source_protocols lets this show reach; the controller refuses the rest.
    std::string allowed;
    for (const std::string& name : show.security.sourceProtocols)
        allowed += (allowed.empty() ? "" : ", ") + name;
    ImGui::TextDisabled(
        "%s", trf("add_source.allowed", {{"inputs", allowed.empty() ? kMissing : allowed}}).c_str());
    ImGui::TextDisabled("%s", tr("add_source.hint"));
    const bool busy = context.busy(kTask);
    ImGui::BeginDisabled(busy);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(200);
    // Enter in any field adds, as in any dialog.
    constexpr ImGuiInputTextFlags kEnter = ImGuiInputTextFlags_EnterReturnsTrue;
    bool entered = ImGui::InputText(trId("add_source.id").c_str(), m_id, sizeof m_id,
                                    ImGuiInputTextFlags_CharsNoBlank | kEnter);
    const ImVec2 idMin = ImGui::GetItemRectMin(), idMax = ImGui::GetItemRectMax();
    context.markRegion("add_source_id", idMin.x, idMin.y, idMax.x, idMax.y);
    ImGui::SetNextItemWidth(520);
    entered |= ImGui::InputTextWithHint(trId("sources.url").c_str(), "srt://192.168.1.20:9000", m_url,
                                        sizeof m_url, kEnter);
    ImGui::SetNextItemWidth(160);
    entered |= ImGui::InputTextWithHint(trId("sources.format").c_str(), tr("sources.format_auto"), m_format,
                                        sizeof m_format, kEnter);
    ImGui::SetNextItemWidth(200);
    entered |= ImGui::InputTextWithHint(trId("add_source.scene_button").c_str(),
                                        tr("add_source.scene_button_hint"), m_name, sizeof m_name, kEnter);
    ImGui::SetNextItemWidth(200);
    const std::string like = m_slotsFrom.empty() ? tr("add_source.as_program") : m_slotsFrom;
    if (ImGui::BeginCombo(trId("add_source.graphics").c_str(), like.c_str())) {
        if (ImGui::Selectable(trId("add_source.as_program").c_str(), m_slotsFrom.empty()))
            m_slotsFrom.clear();
        for (const SceneSpec& scene : show.scenes)
            if (ImGui::Selectable((scene.name.empty() ? scene.id : scene.name).c_str(),
                                  m_slotsFrom == scene.id))
                m_slotsFrom = scene.id;
        ImGui::EndCombo();
    }
    ImGui::Checkbox(trId("add_source.with_sound").c_str(), &m_withSound);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("add_source.with_sound_tip"));
    if (!m_error.empty()) ImGui::TextColored(ImVec4(0.95f, 0.35f, 0.35f, 1), "%s", m_error.c_str());
    const bool add =
        ImGui::Button(
            (std::string(busy ? tr("add_source.adding") : tr("add_source.add")) + "###add").c_str()) ||
        entered;
    const ImVec2 addMin = ImGui::GetItemRectMin(), addMax = ImGui::GetItemRectMax();
    context.markRegion("add_source_apply", addMin.x, addMin.y, addMax.x, addMax.y);
    if (add) {
        std::map<std::string, std::string> args = {{"source", m_id}, {"url", m_url}, {"format", m_format}};
        if (m_name[0]) args["name"] = m_name;
        if (!m_slotsFrom.empty()) args["slots_from"] = m_slotsFrom;
        if (m_withSound) args["audio"] = "true";
        m_error.clear();
        // The popup stays up with the fields as typed if the command is refused.
        context.send(Command::named("source.add", args), kTask, [this](const CommandResult& result) {
            if (result.tookEffect()) // added, even if the database has not stored it yet
                m_closeNext = true;
            else
                m_error = i18n::say(result.said);
        });
    }
    ImGui::SameLine();
    if (ImGui::Button(trId("common.cancel").c_str())) ImGui::CloseCurrentPopup();
    ImGui::EndDisabled();
    if (m_closeNext) {
        m_closeNext = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace hawker::studio::console
