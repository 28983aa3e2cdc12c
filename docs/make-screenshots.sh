#!/bin/sh
# Makes the README screenshots docs/images/dialog.png and docs/images/result.png: plain ImageJ with the
# SAM 2 Tracker dialog, then its result, on a virtual screen (Xvfb) with a small window manager for title bars.
set -eu
cd "$(dirname "$0")/.."

if ! command -v xvfb-run >/dev/null || ! command -v openbox >/dev/null; then
	sudo=""
	[ "$(id -u)" = 0 ] || sudo=sudo
	$sudo apt-get update
	$sudo apt-get install -y --no-install-recommends xvfb xauth openbox
fi

mvn -q -o test-compile
mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/screenshots.classpath
classpath="target/test-classes:target/classes:$(cat target/screenshots.classpath)"

# A fresh home: no saved ImageJ settings and no installed models of this computer show in the pictures.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
unset SAM2_TRACKER_MODELS

xvfb-run -a -s "-screen 0 1600x1024x24" sh -c '
	HOME="$1" openbox >/dev/null 2>&1 &
	sleep 1
	exec java -Duser.home="$1" -cp "$2" org.sam2tracker.docs.Screenshots docs/images
' screenshots "$home" "$classpath"
