#!/usr/bin/env bash
# make-expected.sh - regenerate mms-codec/src/test/resources/golden/**/*.expected.json:
# what Wireshark's tshark dissectors (via mms-oracle.sh) report for every public test vector.
#
# usage: mms-codec/src/test/oracle/make-expected.sh [VECTORS_DIR]
#   VECTORS_DIR  default: ../shared/vectors relative to the repository root
#   env MMS_ORACLE  path of mms-oracle.sh (default: VECTORS_DIR/../tools/mms-oracle.sh)
#   env GOLDEN_DIR  output dir (default: mms-codec/src/test/resources/golden)
# Needs tshark and python3 (stdlib only). Output is deterministic (no timestamps), so a diff after
# regeneration shows only what the dissector reports differently.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
VECTORS="${1:-$REPO/../shared/vectors}"
[ -d "$VECTORS" ] || { echo "vectors dir not found: $VECTORS" >&2; exit 1; }
VECTORS="$(cd "$VECTORS" && pwd)"
ORACLE="${MMS_ORACLE:-$VECTORS/../tools/mms-oracle.sh}"
[ -r "$ORACLE" ] || { echo "mms-oracle.sh not found: $ORACLE (set MMS_ORACLE)" >&2; exit 1; }
OUT="${GOLDEN_DIR:-$REPO/mms-codec/src/test/resources/golden}"
command -v tshark >/dev/null || { echo "tshark not installed" >&2; exit 1; }

# "TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)." -> "tshark 4.0.17"
TSV=$(tshark --version 2>/dev/null | head -1 | sed -n 's/^TShark (Wireshark) \([0-9][0-9.]*\).*/\1/p')
[ -n "$TSV" ] || { echo "cannot determine the tshark version" >&2; exit 1; }

mkdir -p "$OUT"
exec python3 "$HERE/make-expected.py" --oracle "$ORACLE" --oracle-version "tshark $TSV" "$VECTORS" "$OUT"
