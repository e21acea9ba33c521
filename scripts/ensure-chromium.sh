#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; install it when we can, never download a browser build.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install chromium; browser tests will be skipped." >&2
else
  echo "Chromium is missing: install Debian's 'chromium' package to run the browser tests." >&2
fi
exit 0
