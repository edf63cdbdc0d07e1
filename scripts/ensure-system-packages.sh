#!/usr/bin/env bash
# What `npm run test:all` needs beyond Node.js and npm: Debian's redis-server (the queue-mode
# tests start it) and chromium (the browser test drives it). Installs what is missing with
# apt-get when root (or through a sudo that asks no password); otherwise names every missing
# package and fails.
set -uo pipefail
dir="$(dirname "$0")"
missing=()
"$dir/ensure-redis.sh" >/dev/null || missing+=(redis-server)
"$dir/ensure-chromium.sh" >/dev/null || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
	echo "npm run test:all needs Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (or run as root), or use npm test, which needs neither." >&2
	exit 1
fi
