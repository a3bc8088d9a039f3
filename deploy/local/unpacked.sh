#!/usr/bin/env bash
# Prints the path of a program from a Debian package, unpacked into the cache and never installed
# (installing could start services, e.g. nginx on 0.0.0.0:80). Fetched once per machine.
#
# Usage: unpacked.sh PACKAGE PATH-IN-PACKAGE      e.g. unpacked.sh nginx usr/sbin/nginx
set -euo pipefail

package=${1:?usage: unpacked.sh PACKAGE PATH-IN-PACKAGE}
inside=${2:?usage: unpacked.sh PACKAGE PATH-IN-PACKAGE}
cache=${RECRUITMENT_CACHE:-$HOME/.cache/recruitment}/debian/$package

die() { echo "unpacked.sh: $*" >&2; exit 1; }

if [[ ! -x $cache/$inside ]]; then
  command -v apt-get >/dev/null || die "$package is needed and there is no apt-get to fetch it"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # Package lists are empty on a fresh machine: one update is enough.
  if ! (cd "$tmp" && apt-get download "$package" >/dev/null 2>&1); then
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$tmp" && apt-get download "$package" >/dev/null 2>&1) || die "apt-get download $package failed"
  fi
  dpkg-deb -x "$tmp"/"${package}"_*.deb "$tmp/root"
  [[ -x $tmp/root/$inside ]] || die "the $package package has no $inside"
  mkdir -p "$(dirname "$cache")"
  rm -rf "$cache"
  mv "$tmp/root" "$cache"  # a rename: a concurrent run never sees half a folder
fi
echo "$cache/$inside"
