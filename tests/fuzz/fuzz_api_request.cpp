// libFuzzer harness for the control API's request handling, before and after
// the HTTP library: the gate's reading of a request head (limits, lengths,
// the bearer token), the text of a path made printable for a log line, and a
// body turned into the arguments of every command and executed on a small
// show as an operator would send it. Nothing may crash, hang or leak; every
// refusal has a status and a reason; nothing printable holds a control
// character; and no command's validation may throw.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "hawker/studio/api/command_body.hpp"
#include "hawker/studio/api/request_head.hpp"
#include "hawker/studio/base/untrusted_text.hpp"
#include "hawker/studio/show/command_table.hpp"
#include "hawker/studio/show/show_controller.hpp"

using namespace hawker::studio;

namespace {

const ShowSpec& show() {
    static const ShowSpec spec = parseShow(R"(
[[sources]]
id = "cam"
url = "srt://127.0.0.1:9000"
[[audio]]
id = "mic"
url = "srt://127.0.0.1:9001"
[[scenes]]
id = "a"
slots = [ { name = "card", rect = [0, 0, 100, 100] }, { name = "countdown", rect = [0, 100, 100, 100] } ]
[[scenes]]
id = "b"
[program]
scene = "a"
preview = "b"
[[products]]
sku = "S1"
name = "面霜"
price_cents = 9900
stock = 50
[[offers]]
id = "o1"
sku = "S1"
price_cents = 5900
quantity = 20
prelaunch_s = 10
duration_s = 60
[[coupons]]
id = "c1"
discount_cents = 1000
total = 100
[[rundown]]
kind = "product"
title = "面霜"
sku = "S1"
planned_s = 60
)",
                                           "fuzz.toml", "/");
    return spec;
}

void checkPrintable(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    HttpLimits limits;
    limits.maxBodyBytes = 4096;
    const HeadVerdict verdict = examineRequestHead(input, limits);
    if (verdict.kind == HeadVerdict::Kind::Refuse && (verdict.status < 400 || verdict.reason.empty()))
        std::abort();
    if (verdict.kind == HeadVerdict::Kind::Ready) {
        if (verdict.head.target.empty() || verdict.head.target.front() != '/') std::abort();
        if (verdict.head.contentLength && *verdict.head.contentLength > limits.maxBodyBytes) std::abort();
        if (const auto token = bearerToken(verdict.head.authorization))
            if (token->empty()) std::abort();
        checkPrintable(printable(verdict.head.target));
    }
    checkPrintable(printable(input, 64));
    (void)toJsonText(nlohmann::json{{"error", std::string(input)}});

    // The body as the arguments of every command, run by an operator. A
    // fresh controller per input keeps runs independent.
    if (!jsonNestingWithin(input, limits.maxJsonDepth)) return 0;
    ShowController controller(show());
    const Actor operatorActor{"fuzz", Role::Operator};
    for (const CommandSpec& spec : commandTable()) {
        const std::string name(spec.name);
        std::string problem;
        const std::optional<Command> command = commandFromBody(name, std::string(input), problem);
        if (!command) {
            if (problem.empty()) std::abort();
            continue;
        }
        const CommandResult result = controller.execute(*command, operatorActor, 1000);
        if (!result.ok && result.message.empty()) std::abort();
        (void)toJsonText(nlohmann::json{{"message", result.message}});
    }
    return 0;
}
