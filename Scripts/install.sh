#!/bin/sh
# Installs smtpcodes under a prefix: the release binary, the man page and the bash, zsh and fish
# completions, each where its tool looks for it. --uninstall removes exactly those files.
#
#   Scripts/install.sh                     # /usr/local (PREFIX=... or --prefix DIR to change)
#   Scripts/install.sh --prefix ~/.local
#   DESTDIR=/tmp/pkg Scripts/install.sh    # packagers: staged under DESTDIR
#   Scripts/install.sh --uninstall [--prefix DIR]
#
# --binary FILE (or SMTPCODES_BINARY=FILE) installs an already-built binary instead of running
# `swift build -c release` (extra build flags: SWIFT_BUILD_FLAGS, e.g. "--scratch-path DIR").
set -eu
cd "$(dirname "$0")/.."

prefix=${PREFIX:-/usr/local}
binary=${SMTPCODES_BINARY:-}
action=install

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0"
}
fail() {
  echo "install.sh: $1" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case $1 in
    --prefix) [ $# -ge 2 ] || fail "--prefix needs a folder"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --binary) [ $# -ge 2 ] || fail "--binary needs a file"; binary=$2; shift 2 ;;
    --binary=*) binary=${1#--binary=}; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) usage; exit 0 ;;
    *) fail "unknown argument '$1'; takes --prefix DIR, --binary FILE, --uninstall, --help" ;;
  esac
done
case $prefix in
  /*) ;;
  *) fail "--prefix must be an absolute path, not '$prefix'" ;;
esac

root=${DESTDIR:-}$prefix
# Every installed file, relative to the prefix (uninstall removes exactly these).
files="bin/smtpcodes
share/man/man1/smtpcodes.1
share/bash-completion/completions/smtpcodes
share/zsh/site-functions/_smtpcodes
share/fish/vendor_completions.d/smtpcodes.fish"

if [ "$action" = uninstall ]; then
  for file in $files; do
    if [ -e "$root/$file" ]; then
      rm -f "$root/$file"
      echo "removed $root/$file"
    fi
  done
  exit 0
fi

if [ -z "$binary" ]; then
  # shellcheck disable=SC2086 # SWIFT_BUILD_FLAGS is a list of flags.
  swift build -c release --product smtpcodes ${SWIFT_BUILD_FLAGS:-}
  # shellcheck disable=SC2086
  binary=$(swift build -c release --show-bin-path ${SWIFT_BUILD_FLAGS:-})/smtpcodes
fi
[ -x "$binary" ] || fail "no executable at '$binary'"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for shell in bash zsh fish; do
  "$binary" --generate-completion-script "$shell" >"$work/$shell"
done

install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d"
install -m 755 "$binary" "$root/bin/smtpcodes"
install -m 644 Docs/smtpcodes.1 "$root/share/man/man1/smtpcodes.1"
install -m 644 "$work/bash" "$root/share/bash-completion/completions/smtpcodes"
install -m 644 "$work/zsh" "$root/share/zsh/site-functions/_smtpcodes"
install -m 644 "$work/fish" "$root/share/fish/vendor_completions.d/smtpcodes.fish"
for file in $files; do echo "installed $root/$file"; done
