#!/usr/bin/env bash
# Refreshes the README's pictures (docs/images/*.png) from the browser test.
#
# test/browser/editor.test.ts writes its screenshots to test-output/screenshots/ only (git-ignored),
# the README's pictures among them under their docs/images/ names. This runs that test from a
# clean screenshots folder and, when it passed and made every picture docs/images/ has, copies
# them over the tracked ones. Review with `git diff --stat docs/images` and commit by hand.
# Extra arguments go to jest.
#
#   scripts/refresh-readme-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."

shots=test-output/screenshots
rm -rf "$shots"
npx jest test/browser/editor.test.ts --selectProjects browser "$@"

missing=()
for image in docs/images/*.png; do
	[ -f "$shots/$(basename "$image")" ] || missing+=("$(basename "$image")")
done
if [ "${#missing[@]}" -gt 0 ]; then
	echo "refresh-readme-images: the browser test made no ${missing[*]} in $shots; docs/images left as it was" >&2
	exit 1
fi
for image in docs/images/*.png; do
	cp "$shots/$(basename "$image")" "$image"
	echo "refreshed $image"
done
