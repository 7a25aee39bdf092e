#!/usr/bin/env bash
# Makes the Debian package target/xm_VERSION_all.deb from the built jar, man page and completion
# script, with dpkg-deb (Debian's own tool). Run by the build (mvn package) after the jar is made;
# on a machine without dpkg-deb it says so and makes nothing.
#   usage: ci/build-deb.sh VERSION TARGET_DIR
set -euo pipefail
version="$1"
target="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "build-deb: no dpkg-deb on this machine: no Debian package made (the tarball is)" >&2
  exit 0
fi
# Debian's version order: 0.1.0-SNAPSHOT is before 0.1.0, so it is 0.1.0~snapshot
deb_version="$(printf '%s' "$version" | sed -e 's/-SNAPSHOT$/~snapshot/' -e 's/-/~/g')"
stage="$target/deb/xm_${deb_version}_all"
rm -rf "$target/deb"
install -d "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/xm" "$stage/usr/share/man/man1" \
  "$stage/usr/share/bash-completion/completions" "$stage/usr/share/doc/xm/examples"
install -m 0755 "$root/src/release/xm" "$stage/usr/bin/xm"
install -m 0644 "$target/xm.jar" "$stage/usr/share/xm/xm.jar"
gzip -9n < "$target/man/xm.1" > "$stage/usr/share/man/man1/xm.1.gz"
install -m 0644 "$target/classes/xm/docs/xm-completion.bash" "$stage/usr/share/bash-completion/completions/xm"
install -m 0644 "$root/README.md" "$stage/usr/share/doc/xm/README.md"
cp -r "$root/specs" "$root/policies" "$stage/usr/share/doc/xm/examples/"
find "$stage/usr/share/doc/xm/examples" -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
cat > "$stage/usr/share/doc/xm/copyright" <<'COPYRIGHT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: xm
Comment: Xen's xm management tool, rebuilt as a declarative reconciler. The jar bundles
 snakeyaml-engine, Jackson, Quartz, JGit, the Prometheus client, the PostgreSQL JDBC driver,
 libvirt's Java binding and JNA, each under its own license.
COPYRIGHT
size_kib="$(du -sk "$stage/usr" | cut -f1)"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: xm
Version: $deb_version
Architecture: all
Section: admin
Priority: optional
Depends: openjdk-17-jre-headless | java17-runtime-headless
Suggests: libvirt0, libvirt-daemon-system
Installed-Size: $size_kib
Maintainer: xm developers <xm@localhost>
Homepage: https://github.com/xm/xm
Description: Xen's xm management tool, as a declarative reconciler
 Every subcommand of Xen's xm (3.4), with its output formats, messages and
 exit codes, on an embedded simulated Xen host or, through libvirt, on real
 hosts; and xm apply / xm diff, which converge domains, devices, security
 labels and policies declared in YAML, GitOps-style.
CONTROL
out="$target/xm_${deb_version}_all.deb"
dpkg-deb --root-owner-group -Zgzip --build "$stage" "$out" >/dev/null
echo "build-deb: made $out"
