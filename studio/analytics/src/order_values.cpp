#include "hawker/studio/analytics/order_values.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include <date/date.h>
#include <date/tz.h>

namespace hawker::studio {

namespace {

constexpr int64_t kMaxCents = 10'000'000'000; // the event schema's bound

std::string_view trimmed(std::string_view text) {
    const auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    // Exports often pad ids and numbers with a tab or ="…" so Excel keeps them as text.
    if (text.size() >= 3 && text.substr(0, 2) == "=\"" && text.back() == '"')
        text = text.substr(2, text.size() - 3);
    return text;
}

bool isDigit(char ch) {
    return ch >= '0' && ch <= '9';
}

/// Digits with optional thousands commas, each group after the first exactly three digits.
bool wholeWithGroups(std::string_view text, int64_t& value, std::string& reason) {
    value = 0;
    if (text.empty() || !isDigit(text.front())) {
        reason = "no digits";
        return false;
    }
    size_t groupLength = 0;
    bool grouped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch == ',') {
            if ((grouped && groupLength != 3) || (!grouped && (groupLength == 0 || groupLength > 3))) {
                reason = "a comma that is not a thousands separator";
                return false;
            }
            grouped = true;
            groupLength = 0;
            continue;
        }
        if (!isDigit(ch)) {
            reason = "'" + std::string(1, ch) + "' is not a digit";
            return false;
        }
        if (value > kMaxCents) {
            reason = "too large";
            return false;
        }
        value = value * 10 + (ch - '0');
        ++groupLength;
    }
    if (grouped && groupLength != 3) {
        reason = "a comma that is not a thousands separator";
        return false;
    }
    return true;
}

} // namespace

std::optional<int64_t> parseExportAmount(std::string_view input, std::string& reason) {
    std::string_view text = trimmed(input);
    const std::string quoted = "'" + std::string(text) + "'";
    for (std::string_view prefix : {"¥", "￥", "$", "US$", "CNY", "RMB", "USD"}) {
        if (text.substr(0, prefix.size()) == prefix) {
            text = trimmed(text.substr(prefix.size()));
            break;
        }
    }
    for (std::string_view suffix : {"元", "CNY", "USD", "RMB"}) {
        if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
            text = trimmed(text.substr(0, text.size() - suffix.size()));
            break;
        }
    }
    if (text.empty()) {
        reason = "the amount is empty";
        return std::nullopt;
    }
    if (text.front() == '-') {
        reason = "the amount " + quoted + " is negative";
        return std::nullopt;
    }
    const size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point + 1);
    // "12,50" or "1.299,00": a comma after the last group of three, or after a point, is a decimal comma.
    const size_t lastComma = whole.rfind(',');
    if (fraction.find(',') != std::string_view::npos ||
        (lastComma != std::string_view::npos && whole.size() - lastComma - 1 != 3)) {
        reason = "the amount " + quoted + " has a decimal comma (ambiguous: write 12.50)";
        return std::nullopt;
    }
    int64_t units = 0;
    std::string why;
    if (!wholeWithGroups(whole, units, why)) {
        reason = "the amount " + quoted + " is not a number (" + why + ")";
        return std::nullopt;
    }
    if (fraction.size() > 2 || !std::all_of(fraction.begin(), fraction.end(), isDigit)) {
        reason = "the amount " + quoted + " has more than two decimals or a bad fraction";
        return std::nullopt;
    }
    int64_t cents = units * 100;
    if (!fraction.empty()) cents += (fraction[0] - '0') * 10 + (fraction.size() == 2 ? fraction[1] - '0' : 0);
    if (cents > kMaxCents) {
        reason = "the amount " + quoted + " is too large";
        return std::nullopt;
    }
    return cents;
}

std::optional<int64_t> parseExportQuantity(std::string_view input, std::string& reason) {
    const std::string_view text = trimmed(input);
    int64_t value = 0;
    std::string why;
    if (text.empty()) return 1;
    if (!wholeWithGroups(text, value, why) || value < 1 || value > 100000) {
        reason = "the quantity '" + std::string(text) + "' is not a whole number from 1 to 100000";
        return std::nullopt;
    }
    return value;
}

void checkTimeZone(const std::string& zone) {
    try {
        (void)date::locate_zone(zone);
    } catch (const std::exception&) {
        throw std::invalid_argument("unknown time zone '" + zone + "' (an IANA name such as Asia/Shanghai)");
    }
}

std::optional<int64_t> parseExportTime(std::string_view input, const std::string& zone, std::string& reason) {
    const std::string_view text = trimmed(input);
    const std::string quoted = "'" + std::string(text) + "'";
    size_t i = 0;
    auto number = [&](int minDigits, int maxDigits, int& out) {
        int digits = 0;
        out = 0;
        while (i < text.size() && isDigit(text[i]) && digits < maxDigits) {
            out = out * 10 + (text[i++] - '0');
            ++digits;
        }
        return digits >= minDigits;
    };
    auto expect = [&](std::string_view any) {
        if (i < text.size() && any.find(text[i]) != std::string_view::npos) {
            ++i;
            return true;
        }
        return false;
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    const bool datePart =
        number(4, 4, year) && expect("-/") && number(1, 2, month) && expect("-/") && number(1, 2, day);
    const bool timePart =
        datePart && expect(" T") && number(1, 2, hour) && expect(":") && number(2, 2, minute);
    if (!timePart) {
        reason = "the time " + quoted + " is not YYYY-MM-DD HH:MM[:SS]";
        return std::nullopt;
    }
    if (expect(":") && !number(2, 2, second)) {
        reason = "the time " + quoted + " has bad seconds";
        return std::nullopt;
    }
    if (expect(".")) {
        int fraction = 0;
        const size_t start = i;
        if (!number(1, 9, fraction)) {
            reason = "the time " + quoted + " has a bad fraction of a second";
            return std::nullopt;
        }
        const size_t digits = i - start;
        millis = fraction;
        for (size_t d = digits; d < 3; ++d)
            millis *= 10;
        for (size_t d = 3; d < digits; ++d)
            millis /= 10;
    }
    while (i < text.size() && text[i] == ' ')
        ++i;
    std::optional<int> offsetMinutes;
    if (i < text.size()) {
        const std::string_view rest = text.substr(i);
        if (rest == "Z" || rest == "UTC" || rest == "GMT") {
            offsetMinutes = 0;
        } else if (rest[0] == '+' || rest[0] == '-') {
            ++i;
            int oh = 0, om = 0;
            const bool good = number(2, 2, oh) && (expect(":"), number(2, 2, om)) && i == text.size();
            if (!good || oh > 14 || om > 59) {
                reason = "the time " + quoted + " has a bad UTC offset";
                return std::nullopt;
            }
            offsetMinutes = (rest[0] == '-' ? -1 : 1) * (oh * 60 + om);
        } else {
            reason = "the time " + quoted + " has unexpected text after it";
            return std::nullopt;
        }
    }
    const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                   date::day{static_cast<unsigned>(day)}};
    if (!ymd.ok() || year < 2000 || year > 2099 || hour > 23 || minute > 59 || second > 59) {
        reason = "the time " + quoted + " is not a real date and time";
        return std::nullopt;
    }
    const auto local = date::local_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
                       std::chrono::seconds{second} + std::chrono::milliseconds{millis};
    std::chrono::sys_time<std::chrono::milliseconds> utc;
    if (offsetMinutes) {
        utc = std::chrono::sys_time<std::chrono::milliseconds>{local.time_since_epoch()} -
              std::chrono::minutes{*offsetMinutes};
    } else {
        const date::time_zone* tz = nullptr;
        try {
            tz = date::locate_zone(zone);
        } catch (const std::exception&) {
            reason = "unknown time zone '" + zone + "'";
            return std::nullopt;
        }
        // A local time that a clock change skips or repeats takes its earlier reading.
        utc = tz->to_sys(local, date::choose::earliest);
    }
    return utc.time_since_epoch().count();
}

} // namespace hawker::studio
