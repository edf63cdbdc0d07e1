#!/usr/bin/env bash
# The browser test drives Debian's Chromium (no browser download: playwright-core only).
# Installs it when missing; prints its path.
exec "$(dirname "$0")/ensure-apt-package.sh" "${BROWSER_CHROMIUM:-/usr/bin/chromium}" chromium "the browser test"
