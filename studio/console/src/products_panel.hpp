#pragma once
// Products and flash sales: a searchable catalog with card show/hide, the
// compliance gate's state and approval, and offers with start/stop behind a
// confirmation, live sold and remaining.

#include <map>
#include <optional>
#include <string>

#include "approval_popup.hpp"
#include "hawker/studio/show/compliance.hpp"
#include "panel.hpp"

namespace hawker::studio::console {

class ProductsPanel : public Panel {
public:
    ProductsPanel();
    void drawContent(ConsoleContext& context) override;
    bool needsProgram() const override { return true; }

private:
    void drawProducts(ConsoleContext& context);
    void drawOffers(ConsoleContext& context);
    void drawConfirmation(ConsoleContext& context);
    void approve(ConsoleContext& context, const std::string& key, const std::string& value,
                 const std::string& what);

    char m_search[128] = {};
    std::map<std::string, std::optional<BannedHit>>
        m_bannedWords; ///< the compliance check of each card, by sku
    ApprovalPopup m_approval;
    /// The offer command waiting for "Yes" in the confirmation popup.
    std::optional<Command> m_pending;
    std::string m_pendingText;
    bool m_openConfirmation = false;
};

} // namespace hawker::studio::console
