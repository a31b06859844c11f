#include "report_fields.hpp"

namespace hawker::studio::report_html {

std::map<std::string, std::string> productNames(const json& products) {
    std::map<std::string, std::string> names;
    if (products.is_object()) {
        for (auto it = products.begin(); it != products.end(); ++it)
            names[it.key()] = textAt(it.value(), "name");
    } else if (products.is_array()) {
        for (const json& product : products)
            names[textAt(product, "sku")] = textAt(product, "name");
    }
    return names;
}

} // namespace hawker::studio::report_html
