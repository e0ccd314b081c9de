// Field paths: where a place in the input sits in a tree, as
// `spec.template.spec.containers[1].ports[0].containerPort`.
#pragma once

#include <cstdint>
#include <string>

#include "yaml/document.hpp"

namespace podlint::yaml {

// The path from `root` down to the deepest key or value whose span holds the
// byte `offset`: keys joined with '.', sequence items as `[i]`, keys that are
// not plain words (`podlint.dev/ignore`) as `["..."]`. Aliases are not
// followed (their content stands elsewhere). Empty when the offset is the
// root itself or outside it.
std::string path_to(const Node& root, uint32_t offset);

}  // namespace podlint::yaml
