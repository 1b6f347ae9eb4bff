#!/usr/bin/env bash
# The console's end-to-end tests drive Debian's Chromium through playwright-core (a browser
# download of the test tool's own is not used). Installs it when missing and we may.
set -euo pipefail
browser=${OTKLIK_CHROMIUM:-/usr/bin/chromium}
if [[ -x "$browser" ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "chromium is missing at $browser: install Debian's 'chromium' package (or set OTKLIK_CHROMIUM)" >&2
  exit 1
fi
echo "installing chromium for the console's end-to-end tests"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
