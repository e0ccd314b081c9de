// The objects of a run, for the rules that check one object against others:
// those of a namespace that make pods, and the words that name one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/index.hpp"
#include "model/selector.hpp"

namespace podlint::rules {

// The objects of the run in `namespace_` that make pods (Pods and controllers).
std::vector<const IndexedObject*> pod_makers(const RunIndex& index, std::string_view namespace_);

// Those of them whose pods `selector` selects, in run order. Only the objects
// carrying one of its matchLabels are tested, so that checking every Service
// of a large run does not test every workload of its namespace.
std::vector<const IndexedObject*> selected_pod_makers(const RunIndex& index, std::string_view namespace_,
                                                      const model::LabelSelector& selector);

// Whether `selector` selects the pods of any of them (as
// !selected_pod_makers(...).empty(), stopping at the first).
bool selects_pod_maker(const RunIndex& index, std::string_view namespace_,
                       const model::LabelSelector& selector);

// Those of `selected` whose pods a Service is there to reach: the pods that
// run for ever when there are any, not the Jobs, test hooks and other pods
// that run to completion beside them (a `helm test` Pod with the labels of
// the Deployment it tests); else all of them (a headless Service for an
// Indexed Job's pods).
std::vector<const IndexedObject*> serving_pods(std::vector<const IndexedObject*> selected);

// `Deployment "web"`, with `(file:line)` when it is in another input than `input`.
std::string describe_indexed(const IndexedObject& object, std::string_view input);

}  // namespace podlint::rules
