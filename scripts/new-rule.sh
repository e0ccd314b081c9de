#!/usr/bin/env bash
# Scaffolds a rule's three places: rules/ID.cpp (the check), docs/rules/ID.md
# (its page) and tests/rules/ID/basics.yaml (a fixture). The scaffold builds,
# and its tests fail until the rule, its page and its fixture say something
# true: fill in every TODO, then run scripts/generate.sh.
#
#   scripts/new-rule.sh ID CATEGORY     e.g. scripts/new-rule.sh host-pid-shared security
#
# CATEGORY is one of Category's names (src/engine/rule.hpp): yaml, schema,
# metadata, containers, env, volumes, ports, probes, resources, restart-policy,
# scheduling, workloads, references, security, suppression.
set -euo pipefail
root="${PODLINT_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
if [[ $# -ne 2 ]]; then
  echo "usage: scripts/new-rule.sh ID CATEGORY" >&2
  exit 2
fi
id="$1"
category="$2"
if [[ ! $id =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]]; then
  echo "new-rule: \"$id\" is not a kebab-case id" >&2
  exit 2
fi
case "$category" in
  yaml | schema | metadata | containers | env | volumes | ports | probes | resources | restart-policy | \
    scheduling | workloads | references | security | suppression) ;;
  *)
    echo "new-rule: unknown category \"$category\"" >&2
    exit 2
    ;;
esac
for place in "rules/$id.cpp" "docs/rules/$id.md" "tests/rules/$id"; do
  if [[ -e $root/$place ]]; then
    echo "new-rule: $place exists already" >&2
    exit 1
  fi
done
pascal() { sed -E 's/(^|-)([a-z0-9])/\U\2/g' <<<"$1"; }
class="$(pascal "$id")"
enum="$(pascal "$category")"

cat >"$root/rules/$id.cpp" <<CPP
// $id: TODO what the rule checks, in one line.
#include "engine/rule.hpp"

namespace podlint {
namespace {

class $class final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .id = "$id",
        .severity = Severity::Warning,
        .category = Category::$enum,
        .consequence = Consequence::Risk,  // TODO: Rejected, Fails or Risk (src/engine/rule.hpp)
    };
    return info;
  }

  void check_workload(const model::Workload& workload, Reporter& reporter) const override {
    // TODO: find what is wrong in workload (src/model/pod.hpp) and
    // reporter.report(the exact span, "what is wrong, in our own words").
    (void)workload;
    (void)reporter;
  }
};

PODLINT_REGISTER_RULE($class);

}  // namespace
}  // namespace podlint
CPP

cat >"$root/docs/rules/$id.md" <<MD
# $id

TODO: one sentence saying what it reports.

## What it checks

TODO: exactly which fields, containers and kinds it looks at, and when it reports.

## Why it matters

TODO: what the API server, the kubelet or the cluster does with it.

## Example: reported

\`\`\`yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
\`\`\`

## Example: fixed

\`\`\`yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
\`\`\`

## How to fix

TODO: what to change.
MD

mkdir -p "$root/tests/rules/$id"
cat >"$root/tests/rules/$id/basics.yaml" <<YAML
# $id: TODO what this fixture shows. Each finding is stated next to its line:
# "# expect: $id@COLUMN \"message\"" (see tests/rule_fixture/rule_fixture.cpp).
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web  # expect: $id@13 "TODO"
      image: nginx:1.27
YAML

echo "new-rule: wrote rules/$id.cpp, docs/rules/$id.md and tests/rules/$id/basics.yaml"
echo "new-rule: fill in the TODOs, then run scripts/generate.sh"
