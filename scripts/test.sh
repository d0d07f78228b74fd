#!/usr/bin/env bash
# `npm test`: install what is missing (incl. Debian's chromium and nginx), then run every check.
# All steps run even when an earlier one fails; the exit status is non-zero if any failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit

bash scripts/ensure-deps.sh --test || exit

steps=(lint check test:unit build test:browser)
results=()
failed=0
for step in "${steps[@]}"; do
  echo
  echo "==> npm run $step"
  if [[ $step == build ]]; then
    # A failed build must not leave an old one behind for the browser tests.
    rm -rf build
  fi
  started=$SECONDS
  if npm run "$step"; then
    results+=("PASS  $step ($((SECONDS - started))s)")
  else
    results+=("FAIL  $step ($((SECONDS - started))s)")
    failed=1
  fi
done

echo
echo "==> summary"
printf '  %s\n' "${results[@]}"
exit "$failed"
