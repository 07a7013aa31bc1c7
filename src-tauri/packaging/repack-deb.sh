#!/usr/bin/env bash
# Packs the bundler's .deb again, for a smaller download. The bundler packs
# it with gzip; here the files it laid out are packed with xz, and the data
# member with xz's x86 branch filter before it, which makes machine code
# about 5% smaller again. dpkg and apt read any .xz member (liblzma decodes
# every filter), and `tests/dist/install.sh` installs the result with apt.
# Usage: repack-deb.sh PACKAGE.deb   (replaced in place)
set -euo pipefail
deb=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dpkg-deb -R "$deb" "$work/root"
# Uncompressed members, then each compressed here: dpkg-deb takes no filters.
dpkg-deb -Znone --root-owner-group -b "$work/root" "$work/plain.deb" >/dev/null
cd "$work"
[ "$(ar t plain.deb | tr '\n' ' ')" = "debian-binary control.tar data.tar " ] ||
  { echo "repack-deb: unexpected members in $deb" >&2; exit 1; }
ar x plain.deb
xz -9 --threads=1 control.tar
xz --x86 --lzma2=preset=9e --threads=1 data.tar
rm -f repacked.deb
# The order dpkg requires; D: zero timestamps and owners, as dpkg-deb writes.
ar rcD repacked.deb debian-binary control.tar.xz data.tar.xz
dpkg-deb --info repacked.deb >/dev/null
mv repacked.deb "$deb"
