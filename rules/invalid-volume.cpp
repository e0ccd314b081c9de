// invalid-volume: a volume the API server rejects for its sources: two
// sources in one volume, downwardAPI items, projected sources and their
// paths, an ephemeral volume's claim template, a CSI driver name, an
// emptyDir's sizeLimit, an image volume without a reference.
#include <fmt/format.h>

#include <algorithm>

#include "engine/rule.hpp"
#include "schema/formats.hpp"
#include "support/fields.hpp"
#include "support/quantity.hpp"
#include "text/suggest.hpp"

namespace podlint {
namespace {

constexpr std::string_view kProjections[] = {
    "configMap", "secret", "downwardAPI", "serviceAccountToken", "clusterTrustBundle", "podCertificate"};
constexpr std::string_view kVolumeFieldPaths[] = {"metadata.name", "metadata.namespace", "metadata.labels",
                                                  "metadata.annotations", "metadata.uid"};

std::string volume_name(const model::Volume& v) {
  return v.name.valid() ? fmt::format("volume \"{}\"", v.name.value) : std::string("a volume");
}

bool subscripted(std::string_view path) {
  for (std::string_view map : {"metadata.labels['", "metadata.annotations['"})
    if (path.starts_with(map) && path.ends_with("']") && path.size() > map.size() + 2) return true;
  return false;
}

class InvalidVolume final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "invalid-volume",
        .severity = Severity::Error,
        .category = Category::Volumes,
        .consequence = Consequence::Rejected,
    };
    return info;
  }

  void check_workload(const model::Workload& w, Reporter& reporter) const override {
    if (!w.pod_spec) return;
    for (const model::Volume& v : w.pod_spec->volumes) {
      const std::string who = volume_name(v);
      for (size_t i = 1; i < v.source_keys.size(); ++i)
        reporter.report(v.source_keys[i]->span,
                        fmt::format("{} has a second source, {}, besides {}: a volume has exactly one", who,
                                    v.source_keys[i]->value, v.source_keys[0]->value));
      if (v.source_keys.empty()) continue;
      const yaml::Node* source = rules::mapping_field(v.node, v.source());
      const std::string_view kind = v.source();
      if (kind == "emptyDir") {
        check_size_limit(source, who, reporter);
      } else if (kind == "downwardAPI") {
        check_downward_items(source, who, reporter);
      } else if (kind == "projected") {
        check_projected(source, who, reporter);
      } else if (kind == "ephemeral") {
        check_ephemeral(source, who, reporter);
        if (w.kind.value == "Pod") check_generated_claim(w, v, reporter);
      } else if (kind == "csi") {
        check_csi(source, who, reporter);
      } else if (kind == "image" && w.kind.value == "Pod" &&
                 rules::string_value(rules::field(source, "reference")).value_or("").empty()) {
        reporter.report(v.source_keys[0]->span,
                        fmt::format("the image source of {} names no image reference", who));
      }
    }
  }

 private:
  static void check_size_limit(const yaml::Node* empty_dir, const std::string& who, Reporter& reporter) {
    const yaml::Node* limit = rules::field(empty_dir, "sizeLimit");
    if (!limit || !limit->is_scalar()) return;
    const rules::ParsedQuantity parsed = rules::parse_quantity(limit->value);
    if (!parsed.ok)
      reporter.report(limit->span, fmt::format("sizeLimit \"{}\" of {} is not a quantity: {}{}", limit->value,
                                               who, parsed.problem, text::did_you_mean(parsed.suggestions)));
    else if (parsed.value.negative())
      reporter.report(limit->span,
                      fmt::format("sizeLimit \"{}\" of {} must not be negative", limit->value, who));
  }

  static void check_downward_items(const yaml::Node* source, const std::string& who, Reporter& reporter) {
    for (const yaml::Node* item : rules::items(rules::field(source, "items"))) {
      const yaml::Node* field_ref = rules::mapping_field(item, "fieldRef");
      const yaml::Node* resource_ref = rules::mapping_field(item, "resourceFieldRef");
      if (field_ref && resource_ref) {
        reporter.report(
            rules::field_span(item, "resourceFieldRef"),
            fmt::format("a downwardAPI item of {} has both a fieldRef and a resourceFieldRef: an item "
                        "has exactly one",
                        who));
      } else if (!field_ref && !resource_ref) {
        reporter.report(item->span, fmt::format("a downwardAPI item of {} has neither a fieldRef nor a "
                                                "resourceFieldRef: give it one",
                                                who));
      }
      const yaml::Node* path = rules::field(field_ref, "fieldPath");
      if (const auto text = rules::string_value(path);
          text && !text->empty() &&
          std::find(std::begin(kVolumeFieldPaths), std::end(kVolumeFieldPaths), *text) ==
              std::end(kVolumeFieldPaths) &&
          !subscripted(*text))
        reporter.report(path->span,
                        fmt::format("fieldRef \"{}\" of a downwardAPI item of {} is not supported: a "
                                    "volume can hold metadata.name, metadata.namespace, metadata.uid, "
                                    "metadata.labels and metadata.annotations, or one label or "
                                    "annotation{}",
                                    *text, who, text::did_you_mean(*text, kVolumeFieldPaths)));
      if (resource_ref &&
          rules::string_value(rules::field(resource_ref, "containerName")).value_or("").empty())
        reporter.report(
            rules::key_of(item, "resourceFieldRef")->span,
            fmt::format("the resourceFieldRef of a downwardAPI item of {} must name its container "
                        "(containerName)",
                        who));
    }
  }

  // Every path a projected source writes, with its node.
  static void paths_of(const yaml::Node* projection, std::string_view kind,
                       std::vector<const yaml::Node*>& out) {
    if (kind == "serviceAccountToken" || kind == "clusterTrustBundle") {
      if (const yaml::Node* path = rules::field(projection, "path")) out.push_back(path);
    } else if (kind == "podCertificate") {
      for (std::string_view name : {"credentialBundlePath", "keyPath", "certificateChainPath"})
        if (const yaml::Node* path = rules::field(projection, name)) out.push_back(path);
    } else {
      for (const yaml::Node* item : rules::items(rules::field(projection, "items")))
        if (const yaml::Node* path = rules::field(item, "path")) out.push_back(path);
    }
  }

  static void check_projected(const yaml::Node* projected, const std::string& who, Reporter& reporter) {
    std::vector<const yaml::Node*> paths;
    for (const yaml::Node* source : rules::items(rules::field(projected, "sources"))) {
      std::vector<const yaml::Node*> kinds;
      for (const yaml::Pair& pair : source->pairs) {
        const std::string_view name = yaml::resolve(*pair.key).value;
        if (std::find(std::begin(kProjections), std::end(kProjections), name) == std::end(kProjections) ||
            !rules::field(source, name))
          continue;
        kinds.push_back(pair.key);
        paths_of(rules::mapping_field(source, name), name, paths);
      }
      for (size_t i = 1; i < kinds.size(); ++i)
        reporter.report(kinds[i]->span,
                        fmt::format("a source of projected {} already projects {}: each source "
                                    "projects exactly one thing",
                                    who, yaml::resolve(*kinds[0]).value));
      if (const yaml::Node* bundle = rules::mapping_field(source, "clusterTrustBundle")) {
        const bool name = rules::field(bundle, "name"), signer = rules::field(bundle, "signerName");
        if (name == signer)
          reporter.report(
              rules::key_of(source, "clusterTrustBundle")->span,
              fmt::format("the clusterTrustBundle of {} must name exactly one of name and signerName", who));
      }
    }
    for (size_t i = 0; i < paths.size(); ++i) {
      const auto same = std::find_if(paths.begin(), paths.begin() + static_cast<std::ptrdiff_t>(i),
                                     [&](const yaml::Node* p) { return p->value == paths[i]->value; });
      if (same == paths.begin() + static_cast<std::ptrdiff_t>(i) || paths[i]->value.empty()) continue;
      Diagnostic& d = reporter.report(
          paths[i]->span,
          fmt::format("projected {} writes \"{}\" twice: every path of its sources must differ", who,
                      paths[i]->value));
      d.related.push_back({(*same)->span, "first written here"});
    }
  }

  static void check_ephemeral(const yaml::Node* ephemeral, const std::string& who, Reporter& reporter) {
    const yaml::Node* claim = rules::mapping_field(ephemeral, "volumeClaimTemplate");
    if (!claim) return;  // missing-required-field's
    if (const yaml::Node* metadata = rules::mapping_field(claim, "metadata")) {
      for (const yaml::Pair& pair : metadata->pairs) {
        const std::string_view name = yaml::resolve(*pair.key).value;
        if (name != "labels" && name != "annotations" && rules::field(metadata, name))
          reporter.report(pair.key->span,
                          fmt::format("the claim template of {} may only set labels and annotations in its "
                                      "metadata, not {}: the claim is named after the pod and the volume",
                                      who, name));
      }
    }
    const yaml::Node* spec = rules::mapping_field(claim, "spec");
    if (!spec) return;
    if (rules::items(rules::field(spec, "accessModes")).empty())
      reporter.report(rules::field_span(claim, "spec"),
                      fmt::format("the claim template of {} must list at least one accessMode", who));
    const yaml::Node* storage =
        rules::field(rules::mapping_field(rules::mapping_field(spec, "resources"), "requests"), "storage");
    if (!storage) {
      reporter.report(
          rules::field_span(claim, "spec"),
          fmt::format("the claim template of {} must request storage (resources.requests.storage)", who));
    } else if (storage->is_scalar()) {
      const rules::ParsedQuantity parsed = rules::parse_quantity(storage->value);
      if (parsed.ok && parsed.value.milli <= 0)
        reporter.report(storage->span,
                        fmt::format("the claim template of {} must request more than 0 storage", who));
    }
  }

  // A Pod's ephemeral volume gets a claim named "<pod>-<volume>": a DNS
  // subdomain, and no other volume of the pod may claim it by that name.
  static void check_generated_claim(const model::Workload& w, const model::Volume& v, Reporter& reporter) {
    if (!w.name.valid() || w.name.key == w.generate_name.key || !v.name.valid()) return;
    const std::string claim = fmt::format("{}-{}", w.name.value, v.name.value);
    if (!schema::matches_format(schema::Format::Dns1123Subdomain, claim))
      reporter.report(v.name.span(),
                      fmt::format("the claim of ephemeral volume \"{}\" is named \"{}\", which must be "
                                  "a DNS subdomain: it {}",
                                  v.name.value, claim,
                                  schema::describe_format_problems(schema::Format::Dns1123Subdomain, claim)));
    for (const model::Volume& other : w.pod_spec->volumes) {
      const yaml::Node* name =
          rules::field(rules::mapping_field(other.node, "persistentVolumeClaim"), "claimName");
      if (rules::string_value(name) == claim)
        reporter.report(name->span,
                        fmt::format("claim \"{}\" is the claim the pod makes for its ephemeral volume "
                                    "\"{}\": a persistentVolumeClaim volume may not use it",
                                    claim, v.name.value));
    }
  }

  static void check_csi(const yaml::Node* csi, const std::string& who, Reporter& reporter) {
    const yaml::Node* driver = rules::field(csi, "driver");
    const auto name = rules::string_value(driver);
    if (!name || name->empty()) return;
    std::string lower(*name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    if (name->size() > 63)
      reporter.report(
          driver->span,
          fmt::format("the CSI driver name of {} is {} characters long, more than 63", who, name->size()));
    else if (!schema::matches_format(schema::Format::Dns1123Subdomain, lower))
      reporter.report(
          driver->span,
          fmt::format("the CSI driver name \"{}\" of {} must be a DNS subdomain: it {}", *name, who,
                      schema::describe_format_problems(schema::Format::Dns1123Subdomain, lower)));
  }
};

PODLINT_REGISTER_RULE(InvalidVolume);

}  // namespace
}  // namespace podlint
