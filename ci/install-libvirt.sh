#!/usr/bin/env bash
# Installs what the libvirt backend's tests need, idempotently: libvirt's client library
# (libvirt0, with virsh from libvirt-clients), which runs the test:///default driver inside the
# calling process. Needs root and Debian's archive; when either is missing it says so in one line
# and exits 0, and the libvirt suites then report themselves as not run (never as passed).
set -uo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libvirt\.so\.0'; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "ci/install-libvirt.sh: libvirt0 is not installed and this is not root; the libvirt suites will not run (install it with: apt-get install libvirt-clients)"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ci/install-libvirt.sh: no apt-get here; the libvirt suites will not run (install libvirt's client library, libvirt0)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get install -y -qq --no-install-recommends libvirt-clients >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends libvirt-clients >/dev/null 2>&1; }; }; then
  echo "ci/install-libvirt.sh: apt-get could not install libvirt-clients; the libvirt suites will not run"
  exit 0
fi
echo "ci/install-libvirt.sh: installed libvirt-clients ($(dpkg-query -W -f='${Version}' libvirt0 2>/dev/null))"
