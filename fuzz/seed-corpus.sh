#!/usr/bin/env sh
# Seeds fuzz/corpus/load_plan/ with every plan, scenario and reproducer in
# the repository (the corpus itself is not committed).
set -eu
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/load_plan
mkdir -p "$corpus"
for f in plans/*.toml plans/*/*.toml tests/*/*.toml tests/*/*/*.toml; do
  [ -f "$f" ] || continue
  cp "$f" "$corpus/$(printf '%s' "$f" | tr '/' '_')"
done
# One-line --set arguments, the other half of the target's input.
printf 'budget.scale=0.9\nitem.radio.max_units=8\n' > "$corpus/set_scale_units"
printf 'budget.years.2026=150M\nplan.objective=min-cost\n' > "$corpus/set_year_objective"
echo "seeded $(ls "$corpus" | wc -l) files into $corpus"
