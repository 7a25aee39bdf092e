#!/usr/bin/env bash
# Starts a real libvirtd with QEMU for the qemu:///system suite, idempotently, on a Debian machine
# without systemd (as CI's): installs libvirt-daemon, its QEMU driver and qemu-system-x86 (about
# 34 packages, without recommends), makes the directories and the libvirt-qemu user libvirt
# expects, and starts virtlogd and libvirtd. Guests are TCG (no KVM needed). When it cannot (not
# root, no apt-get, no archive), it says so in one line and exits 0: the suite then reports itself
# as skipped, never as passed.
set -uo pipefail
say() { echo "ci/start-libvirtd.sh: $*"; }
if virsh -c qemu:///system version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  say "qemu:///system is not reachable and this is not root; the qemu:///system suite will not run"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
pkgs="libvirt-clients libvirt-daemon libvirt-daemon-driver-qemu qemu-system-x86"
installed=$(dpkg-query -W -f='${Status}\n' $pkgs 2>/dev/null | grep -c 'install ok installed')
if [ "$installed" = 4 ]; then
  : # all four are there
elif ! command -v apt-get >/dev/null; then
  say "no apt-get here; the qemu:///system suite will not run (install: $pkgs)"
  exit 0
elif ! { apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1; }; }; then
  say "apt-get could not install $pkgs; the qemu:///system suite will not run"
  exit 0
fi
mkdir -p /var/log/libvirt /var/lib/libvirt /var/cache/libvirt /run/libvirt
getent group libvirt-qemu >/dev/null || groupadd -r libvirt-qemu
getent passwd libvirt-qemu >/dev/null || useradd -r -g libvirt-qemu -d /var/lib/libvirt -s /usr/sbin/nologin libvirt-qemu
pgrep -x virtlogd >/dev/null || virtlogd -d
pgrep -x libvirtd >/dev/null || libvirtd -d
for _ in $(seq 1 50); do
  if virsh -c qemu:///system version >/dev/null 2>&1; then
    say "libvirtd is up (qemu:///system)"
    exit 0
  fi
  sleep 0.2
done
say "libvirtd did not answer on qemu:///system; the qemu:///system suite will not run"
exit 0
