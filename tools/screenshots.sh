#!/usr/bin/env bash
# Screenshots of the built site at phone (360 px) and desktop widths, for a
# person to look at before a release. Needs Debian's chromium
# (apt-get install -y chromium) and python3; writes into shots/.
#   tools/screenshots.sh [PUBLIC_DIR]
set -euo pipefail
public=${1:-public}
out=shots
port=8765
mkdir -p "$out"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$public" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
shoot() { # name url width height
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --hide-scrollbars \
    --user-data-dir="$(mktemp -d)" --window-size="$3,$4" \
    --screenshot="$out/$1.png" "$2" >/dev/null 2>&1
  echo "$out/$1.png"
}
# Every language directory the build wrote (drafts too, in a preview build).
for page in $(cd "$public" && ls -d */ | tr -d / | grep -v "^a$"); do
  shoot "$page-phone" "http://127.0.0.1:$port/$page/" 360 2400
  shoot "$page-desktop" "http://127.0.0.1:$port/$page/" 1280 1800
done
shoot root-phone "http://127.0.0.1:$port/" 360 800
shoot 404-phone "http://127.0.0.1:$port/404.html" 360 800
