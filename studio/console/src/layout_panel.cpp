#include "layout_panel.hpp"

#include <algorithm>
#include <cmath>

#include <GLFW/glfw3.h>
#include <imgui_internal.h> // MarkIniSettingsDirty: the editing switch is kept in the settings

#include "hawker/studio/show/added_sources.hpp"
#include "hawker/studio/show/profile_check.hpp"
#include "layout_editor.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {

Command layoutCommand(const char* name, const std::string& scene, std::map<std::string, std::string> args) {
    Command command = Command::named(name, std::move(args));
    command.scene = scene;
    return command;
}

std::map<std::string, std::string> rectArgs(const cv::Rect& r) {
    return {{"x", std::to_string(r.x)},
            {"y", std::to_string(r.y)},
            {"w", std::to_string(r.width)},
            {"h", std::to_string(r.height)}};
}

} // namespace

LayoutPanel::LayoutPanel() : Panel("Layout", trKey("layout.title"), PanelPlace{0.40f, 0.45f, 0.30f, 0.55f}) {}

void LayoutPanel::handleShortcuts(ConsoleContext& context) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || context.busy("layout")) return;
    if (context.keyPressed(GLFW_KEY_Z) && context.may("layout.undo"))
        context.send(Command::named(io.KeyShift ? "layout.redo" : "layout.undo", {}), "layout");
    else if (context.keyPressed(GLFW_KEY_Y) && context.may("layout.redo"))
        context.send(Command::named("layout.redo", {}), "layout");
    else if (context.keyPressed(GLFW_KEY_S) && context.may("show.save"))
        context.send(Command::named("show.save", {}), "layout");
}

void LayoutPanel::drawContent(ConsoleContext& context) {
    const ShowState* state = context.live().state.get();
    if (!state) {
        ImGui::TextDisabled("%s", tr("switcher.waiting_program"));
        return;
    }
    const ShowSpec& show = context.engine()->show();
    const auto scene = sceneInPreview(show, *state, state->preview);
    if (!scene) return;
    ImGui::Checkbox(trId("layout.edit_mode").c_str(), &context.settings().layoutEdit);
    if (ImGui::IsItemEdited()) ImGui::MarkIniSettingsDirty();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("layout.edit_mode_tip"));
    const bool busy = context.busy("layout");
    const LayoutEdits& edits = state->layouts;
    ImGui::SameLine();
    ImGui::BeginDisabled(busy || edits.undo.empty() || !context.may("layout.undo"));
    if (ImGui::Button(trId("layout.undo").c_str())) context.send(Command::named("layout.undo", {}), "layout");
    if (!edits.undo.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", i18n::say(edits.undo.back().phrase()).c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(busy || edits.redo.empty() || !context.may("layout.redo"));
    if (ImGui::Button(trId("layout.redo").c_str())) context.send(Command::named("layout.redo", {}), "layout");
    if (!edits.redo.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", i18n::say(edits.redo.back().phrase()).c_str());
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(busy || show.file.empty() || !context.may("show.save"));
    if (ImGui::Button(trId("layout.save").c_str())) context.send(Command::named("show.save", {}), "layout");
    context.markRegion("layout_save", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                       ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
    ImGui::EndDisabled();

    const bool drafted = edits.draft.count(scene->id) > 0;
    ImGui::Text("%s",
                trf("layout.scene", {{"scene", scene->name.empty() ? scene->id : scene->name}}).c_str());
    if (drafted) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.25f, 1), "%s", tr("layout.not_on_air"));
    }
    drawLayers(context, *scene);
    if (ImGui::CollapsingHeader(trId("layout.add_layer").c_str())) drawAddLayer(context, *scene);
    if (ImGui::CollapsingHeader(trId("layout.new_scene").c_str())) drawNewScene(context);
}

void LayoutPanel::drawLayers(ConsoleContext& context, const SceneSpec& scene) {
    LayoutEditing& editing = context.layoutEditing();
    if (editing.scene != scene.id) {
        editing.scene = scene.id;
        editing.clear();
    }
    const bool mayEdit = context.may("layout.move") && !context.busy("layout");
    if (!ImGui::BeginTable("##layers", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn(tr("layout.column_layer"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(tr("layout.column_rect"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableHeadersRow();
    for (size_t i = scene.layers.size(); i-- > 0;) { // the top layer first, as on screen
        const LayerSpec& layer = scene.layers[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string what = layer.kind == LayerSpec::Kind::Source
                                     ? trf("layout.layer_source", {{"source", layer.source}})
                                 : layer.kind == LayerSpec::Kind::Image
                                     ? trf("layout.layer_image", {{"file", layer.image.filename().string()}})
                                     : std::string(tr("layout.kind_color"));
        const std::string label = std::to_string(i) + "  " + what;
        if (ImGui::Selectable(label.c_str(), editing.layer == static_cast<int>(i))) {
            editing.clear();
            editing.layer = static_cast<int>(i);
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(rectText(layer.rect).c_str());
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(!mayEdit || scene.layers.size() < 2);
        if (ImGui::SmallButton(trId("layout.remove").c_str())) {
            context.send(layoutCommand("layout.remove", scene.id, {{"layer", std::to_string(i)}}), "layout");
            editing.clear();
        }
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    for (const SlotSpec& slot : scene.slots) {
        ImGui::PushID(slot.name.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string label = trf("layout.slot", {{"slot", slot.name}});
        if (ImGui::Selectable(label.c_str(), editing.slot == slot.name)) {
            editing.clear();
            editing.slot = slot.name;
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(rectText(slot.rect).c_str());
        ImGui::TableNextColumn();
        ImGui::PopID();
    }
    ImGui::EndTable();

    // The selected one placed to the pixel: sent when a field is left.
    std::optional<cv::Rect> selected;
    std::map<std::string, std::string> which;
    if (editing.layer >= 0 && static_cast<size_t>(editing.layer) < scene.layers.size()) {
        selected = scene.layers[static_cast<size_t>(editing.layer)].rect;
        which = {{"layer", std::to_string(editing.layer)}};
    }
    for (const SlotSpec& slot : scene.slots)
        if (editing.slot == slot.name) {
            selected = slot.rect;
            which = {{"slot", slot.name}};
        }
    if (!selected) return;
    const std::string key = scene.id + "/" + which.begin()->second;
    if (m_rectFor != key || !ImGui::IsAnyItemActive()) {
        m_rect = {selected->x, selected->y, selected->width, selected->height};
        m_rectFor = key;
    }
    ImGui::BeginDisabled(!mayEdit);
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.7f);
    ImGui::InputInt4(trId("layout.rect").c_str(), m_rect.data());
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        auto args = rectArgs(cv::Rect(m_rect[0], m_rect[1], m_rect[2], m_rect[3]));
        args.insert(which.begin(), which.end());
        context.send(layoutCommand("layout.move", scene.id, args), "layout");
    }
    ImGui::EndDisabled();
}

void LayoutPanel::drawAddLayer(ConsoleContext& context, const SceneSpec& scene) {
    const ShowSpec& show = context.engine()->show();
    const std::vector<std::string>& cameras = context.live().cameras;
    const char* kinds[] = {tr("layout.kind_source"), tr("layout.kind_image"), tr("layout.kind_color")};
    ImGui::SetNextItemWidth(120);
    ImGui::Combo(trId("layout.kind").c_str(), &m_addKind, kinds, 3);
    ImGui::SameLine();
    if (m_addKind == 0) {
        m_addSource = std::clamp(m_addSource, 0, std::max(0, static_cast<int>(cameras.size()) - 1));
        ImGui::SetNextItemWidth(160);
        if (ImGui::BeginCombo(trId("layout.camera").c_str(),
                              cameras.empty() ? "" : cameras[static_cast<size_t>(m_addSource)].c_str())) {
            for (size_t i = 0; i < cameras.size(); ++i)
                if (ImGui::Selectable(cameras[i].c_str(), static_cast<int>(i) == m_addSource))
                    m_addSource = static_cast<int>(i);
            ImGui::EndCombo();
        }
    } else if (m_addKind == 1) {
        ImGui::SetNextItemWidth(220);
        ImGui::InputTextWithHint(trId("layout.image_path").c_str(), tr("layout.image_hint"),
                                 m_imagePath.data(), m_imagePath.size());
    } else {
        ImGui::ColorEdit4(trId("layout.color").c_str(), m_color.data(),
                          ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_AlphaBar);
    }
    // A new layer lands a third of the canvas wide, in the middle of the safe area.
    const cv::Rect safe = layoutSafeArea(show);
    const int width = std::max(20, show.width / 3 / 10 * 10);
    const int height = std::max(20, width * show.height / std::max(1, show.width) / 10 * 10);
    const cv::Rect rect((safe.x + (safe.width - width) / 2) / 10 * 10,
                        (safe.y + (safe.height - height) / 2) / 10 * 10, width, height);
    ImGui::BeginDisabled(context.busy("layout") || !context.may("layout.add") ||
                         (m_addKind == 0 && cameras.empty()));
    if (ImGui::Button(trId("layout.add").c_str())) {
        auto args = rectArgs(rect);
        if (m_addKind == 0) {
            args["kind"] = "source";
            args["source"] = cameras[static_cast<size_t>(m_addSource)];
        } else if (m_addKind == 1) {
            args["kind"] = "image";
            args["path"] = m_imagePath.data();
        } else {
            auto byte = [](float v) {
                return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255));
            };
            args["kind"] = "color";
            args["color"] =
                formatColor(Rgba{byte(m_color[0]), byte(m_color[1]), byte(m_color[2]), byte(m_color[3])});
        }
        context.send(layoutCommand("layout.add", scene.id, args), "layout");
    }
    ImGui::EndDisabled();
}

void LayoutPanel::drawNewScene(ConsoleContext& context) {
    ImGui::SetNextItemWidth(120);
    ImGui::InputTextWithHint(trId("layout.new_id").c_str(), "pip2", m_newId.data(), m_newId.size());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(160);
    ImGui::InputTextWithHint(trId("layout.new_name").c_str(), tr("layout.new_name_hint"), m_newName.data(),
                             m_newName.size());
    ImGui::SetNextItemWidth(200);
    const std::vector<SceneTemplate>& templates = sceneTemplates();
    m_template = std::clamp(m_template, 0, static_cast<int>(templates.size()) - 1);
    const SceneTemplate chosen = templates[static_cast<size_t>(m_template)];
    if (ImGui::BeginCombo(trId("layout.template").c_str(), tr(labelKey(chosen)))) {
        for (size_t i = 0; i < templates.size(); ++i)
            if (ImGui::Selectable(tr(labelKey(templates[i])), static_cast<int>(i) == m_template))
                m_template = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(context.busy("layout") || !context.may("scene.create") || m_newId[0] == 0);
    if (ImGui::Button(trId("layout.create").c_str())) {
        Command command = Command::named(
            "scene.create",
            {{"template", toString(templates[static_cast<size_t>(m_template)])}, {"name", m_newName.data()}});
        command.scene = m_newId.data();
        // The new scene goes to preview, where it is edited and then taken.
        const std::string id = m_newId.data();
        context.send(command, "layout", [&context, id](const CommandResult& result) {
            if (result.ok) context.send(Command::preview(id), "switch");
        });
        m_newId.fill(0);
        m_newName.fill(0);
    }
    ImGui::EndDisabled();
}

} // namespace hawker::studio::console
