// libFuzzer harness for the viewer-event parser: whatever bytes arrive at the
// ingest endpoint or in a JSON Lines file, parsing never crashes, every
// refusal has a reason, and the reply is valid JSON (nlohmann's dump throws
// on invalid UTF-8, so a reason quoting raw input would be caught here).

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hawker/studio/base/viewer_hasher.hpp"
#include "hawker/studio/store/viewer_event.hpp"

using namespace hawker::studio;

namespace {
void checkReply(const ParsedEvents& parsed) {
    for (const EventRejection& r : parsed.rejected)
        if (r.reason.empty()) std::abort();
    for (const ViewerEvent& e : parsed.events)
        if (e.id.empty() || e.ts <= 0 || e.quantity < 0 || e.amountCents < 0) std::abort();
    (void)ingestReply(parsed.events.size(), 0, parsed.rejected).dump();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const ViewerHasher hasher(std::string(32, 'k'));
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    try {
        checkReply(parseEventBatch(input, hasher));
    } catch (const BatchError& error) {
        if (std::string_view(error.what()).empty()) std::abort();
    }
    checkReply(parseEventLines(input, hasher));
    return 0;
}
