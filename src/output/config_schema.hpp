// `podlint config --schema`: the JSON Schema of .podlint.yaml, for editors,
// with an entry for every registered rule and its options. The committed
// schema/podlint-config.schema.json is this output (a test compares them).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace podlint {

nlohmann::ordered_json config_schema();
// The schema, indented by 2, with a final newline.
void write_config_schema(std::ostream& out);

}  // namespace podlint
