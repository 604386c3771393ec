#!/bin/sh
# Make sure Graphviz's `dot` program is on PATH: install Debian's package when we can,
# otherwise say exactly what to install.
command -v dot >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" != none ]; then
        echo "Graphviz's 'dot' is missing: installing Debian's graphviz package..."
        $SUDO apt-get update -qq && $SUDO apt-get install -y -qq graphviz >/dev/null && command -v dot >/dev/null 2>&1 && exit 0
    fi
fi
cat >&2 <<'MSG'
Graphviz's 'dot' program is missing and could not be installed automatically. Install it with one of:
  Debian/Ubuntu:  sudo apt-get install graphviz
  Fedora:         sudo dnf install graphviz
  macOS:          brew install graphviz
  conda:          conda install -c conda-forge graphviz
  Windows:        the installer from https://graphviz.org/download/ (add its bin folder to PATH)
MSG
exit 1
