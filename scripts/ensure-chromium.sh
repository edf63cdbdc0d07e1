#!/usr/bin/env bash
# The browser test drives Debian's Chromium (no browser download: playwright-core only).
# Installs it when missing; prints its path.
set -euo pipefail
CHROMIUM="${BROWSER_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
	if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
		echo "Chromium is missing at $CHROMIUM: install Debian's chromium package (apt-get install -y chromium)" >&2
		exit 1
	fi
	echo "Installing Debian's chromium for the browser test (once)..." >&2
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
echo "$CHROMIUM"
