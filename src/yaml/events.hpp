// The YAML test suite's event format, one event a line:
// +STR, +DOC ---, +MAP {}, +SEQ [], =VAL :plain, =ALI *a, -DOC ..., -STR.
#pragma once

#include <string>

#include "yaml/document.hpp"

namespace podlint::yaml {

struct EventOptions {
  // Append " @line:col-line:col" to every node event, and list comments and
  // errors: a complete dump of the model, used to compare the two front-ends.
  bool with_spans = false;
};

std::string to_events(const Stream& stream, const EventOptions& options = {});

}  // namespace podlint::yaml
