#pragma once
// The translation tables' bytes, compiled in at build time from assets/i18n/*.toml (embed_text.cmake).

#include <string_view>

namespace hawker::studio::i18n {

std::string_view enTableText();
std::string_view zhCnTableText();

} // namespace hawker::studio::i18n
