#pragma once
// The views read the live snapshot's and the report's JSON with the checked
// readers of studio/base (json_read.hpp), by their short names.

#include "hawker/studio/base/json_read.hpp"

namespace hawker::studio::console {

using json_read::flagAt;
using json_read::integerAt;
using json_read::memberOf;
using json_read::numberAt;
using json_read::numberOf;
using json_read::stringAt;

} // namespace hawker::studio::console
