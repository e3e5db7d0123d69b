#!/usr/bin/env bash
# Makes the local base image of the store's images: Debian 12 (bookworm), debootstrap's minbase
# variant, a user `bookstore` (uid/gid 1000) and /var/lib/bookstore owned by it; written as a
# `docker save` tar (one gzip layer) that Jib takes as `tar://...`. No Java: the images carry a
# JDK 25 runtime of their own, made by jlink from the build's JDK (a layer above this base, see
# ../pom.xml), at /opt/java, which this base's JAVA_HOME and PATH name. For machines that reach
# Debian's package mirrors but no container registry. With a registry, build on any glibc base
# with that user instead (-Dimage.base=debian:12-slim).
#
#   make-base.sh OUTPUT_TAR | tar://OUTPUT_TAR | REGISTRY_IMAGE
#
# (the last: a registry base such as debian:12-slim, nothing to make: Maven passes its
# image.base property as it is)
#
# Exit status: 0 when OUTPUT_TAR is there (made now, or made before by this same script: a second
# build reuses it), 3 when it cannot be made here (not root, no debootstrap and none to install,
# no network: the reason on stderr; Maven then skips the images with a warning), 1 on any other
# failure.
#
# Reproducible as far as the Debian archive is: the same package versions give the same layer,
# byte for byte (every file's time is SOURCE_DATE_EPOCH, default 0; names sorted; numeric owners;
# logs, caches and apt lists left out; gzip without name or time). OUTPUT_TAR.packages lists the
# versions that went in. Environment: BOOKSTORE_DEBIAN_MIRROR (default: debootstrap's own),
# SOURCE_DATE_EPOCH.
set -euo pipefail
umask 022

[[ $# -eq 1 ]] || { echo "usage: $0 OUTPUT_TAR | tar://OUTPUT_TAR | REGISTRY_IMAGE" >&2; exit 1; }
case $1 in
  tar://*) OUT=${1#tar://} ;;
  /* | ./* | ../*) OUT=$1 ;;
  *) echo "make-base: the base is the registry image $1: nothing to make"; exit 0 ;;
esac
OUT=$(realpath -m "$OUT")
SUITE=bookworm
IMAGE_REF=bookstore/debian-base:$SUITE
JAVA_HOME_IN_IMAGE=/opt/java
: "${SOURCE_DATE_EPOCH:=0}"
export SOURCE_DATE_EPOCH
HERE=$(cd "$(dirname "$0")" && pwd)
# the base is made again when this script or its helper changes
SELF_SUM=$(sha256sum <"$HERE/make-base.sh" | cut -c1-64)

if [[ -s $OUT && -f $OUT.stamp && $(<"$OUT.stamp") == "$SELF_SUM" ]]; then
  echo "make-base: $OUT is up to date (made by this script before)"
  exit 0
elif [[ -s $OUT && ! -f $OUT.stamp ]]; then
  echo "make-base: $OUT was not made by this script: using it as it is"
  exit 0
fi

cannot() { echo "make-base: cannot make the base image here: $*" >&2; exit 3; }

[[ $(id -u) == 0 ]] || cannot "debootstrap needs root (run the build as root, or pass -Dimage.base=debian:12-slim with a registry)"
if ! command -v debootstrap >/dev/null; then
  command -v apt-get >/dev/null || cannot "no debootstrap, and no apt-get to install it"
  echo "make-base: installing debootstrap (apt-get)"
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap ||
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap; }; } \
    >/dev/null 2>&1 || cannot "debootstrap is not installed and apt-get could not install it (no network?)"
fi
[[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] || cannot "no Debian archive keyring (/usr/share/keyrings/debian-archive-keyring.gpg) to check $SUITE's packages"

OUT_DIR=$(dirname "$OUT")
mkdir -p "$OUT_DIR"
WORK=$(mktemp -d "$OUT_DIR/make-base.XXXXXX")
ROOT=$WORK/rootfs
LOG=$WORK/make-base.log
trap 'rm -rf "$WORK"' EXIT
started=$(date +%s)

# 1. the minimal Debian system; downloaded packages are kept for the next run
echo "make-base: debootstrap --variant=minbase $SUITE (log: $LOG)"
mkdir -p "$OUT_DIR/debs"
# shellcheck disable=SC2086 # the mirror is optional
if ! debootstrap --variant=minbase --cache-dir="$OUT_DIR/debs" "$SUITE" "$ROOT" ${BOOKSTORE_DEBIAN_MIRROR:-} >"$LOG" 2>&1; then
  tail -n 5 "$LOG" >&2
  cannot "debootstrap failed (no network to Debian's mirrors?)"
fi

# shellcheck disable=SC2016 # dpkg-query's fields, not the shell's
chroot "$ROOT" dpkg-query -W -f '${Package} ${Version} ${Architecture}\n' >"$WORK/packages"
ARCH=$(chroot "$ROOT" dpkg --print-architecture)

# 3. the user the store runs as and its state folder
echo 'bookstore:x:1000:1000:bookstore:/home/bookstore:/usr/sbin/nologin' >>"$ROOT/etc/passwd"
echo 'bookstore:x:1000:' >>"$ROOT/etc/group"
echo 'bookstore:!:0:0:99999:7:::' >>"$ROOT/etc/shadow"
echo 'bookstore:!::' >>"$ROOT/etc/gshadow"
install -d -o 1000 -g 1000 -m 0750 "$ROOT/var/lib/bookstore" "$ROOT/home/bookstore"

# 4. leave out what differs from run to run or is not needed in a container
rm -rf "$ROOT"/var/cache/apt/* "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/debconf/*-old \
  "$ROOT"/var/lib/dpkg/*-old "$ROOT"/var/cache/ldconfig/aux-cache "$ROOT"/etc/*- \
  "$ROOT"/usr/share/man/* "$ROOT"/usr/share/info/* "$ROOT"/usr/share/lintian \
  "$ROOT"/tmp/* "$ROOT"/var/tmp/* "$ROOT"/etc/hostname "$ROOT"/etc/machine-id
find "$ROOT/var/log" -type f -delete
# message translations (the JVM reads none)
find "$ROOT/usr/share/locale" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
# documentation, but every package's copyright notice
find "$ROOT/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
find "$ROOT/usr/share/doc" -mindepth 1 -type d -empty -delete
# the container runtime provides these
: >"$ROOT/etc/resolv.conf"
# every account's "last password change" is the day it was made: make it day 0
sed -i -E 's/^([^:]*:[^:]*:)[0-9]+:/\10:/' "$ROOT/etc/shadow"

# 5. one layer: sorted, one time, numeric owners, /dev /proc /sys left empty
echo "make-base: writing the layer"
tar --create --file="$WORK/layer.tar" --directory="$ROOT" --sort=name --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  --mtime="@$SOURCE_DATE_EPOCH" --numeric-owner \
  --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* --exclude=./run/* .
DIFF_ID=$(sha256sum "$WORK/layer.tar" | cut -c1-64)
gzip -n -6 "$WORK/layer.tar"
LAYER_SUM=$(sha256sum "$WORK/layer.tar.gz" | cut -c1-64)

created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
mkdir -p "$WORK/image/$LAYER_SUM"
mv "$WORK/layer.tar.gz" "$WORK/image/$LAYER_SUM/layer.tar.gz"
cat >"$WORK/config.json" <<EOF
{"architecture":"$ARCH","os":"linux","created":"$created",
 "config":{"Env":["PATH=$JAVA_HOME_IN_IMAGE/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$JAVA_HOME_IN_IMAGE","LANG=C.UTF-8"],
  "Cmd":["/bin/sh"],"WorkingDir":"/",
  "Labels":{"bookstore.base":"$IMAGE_REF: Debian $SUITE minbase, made by deploy/images/base/make-base.sh"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$DIFF_ID"]},
 "history":[{"created":"$created","created_by":"deploy/images/base/make-base.sh: debootstrap --variant=minbase $SUITE; user bookstore (1000)"}]}
EOF
CONFIG_SUM=$(sha256sum "$WORK/config.json" | cut -c1-64)
mv "$WORK/config.json" "$WORK/image/$CONFIG_SUM.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar.gz"]}]\n' \
  "$CONFIG_SUM" "$IMAGE_REF" "$LAYER_SUM" >"$WORK/image/manifest.json"
tar --create --file="$WORK/base.tar" --directory="$WORK/image" --sort=name --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  manifest.json "$CONFIG_SUM.json" "$LAYER_SUM"

mv -f "$WORK/packages" "$OUT.packages"
mv -f "$WORK/base.tar" "$OUT"
echo "$SELF_SUM" >"$OUT.stamp"
echo "make-base: wrote $OUT ($(du -h "$OUT" | cut -f1), layer sha256:$DIFF_ID, $(wc -l <"$OUT.packages") packages) in $(($(date +%s) - started)) s"
