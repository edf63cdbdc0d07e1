#!/usr/bin/env bash
# ensure-apt-package.sh BINARY PACKAGE PURPOSE [APT-GET OPTIONS...]
# Installs Debian's PACKAGE when BINARY is missing (as root, or through a sudo that asks no
# password); prints BINARY.
# Services the package brings are not started (apt does not start them here; the tests start
# what they need themselves).
set -euo pipefail
BINARY="$1" PACKAGE="$2" PURPOSE="$3"
shift 3
if [ ! -x "$BINARY" ]; then
	# Root installs; otherwise only a sudo that needs no password (never a prompt that could hang
	# a test run); anyone else is told what to install.
	if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
		echo "$PACKAGE is missing at $BINARY: install Debian's $PACKAGE package (sudo apt-get install -y $PACKAGE)" >&2
		exit 1
	fi
	echo "Installing Debian's $PACKAGE for $PURPOSE (once)..." >&2
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" "$PACKAGE" >&2
fi
echo "$BINARY"
