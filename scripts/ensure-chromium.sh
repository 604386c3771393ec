#!/bin/sh
# Make sure a Chromium for the browser tests (driven by the playwright package) is at hand:
# install Debian's chromium, with the Korean fonts (fonts-noto-cjk) in the same apt-get call,
# when apt-get is usable. Never fatal: without a browser those tests skip and say why.
have_fonts() { ! command -v dpkg >/dev/null 2>&1 || dpkg -s fonts-noto-cjk >/dev/null 2>&1; }
if command -v chromium >/dev/null 2>&1 && have_fonts; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" != none ]; then
        echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests..."
        $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null \
            && command -v chromium >/dev/null 2>&1 && exit 0
    fi
fi
echo "No Chromium could be installed (needs apt-get as root or sudo): the browser tests will be skipped." >&2
echo "  Debian/Ubuntu:  sudo apt-get install chromium fonts-noto-cjk" >&2
exit 0
