#pragma once
// The page reads the report's JSON with studio/base's lenient readers (json_read.hpp), by their short names:
// a missing key or a value of the wrong type gives "no value", never an exception. The one reading of its own
// is the SKU-to-name lookup.

#include <map>
#include <string>

#include "hawker/studio/base/json_read.hpp"

namespace hawker::studio::report_html {

using json_read::asList;
using json_read::flagAt;
using json_read::integerAt;
using json_read::json;
using json_read::listAt;
using json_read::memberOf;
using json_read::numberAt;
using json_read::numberOf;
using json_read::numberOr;
using json_read::shortest;
using json_read::textAt;
using json_read::textOf;

/// SKU to product name, from `products` as an object keyed by SKU or as an array of objects with a "sku".
std::map<std::string, std::string> productNames(const json& products);

} // namespace hawker::studio::report_html
