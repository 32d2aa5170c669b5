#!/usr/bin/env bash
# bench-e2e.sh: prescreen scan end to end on generated corpora, against
# pdftotext, qpdf and raw I/O on the same files, in one run.
#
#   scripts/bench-e2e.sh BIN GENCORPUS [SIZES]
#
# BIN is a built prescreen, GENCORPUS a built cmd/gencorpus; SIZES the corpus
# sizes (default "1000 10000"). Environment: WORKERS (default 2), SEED
# (default 1), REPEAT (default 3: each run of the first size, and each
# per-format run of the largest, is made that many times and the fastest
# kept, since other load on a small machine only ever slows a run down;
# runs that are compared are made in rounds, see rounds), KEEP=1 keeps the
# temp folder. Needs /usr/bin/time (GNU), pdftotext, qpdf and taskset
# (util-linux). Times are wall clock with a warm page cache; cpu_s is user
# + system time of all processes. Every comparison is made on the first
# size; the per-format and per-writer runs are repeated on the largest.
set -euo pipefail

bin=$(realpath "$1")
gen=$(realpath "$2")
sizes=${3:-"1000 10000"}
workers=${WORKERS:-2}
seed=${SEED:-1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/prescreen-e2e.XXXXXX")
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$tmp"' EXIT; else echo "keeping $tmp"; fi

for tool in /usr/bin/time pdftotext qpdf taskset; do
	command -v "$tool" >/dev/null || { echo "bench-e2e: $tool is missing" >&2; exit 1; }
done

# quarantined OUT: how many documents a scan into OUT quarantined, and why
# (the reasons counted, from report.json).
quarantined() {
	awk -F'"' '/^  "totals"/ { t = 1 } t && /"quarantined":/ { gsub(/[^0-9]/, "", $3); n = $3 }
		/"reason":/ { r[$4]++ } END { printf "%d quarantined", n; for (k in r) printf "; %d: %s", r[k], k; print "" }' "$1/report.json"
}

# run_once LABEL CMD...: runs CMD once under /usr/bin/time -v and keeps,
# for LABEL, the fastest run's wall and CPU time, every run's wall time
# and the highest peak resident set (of the largest process, KiB); use
# LABEL then sets $secs, $cpu and $rss from them. The folder given as
# --out gets the run's number appended, so run k of "--out $tmp/o1000"
# writes to $tmp/o1000.k: every run writes into a fresh folder and nothing
# is deleted until the script exits. Deleting the last run's output first
# would skew the next run: on ext4 without a journal (as on the machine
# these figures come from) the inode allocator checks, for every file it
# creates, each inode deleted in the last 30 seconds (find_inode_bit,
# recently_deleted), which perf showed as a quarter of a TXT scan's CPU,
# and more with two workers.
declare -A best_secs best_cpu best_rss runs all_secs
run_once() {
	local label=$1; shift
	local k=${runs[$label]:-0}
	runs[$label]=$((k + 1))
	local args=() prev="" a
	for a in "$@"; do
		if [ "$prev" = --out ]; then args+=("$a.$k"); else args+=("$a"); fi
		prev=$a
	done
	# The previous run's copies are still being written back to disk;
	# let that finish outside the clock rather than bill this run.
	sync
	/usr/bin/time -v -o "$tmp/time.$label" "${args[@]}" >/dev/null 2>"$tmp/err.$label" || {
		rc=$?
		# prescreen exits 3 when some documents were quarantined.
		if [ "$rc" != 3 ]; then echo "bench-e2e: $label failed ($rc)" >&2; cat "$tmp/err.$label" >&2; exit 1; fi
	}
	local s c m
	s=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/time.$label")
	c=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$tmp/time.$label")
	m=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.$label")
	all_secs[$label]+="$s "
	if [ -z "${best_secs[$label]:-}" ] || awk -v a="$s" -v b="${best_secs[$label]}" 'BEGIN { exit !(a < b) }'; then
		best_secs[$label]=$s best_cpu[$label]=$c
	fi
	if [ "$m" -gt "${best_rss[$label]:-0}" ]; then best_rss[$label]=$m; fi
}

# use LABEL: sets $secs and $cpu from LABEL's fastest run, $rss to its
# highest peak.
use() { secs=${best_secs[$1]} cpu=${best_cpu[$1]} rss=${best_rss[$1]}; }

# measure LABEL CMD...: runs CMD $repeat times in a row (run_once), then
# uses them.
measure() {
	local k
	for ((k = 0; k < ${repeat:-1}; k++)); do run_once "$@"; done
	use "$1"
}

# rounds NAME...: runs the function job_NAME of each NAME once per round,
# in that order, for $repeat rounds. Runs that are compared with each other
# (one worker and two; DOCX and PDF) are so made in alternation: this
# virtual machine's speed drifts by up to a tenth over minutes, and runs of
# one configuration made back to back, minutes before those of the other,
# measured the drift as much as the difference. Each keeps its fastest run.
rounds() {
	local k name
	for ((k = 0; k < ${repeat:-1}; k++)); do
		for name in "$@"; do "job_$name"; done
	done
}

bytes_of() { find "$@" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
count_of() { find "$@" -type f | wc -l; }

# row LABEL DOCS BYTES: one line of the table from $secs and $rss.
row() {
	awk -v l="$1" -v n="$2" -v b="$3" -v s="$secs" -v c="$cpu" -v r="$rss" 'BEGIN {
		printf "%-40s %7d %8.1f %9.2f %8.2f %10.1f %9.2f %9.1f\n", l, n, b / 1048576, s, c, n / s, b / 1048576 / s, r / 1024 }'
}
header() { printf "%-40s %7s %8s %9s %8s %10s %9s %9s\n" run docs MB seconds cpu_s docs/s MB/s RSS_MiB; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { print a - b }'; }
ms() { awk -v a="$1" 'BEGIN { printf "%.2f ms", a * 1000 }'; }

# performat N: scans each format's documents of the N-document corpus, and
# each writer's, in rounds, and sets t[FORMATN] (seconds per document, the
# start measured on the first size taken off), t[FORMATtotalN] and
# perwriter[N].
performat() {
	local n=$1 f w fn fb line="" sets=()
	for f in txt docx pdf; do
		eval "job_$f$n() { run_once $f$n \"\$bin\" scan \"\$c/$f\" --out \"\$tmp/o$f$n\" --quiet --workers \"\$workers\"; }"
		sets+=("$f$n")
	done
	# Office programs' files differ from our writers' (fonts, structure,
	# size): the same per writer, when the corpus has them.
	for f in docx pdf; do
		[ -d "$c/by/$f-prescreen" ] || continue
		for w in prescreen pandoc libreoffice; do
			[ -d "$c/by/$f-$w" ] || continue
			eval "job_$f$w$n() { run_once $f$w$n \"\$bin\" scan \"\$c/by/$f-$w\" --out \"\$tmp/o$f$w$n\" --quiet --workers \"\$workers\"; }"
			sets+=("$f$w$n")
		done
	done
	rounds "${sets[@]}"
	for f in txt docx pdf; do
		fn=$(count_of "$c/$f"); fb=$(bytes_of "$c/$f")
		use $f$n
		row "prescreen scan, $f only" "$fn" "$fb"
		t[$f$n]=$(awk -v s="$secs" -v z="${t[start$first]}" -v n="$fn" 'BEGIN { print (s - z) / n }')
		t[${f}total$n]=$secs
	done
	for f in docx pdf; do
		[ -d "$c/by/$f-prescreen" ] || continue
		for w in prescreen pandoc libreoffice; do
			[ -d "$c/by/$f-$w" ] || continue
			fn=$(count_of "$c/by/$f-$w"); fb=$(bytes_of "$c/by/$f-$w")
			use $f$w$n
			row "prescreen scan, $f ($w) only" "$fn" "$fb"
			line+="$f $w $(ms "$(awk -v s="$secs" -v z="${t[start$first]}" -v n="$fn" 'BEGIN { print (s - z) / n }')"), "
		done
	done
	perwriter[$n]=${line%, }
}

echo "machine: $(nproc) CPUs, $(uname -srm); prescreen workers: $workers; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A t r perwriter
first=$(echo $sizes | cut -d' ' -f1)
big=$(echo $sizes | awk '{ print $NF }')
for n in $sizes; do
	c="$tmp/c$n"
	gstart=$(date +%s.%N)
	"$gen" -n "$n" -seed "$seed" -out "$c" -fixtures "${FIXTURES:-fixtures/eval}" >/dev/null # its summary: "by writer" below
	gsecs=$(awk -v a="$gstart" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	for f in txt docx pdf; do
		mkdir -p "$c/$f"
		find "$c/docs" -name "*.$f" -exec ln -t "$c/$f" {} +
	done
	# The same documents by writer (manifest.jsonl: file, format, writer
	# lead each line), in $c/by/FORMAT-WRITER.
	sed -n 's/^{"file":"docs\/\([^"]*\)","format":"\([a-z]*\)","writer":"\([a-z]*\)".*/\2-\3 \1/p' "$c/manifest.jsonl" >"$c/writers.txt"
	for set in $(cut -d' ' -f1 "$c/writers.txt" | sort -u); do
		mkdir -p "$c/by/$set"
		awk -v s="$set" -v d="$c/docs/" '$1 == s { print d $2 }' "$c/writers.txt" | xargs -d '\n' ln -t "$c/by/$set"
	done
	docs=$(count_of "$c/docs"); total=$(bytes_of "$c/docs")
	echo
	echo "== $n documents ($(count_of "$c/txt") txt, $(count_of "$c/docx") docx, $(count_of "$c/pdf") pdf; $(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1048576 }') MB; generated in ${gsecs}s)"
	echo "   by writer: $(for d in "$c"/by/*; do printf '%s %d, ' "${d##*/}" "$(count_of "$d")"; done | sed 's/, $//')"
	header
	cat "$c"/docs/* >/dev/null # warm the page cache for everyone
	repeat=1
	if [ "$n" = "$(echo $sizes | cut -d' ' -f1)" ]; then repeat=${REPEAT:-3}; fi
	measure raw$n sh -c "cat '$c'/docs/* >/dev/null"
	row "raw read (cat)" "$docs" "$total"

	job_mixed() { run_once scan$n "$bin" scan "$c/docs" --out "$tmp/o$n" --quiet --workers "$workers"; }
	if [ "$n" != "$first" ]; then
		job_mixed
		use scan$n
		row "prescreen scan, mixed" "$docs" "$total"
		t[mixed$n]=$secs r[mixed$n]=$rss
		quarantined "$tmp/o$n.0" >"$tmp/quarantined$n.txt"
	else
		# Starting prescreen costs the same for 1 document as for 10,000
		# (the parent and its workers each start and build their
		# detectors): measured on a folder of one small resume, it is taken
		# off the runs below for per-document and scaling figures.
		mkdir -p "$c/one"
		cp "$(find "$c/txt" -name '*.txt' -print -quit)" "$c/one/"
		job_inproc() { run_once inproc$n "$bin" scan "$c/docs" --out "$tmp/i$n" --quiet --workers "$workers" --isolate=false; }
		job_w1() { run_once w1$n "$bin" scan "$c/docs" --out "$tmp/w1$n" --quiet --workers 1; }
		job_w1i() { run_once w1i$n "$bin" scan "$c/docs" --out "$tmp/w1i$n" --quiet --workers 1 --isolate=false; }
		job_start() { run_once start$n "$bin" scan "$c/one" --out "$tmp/s$n" --quiet --workers "$workers"; }
		job_start1() { run_once start1$n "$bin" scan "$c/one" --out "$tmp/s1$n" --quiet --workers 1; }
		job_starti() { run_once starti$n "$bin" scan "$c/one" --out "$tmp/si$n" --quiet --workers 1 --isolate=false; }
		# One worker with the whole scan held to one core (parent and
		# kernel work included), for scaling by cores rather than by
		# workers: with one worker and two cores the parent's work runs
		# on the idle core, which the target's measure keeps.
		job_core1() { run_once core1$n taskset -c 0 "$bin" scan "$c/docs" --out "$tmp/c1$n" --quiet --workers 1; }
		job_startcore1() { run_once startcore1$n taskset -c 0 "$bin" scan "$c/one" --out "$tmp/sc1$n" --quiet --workers 1; }
		rounds mixed w1 inproc w1i start start1 starti core1 startcore1
		use scan$n
		row "prescreen scan, mixed" "$docs" "$total"
		t[mixed$n]=$secs r[mixed$n]=$rss
		"$gen" -check "$tmp/o$n.0" -out "$c" >"$tmp/recall.txt"
		use inproc$n
		row "prescreen scan, mixed, --isolate=false" "$docs" "$total"
		t[inproc$n]=$secs
		use w1$n
		row "prescreen scan, mixed, --workers 1" "$docs" "$total"
		t[w1$n]=$secs
		use w1i$n
		row "... --workers 1 --isolate=false" "$docs" "$total"
		t[w1i$n]=$secs
		use start$n
		row "start: one document" 1 "$(bytes_of "$c/one")"
		t[start$n]=$secs
		use start1$n
		row "start: one document, --workers 1" 1 "$(bytes_of "$c/one")"
		t[start1$n]=$secs
		use starti$n
		row "start: one document, in-process" 1 "$(bytes_of "$c/one")"
		t[starti$n]=$secs
		use core1$n
		row "... --workers 1, all on one core" "$docs" "$total"
		t[core1$n]=$secs
		use startcore1$n
		row "start: one document, one core" 1 "$(bytes_of "$c/one")"
		t[startcore1$n]=$secs
		performat "$n"
		pn=$(count_of "$c/pdf"); pb=$(bytes_of "$c/pdf")
		measure pdftotext$n sh -c "find '$c/pdf' -name '*.pdf' -print0 | xargs -0 -P $workers -I{} pdftotext -q {} /dev/null"
		row "pdftotext (xargs -P $workers)" "$pn" "$pb"
		t[pdftotext$n]=$secs
		mkdir -p "$tmp/q$n"
		measure qpdf$n sh -c "cd '$c/pdf' && find . -name '*.pdf' -print0 | xargs -0 -P $workers -I{} qpdf {} '$tmp/q$n/{}'"
		row "qpdf rewrite (xargs -P $workers)" "$pn" "$pb"
		t[qpdf$n]=$secs
	fi
	if [ "$n" != "$first" ] && [ "$n" = "$big" ]; then
		# Per-document figures again on the largest corpus, whose runs
		# last seconds rather than tenths: the start and the clock's
		# 10 ms resolution then weigh little.
		repeat=${REPEAT:-3}
		performat "$n"
	fi
done

echo
echo "== ratios ($first documents unless noted; lower is better for time ratios)"
echo "PDF: prescreen scan / pdftotext       $(ratio "${t[pdftotal$first]}" "${t[pdftotext$first]}")x  (target <= 3)"
echo "PDF: prescreen scan / qpdf rewrite    $(ratio "${t[pdftotal$first]}" "${t[qpdf$first]}")x"
echo "start of a scan (one document): $(ms "${t[start$first]}"), --workers 1 $(ms "${t[start1$first]}"), in-process $(ms "${t[starti$first]}"); taken off below"
for n in $(echo "$first $big" | tr ' ' '\n' | uniq); do
	echo "per document ($n-document corpus): txt $(ms "${t[txt$n]}"), docx $(ms "${t[docx$n]}"), pdf $(ms "${t[pdf$n]}")"
	if [ -n "${perwriter[$n]}" ]; then echo "  by writer: ${perwriter[$n]}"; fi
	echo "  PDF / DOCX                          $(ratio "${t[pdf$n]}" "${t[docx$n]}")x  (target >= 5)"
	echo "  PDF / TXT                           $(ratio "${t[pdf$n]}" "${t[txt$n]}")x  (target >= 5)"
done
echo "scaling, --workers 1 -> 2 (isolated)  $(ratio "$(less "${t[w1$first]}" "${t[start1$first]}")" "$(less "${t[mixed$first]}" "${t[start$first]}")")x  (target >= 1.8; with the start: $(ratio "${t[w1$first]}" "${t[mixed$first]}")x)"
echo "  each round (one run of each, the same starts taken off): $(paste -d' ' <(echo "${all_secs[w1$first]}" | tr ' ' '\n') <(echo "${all_secs[scan$first]}" | tr ' ' '\n') |
	awk -v s1="${t[start1$first]}" -v s2="${t[start$first]}" 'NF == 2 { printf "%s%.2fx", sep, ($1 - s1) / ($2 - s2); sep = ", " }')"
echo "scaling, 1 core -> 2 (--workers 1 under taskset -c 0 -> --workers 2; not the target's measure) $(ratio "$(less "${t[core1$first]}" "${t[startcore1$first]}")" "$(less "${t[mixed$first]}" "${t[start$first]}")")x"
echo "scaling, --workers 1 -> 2 (in-process) $(ratio "$(less "${t[w1i$first]}" "${t[starti$first]}")" "$(less "${t[inproc$first]}" "${t[starti$first]}")")x"
echo "isolated / in-process, 2 workers      $(ratio "${t[mixed$first]}" "${t[inproc$first]}")x"
for n in $sizes; do
	[ "$n" = "$first" ] && continue
	echo "peak RSS, $n / $first documents    $(ratio "${r[mixed$n]}" "${r[mixed$first]}")x ($(awk -v a="${r[mixed$n]}" -v b="${r[mixed$first]}" 'BEGIN { printf "%.0f vs %.0f MiB", a / 1024, b / 1024 }'); target <= 1.2 and < 300 MiB)"
	echo "time per document, $n / $first    $(ratio "$(awk -v s="${t[mixed$n]}" -v n="$n" 'BEGIN { print s / n }')" "$(awk -v s="${t[mixed$first]}" -v n="$first" 'BEGIN { print s / n }')")x"
done
echo
echo "== recall of the planted items in the $first-document scan (gencorpus -check)"
cat "$tmp/recall.txt"
for n in $sizes; do
	[ -f "$tmp/quarantined$n.txt" ] && echo "the $n-document mixed scan: $(cat "$tmp/quarantined$n.txt")"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
