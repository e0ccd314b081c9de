// What every object of a run tells the others: the run-wide index that checks
// across objects and files read (a Pod's Namespace, a ConfigMap a container
// refers to, the pods a Service selects). The driver builds it from every
// input before any is linted, so a finding about one object's reference to
// another is reported while its own document is linted, where its waivers
// apply. It holds copies of small facts, no document.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/diagnostic.hpp"
#include "yaml/document.hpp"

namespace podlint {

using StringMap = std::vector<std::pair<std::string, std::string>>;

// A port a container of an object's pods declares.
struct IndexedPort {
  std::string container{};
  std::string name{};  // empty when unnamed
  int64_t number = 0;
  std::string protocol{};  // TCP when unset
};

struct IndexedObject {
  ObjectRef ref{};         // namespace_ as written: empty when the object names none
  std::string_view input;  // the input's name as reports show it (held by the index)
  yaml::Span span{};       // the object's mapping
  StringMap pod_labels;    // the labels of the pods it makes (a Pod's own, a pod template's)
  // A ConfigMap's or a Secret's keys, and whether the cluster fills them in
  // (a kubernetes.io/service-account-token Secret).
  std::vector<std::string> keys{};
  bool keys_filled_in = false;
  // The pods it makes: whether it is a Pod or has a pod template; whether
  // they run to completion (model::Workload::runs_to_completion()); how many
  // it keeps (replicas, 1 when unset; none for a DaemonSet, a Job or a
  // CronJob); the ports their containers and sidecars declare; the regular
  // containers that request no cpu, and no memory.
  bool makes_pods = false;
  bool runs_to_completion = false;
  std::optional<int64_t> replicas{};
  std::vector<IndexedPort> ports{};
  std::vector<std::string> containers_without_cpu_request{};
  std::vector<std::string> containers_without_memory_request{};
  // A ServiceAccount's automountServiceAccountToken, when it sets one.
  std::optional<bool> automount_service_account_token{};
};

class RunIndex {
 public:
  // Adds the objects of one input's text (the objects of its documents that
  // are not broken); a long one a batch of documents per job.
  void add_input(const std::string& input, std::string_view text, unsigned jobs = 1);
  // Adds the objects of another index after this one's (indexes of inputs
  // built apart, in parallel, joined in input order), and empties it.
  void merge(RunIndex&& other);

  // In run order; a deque, so that a long run's index never holds its
  // objects twice while growing.
  const std::deque<IndexedObject>& objects() const { return objects_; }
  // The object of a kind, namespace (empty: none given) and name, the first
  // one when several are; null when the run has none.
  const IndexedObject* find(std::string_view kind, std::string_view namespace_, std::string_view name) const;
  // find() in a namespace, where an object that names none is in the
  // namespace "default" (where kubectl puts it without -n).
  const IndexedObject* find_in_namespace(std::string_view kind, std::string_view namespace_,
                                         std::string_view name) const;
  // The labels of the Namespace object named `name` in the run (the first
  // when several are); null when the run does not define it. Other objects'
  // labels are not kept (a Pod's are its pod_labels).
  const StringMap* namespace_labels(std::string_view name) const;
  // The objects that make pods in a namespace (none given: "default"), as
  // positions in objects(), in run order.
  std::span<const uint32_t> pod_makers(std::string_view namespace_) const;
  // Those of them whose pods may carry the label `key: value` (labels are
  // told apart by a hash: a rare other one may be among them): a selector's
  // candidates, found without testing every object of the namespace.
  std::span<const uint32_t> pod_makers_labelled(std::string_view namespace_, std::string_view key,
                                                std::string_view value) const;

 private:
  // Three names in one 64-bit hash: the index keeps hashes, not copies of
  // every object's names.
  static uint64_t key(std::string_view kind, std::string_view namespace_, std::string_view name);
  void add(IndexedObject object);
  void add_batch(std::string_view input, const yaml::Stream& stream);

  // The inputs' names the objects point to; a string a pointer, so that
  // neither growing nor merging moves one.
  std::vector<std::unique_ptr<const std::string>> inputs_;
  std::deque<IndexedObject> objects_;
  // key(kind, namespace, name) -> the first object of each key of that hash.
  std::unordered_multimap<uint64_t, uint32_t> by_key_;
  // Namespace -> pod_makers(); key(namespace, label key, value) -> pod_makers_labelled().
  std::unordered_map<std::string, std::vector<uint32_t>> makers_by_namespace_;
  std::unordered_map<uint64_t, std::vector<uint32_t>> makers_by_label_;
  std::unordered_map<std::string, StringMap> namespace_labels_;  // Namespace name -> labels
};

}  // namespace podlint
