#pragma once
// The compliance gate's second person at the operator's desk: a card or a
// flash sale needs a merchandiser's (or host's) approval, which an operator
// login may not give. The second person types their own API token here; the
// approval goes out as a command in their name and role, as it would from
// their own console or the HTTP API.

#include <string>

#include "console_context.hpp"

namespace hawker::studio::console {

class ApprovalPopup {
public:
    /// Asks for approval of `key` ("card" or "offer") = `value`, described by `what`.
    void open(const std::string& key, const std::string& value, const std::string& what);
    void draw(ConsoleContext& context);

private:
    std::string m_key, m_value, m_what;
    char m_token[128] = {};
    std::string m_error;
    bool m_wantOpen = false;
};

} // namespace hawker::studio::console
