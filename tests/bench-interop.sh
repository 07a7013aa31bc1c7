#!/usr/bin/env bash
# Times a programme import into a new plan followed by a calendar export of
# the whole plan, each as its own process (start-up included), for the real
# schedules and a generated 5,000-row XLSX programme. Release build.
set -euo pipefail
bin=./target/release/plenary
data=${DATA:-../shared/data/schedules}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ms() { echo $(( ($2 - $1) / 1000000 )); }

printf '%-44s %9s %8s %10s %10s %12s\n' "Source" "Sessions" "Rooms" "import ms" "export ms" "together ms"
measure() {
  local src=$1 label=$2; shift 2
  local best_i=999999 best_e=999999 sessions rooms
  for _ in $(seq "$runs"); do
    rm -f "$work/p.plenary" "$work/p.plenary-wal" "$work/p.plenary-shm" "$work/p.ics"
    local t0 t1 t2
    t0=$(date +%s%N)
    "$bin" import --new "$work/p.plenary" "$src" "$@" >"$work/out.txt" 2>/dev/null
    t1=$(date +%s%N)
    "$bin" export "$work/p.plenary" --format ics --out "$work/p.ics" 2>/dev/null
    t2=$(date +%s%N)
    local i e
    i=$(ms "$t0" "$t1"); e=$(ms "$t1" "$t2")
    (( i < best_i )) && best_i=$i
    (( e < best_e )) && best_e=$e
  done
  sessions=$(grep -oE '[0-9]+ sessions? into' "$work/out.txt" | head -1 | cut -d' ' -f1 || true)
  rooms=$(grep -oE '[0-9]+ new rooms?' "$work/out.txt" | head -1 | cut -d' ' -f1 || true)
  printf '%-44s %9s %8s %10s %10s %12s\n' "$label" "$sessions" "$rooms" "$best_i" "$best_e" "$(( best_i + best_e ))"
}

measure "$data/giggity-36c3_merged.xml" "36C3 (giggity-36c3_merged.xml)"
measure "$data/eventfahrplan-schedule-38c3-20251206.xml" "38C3 (eventfahrplan…38c3…xml)"
# FOSDEM's file names no zone and gives no offsets; one description is
# longer than a plan keeps, so that session is left out.
measure "$data/giggity-fosdem_2021.xml" "FOSDEM 2021 (giggity-fosdem_2021.xml)" --tz Europe/Brussels --skip-invalid
measure "$data/eventfahrplan-schedule-39c3-20251206.xml" "39C3 (eventfahrplan…39c3…xml)"
measure "$data/giggity-debconf23.xml" "DebConf23 (giggity-debconf23.xml)"

# A 5,000-row programme as organisers keep them: a workbook.
"$bin" generate "$work/g.plenary" --sessions 5000 --rooms 40 --people 2000 --days 5 --force >/dev/null
"$bin" export "$work/g.plenary" --format xlsx --out "$work/programme.xlsx" 2>/dev/null
measure "$work/programme.xlsx" "5,000-row XLSX (generated)" --tz Asia/Bangkok --skip-invalid
