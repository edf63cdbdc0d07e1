#!/usr/bin/env bash
# The queue-mode e2e tests (jest project e2e-queue) start Debian's redis-server themselves,
# on a free port of 127.0.0.1. Installs it when missing; prints its path. The package's
# service is not started (apt does not start services here, and the tests need none).
set -euo pipefail
REDIS="${FANVUE_REDIS_SERVER:-/usr/bin/redis-server}"
if [ ! -x "$REDIS" ]; then
	if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
		echo "redis-server is missing at $REDIS: install Debian's redis-server package (apt-get install -y redis-server)" >&2
		exit 1
	fi
	echo "Installing Debian's redis-server for the queue-mode e2e tests (once)..." >&2
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends redis-server >&2
fi
echo "$REDIS"
