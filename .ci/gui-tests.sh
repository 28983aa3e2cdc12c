#!/usr/bin/env bash
# The tests that need a screen (skipped by `mvn -B verify` where there is none), on a virtual screen (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "ci: installing Xvfb"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth >/dev/null
fi
xvfb-run -a -s "-screen 0 1280x800x24" mvn -B -q surefire:test -Dtest='*GuiTest' -Dsurefire.failIfNoSpecifiedTests=false
for report in target/surefire-reports/TEST-*GuiTest.xml; do
  if grep -q 'skipped="[1-9]' "$report" || grep -q 'tests="0"' "$report"; then
    echo "ci: $report skipped its tests although a screen was there" >&2
    exit 1
  fi
done
echo "ci: GUI tests passed on a virtual screen"
