#!/usr/bin/env bash
# The queue-mode e2e tests (jest project e2e-queue) start Debian's redis-server themselves,
# on a free port of 127.0.0.1. Installs it when missing; prints its path.
exec "$(dirname "$0")/ensure-apt-package.sh" "${FANVUE_REDIS_SERVER:-/usr/bin/redis-server}" redis-server "the queue-mode e2e tests" --no-install-recommends
