#!/usr/bin/env bash
# End-to-end test files once per n8n version: `npm run test:e2e:matrix` runs the trigger's
# (test/e2e/trigger.test.ts, the file that passes on every version of the list), or name the
# files: `npm run test:e2e:matrix -- test/e2e/templates-sync.test.ts`. N8N_VERSIONS overrides the
# list (see README, Compatibility, for what each version passes). Each
# version is installed once into its own cache folder (~/.cache/n8n-nodes-fanvue/n8n-<version>,
# by scripts/install-n8n.sh through the harness) and the files run one at a time, because each
# starts its own n8n. Every version runs even when an earlier one fails; the exit code is that
# of the first failure.
set -uo pipefail
cd "$(dirname "$0")/.."
VERSIONS="${N8N_VERSIONS:-2.41.1 1.123.81}"
[ "$#" -gt 0 ] || set -- test/e2e/trigger.test.ts
status=0
failed=()
for version in $VERSIONS; do
	echo "== n8n $version" >&2
	N8N_VERSION="$version" npx jest "$@" --selectProjects e2e --runInBand
	code=$?
	if [ "$code" -ne 0 ]; then
		failed+=("$version")
		[ "$status" -eq 0 ] && status=$code
	fi
done
echo "== n8n versions: $VERSIONS; failed: ${failed[*]:-none}" >&2
exit "$status"
