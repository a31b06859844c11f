#include "approval_popup.hpp"

#include <cstring>

#include <imgui.h>
#include <openssl/crypto.h>

#include "hawker/studio/show/command_table.hpp"
#include "ui_format.hpp"

namespace hawker::studio::console {

namespace {}

void ApprovalPopup::open(const std::string& key, const std::string& value, const std::string& what) {
    m_key = key;
    m_value = value;
    m_what = what;
    m_error.clear();
    std::memset(m_token, 0, sizeof m_token);
    m_wantOpen = true;
}

void ApprovalPopup::draw(ConsoleContext& context) {
    if (m_wantOpen) {
        ImGui::OpenPopup(trId("approval.title").c_str());
        m_wantOpen = false;
    }
    if (!ImGui::BeginPopupModal(trId("approval.title").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    ImGui::TextUnformatted(trf("approval.what", {{"what", m_what}}).c_str());
    ImGui::TextDisabled("%s", tr("approval.hint"));
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered =
        ImGui::InputText(trId("approval.token").c_str(), m_token, sizeof m_token,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (!m_error.empty()) ImGui::TextColored(ImVec4(0.95f, 0.35f, 0.35f, 1), "%s", m_error.c_str());
    if (ImGui::Button(trId("products.approve").c_str()) || entered) {
        const std::string typed(m_token);
        const ApiToken* person = nullptr;
        for (const ApiToken& token : context.secondPersons())
            if (token.secret.size() == typed.size() &&
                CRYPTO_memcmp(token.secret.data(), typed.data(), typed.size()) == 0)
                person = &token;
        if (!person) {
            m_error = tr("approval.no_token");
        } else if (!mayRun(person->role, "approve")) {
            m_error = trf("approval.may_not", {{"who", person->name}, {"role", roleLabel(person->role)}});
        } else if (person->name == context.actor().who) {
            // A person is a name: their own second token does not make them a second person.
            m_error = trf("approval.same_person", {{"who", person->name}});
        } else {
            // The controller still applies the show's approver_roles and says no if it must.
            context.sendAs(Command::named("approve", {{m_key, m_value}}), Actor{person->name, person->role},
                           "approve " + m_key + " " + m_value);
            std::memset(m_token, 0, sizeof m_token);
            ImGui::CloseCurrentPopup();
        }
    }
    ImGui::SameLine();
    if (ImGui::Button(trId("common.cancel").c_str()) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        std::memset(m_token, 0, sizeof m_token);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace hawker::studio::console
