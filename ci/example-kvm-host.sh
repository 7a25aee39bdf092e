#!/usr/bin/env bash
# Gives a disposable KVM/QEMU machine the Xen host devices the example fleet in specs/ names, so
# that `bin/xm -c qemu:///system apply -f specs/` starts the example domains as real QEMU guests:
#   - the bridges xenbr0 and xenbr1 (Linux bridges, as Xen's network-bridge script made them);
#   - the block devices /dev/hda1..hda4 and /dev/ram0: loop devices over sparse 64 MiB files
#     under /var/lib/xm-example, linked at those names (only where the name is free);
#   - /boot/vmlinuz-2.6.18-xen and /boot/initrd-2.6.18-xen.img (only where absent): a
#     placeholder multiboot kernel of 36 bytes that halts its CPU at once, and a one-line
#     module. A Xen PV kernel does not boot under KVM, and the machine may have no kernel of its
#     own; the guests are real QEMU processes with nothing running inside, which is all xm drives.
# Idempotent; everything it made is recorded in /var/lib/xm-example/made and undone by --remove
# (the domains are xm's business: destroy them first). Needs root, iproute2 and util-linux.
# When it cannot, it says so in one line and exits 1.
set -uo pipefail
say() { echo "ci/example-kvm-host.sh: $*"; }
dir=/var/lib/xm-example
made=$dir/made
if [ "$(id -u)" != 0 ]; then
  say "needs root (it makes bridges, loop devices and files under /boot)"; exit 1
fi
for tool in ip losetup truncate; do
  command -v $tool >/dev/null || { say "needs '$tool' (apt-get install iproute2 util-linux coreutils)"; exit 1; }
done

if [ "${1:-}" = --remove ]; then
  [ -f "$made" ] || { say "nothing to remove"; exit 0; }
  tac "$made" | while read -r kind what; do
    case $kind in
      bridge) ip link del "$what" 2>/dev/null ;;
      link) [ -L "$what" ] && rm -f "$what" ;;
      loop) losetup -d "$what" 2>/dev/null ;;
      file) rm -f "$what" ;;
    esac
  done
  rm -rf "$dir"
  say "removed what it had made"
  exit 0
fi

mkdir -p "$dir" /boot
touch "$made"
record() { grep -qxF "$1 $2" "$made" || echo "$1 $2" >> "$made"; }

for br in xenbr0 xenbr1; do
  if ! ip link show "$br" >/dev/null 2>&1; then
    ip link add "$br" type bridge || { say "could not make the bridge $br"; exit 1; }
    record bridge "$br"
  fi
  ip link set "$br" up
done

for dev in hda1 hda2 hda3 hda4 ram0; do
  if [ -e "/dev/$dev" ] && ! [ -L "/dev/$dev" ]; then
    continue # a real device of that name: the guest gets it, as on a Xen host
  fi
  img=$dir/$dev.img
  [ -f "$img" ] || { truncate -s 64M "$img"; record file "$img"; }
  loop=$(losetup -j "$img" | head -1 | cut -d: -f1)
  if [ -z "$loop" ]; then
    loop=$(losetup -f --show "$img") || { say "could not attach a loop device for $img"; exit 1; }
    record loop "$loop"
  fi
  if [ "$(readlink "/dev/$dev" 2>/dev/null)" != "$loop" ]; then
    ln -sfn "$loop" "/dev/$dev"
    record link "/dev/$dev"
  fi
done

kernel=/boot/vmlinuz-2.6.18-xen
if ! [ -e "$kernel" ]; then
  # multiboot header (magic, flags with the address fields, checksum, header/load/end/bss/entry
  # addresses at 1 MiB), then at the entry: cli; hlt; jmp back to hlt
  printf '\x02\xb0\xad\x1b\x00\x00\x01\x00\xfe\x4f\x51\xe4\x00\x00\x10\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x00\x00\x20\x00\x10\x00\xfa\xf4\xeb\xfd' > "$kernel"
  record file "$kernel"
fi
initrd=/boot/initrd-2.6.18-xen.img
if ! [ -e "$initrd" ]; then
  echo "xm example placeholder initrd" > "$initrd"
  record file "$initrd"
fi
say "ready: bridges xenbr0 xenbr1, /dev/hda1..4 and /dev/ram0, $kernel"
