#!/usr/bin/env bash
# System packages the tests use: Debian's Chromium (browser tests), ffmpeg (video posters, demo clips),
# redis-server (scale-out tests) and wrk (the load benchmark, bench/load.py).
# Installed with apt when we are root; never a browser download.
set -u
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
command -v wrk >/dev/null || missing+=(wrk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null) \
    || echo "Could not install ${missing[*]}; the tests that need them will be skipped." >&2
else
  echo "Missing Debian packages: ${missing[*]} (apt-get install ${missing[*]}); the tests that need them will be skipped." >&2
fi
exit 0
