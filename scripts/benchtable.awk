# benchtable.awk: turns `go test -bench -benchmem` output into a table of
# time, throughput, documents per second and allocations per benchmark.
# Usage: go test -run '^$' -bench . -benchmem ./... | awk -f scripts/benchtable.awk
BEGIN { printf "%-34s %12s %10s %10s %11s %10s\n", "benchmark", "time/op", "MB/s", "docs/s", "B/op", "allocs/op" }
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
	ns = mbs = docs = bop = allocs = "-"
	for (i = 3; i < NF; i++) {
		if ($(i+1) == "ns/op") ns = $i
		if ($(i+1) == "MB/s") mbs = $i
		if ($(i+1) == "docs/s" || $(i+1) == "documents/s") docs = $i
		if ($(i+1) == "B/op") bop = $i
		if ($(i+1) == "allocs/op") allocs = $i
	}
	t = ns
	if (ns != "-") {
		if (ns >= 1e6) t = sprintf("%.2f ms", ns / 1e6)
		else if (ns >= 1e3) t = sprintf("%.1f µs", ns / 1e3)
		else t = sprintf("%.0f ns", ns)
	}
	printf "%-34s %12s %10s %10s %11s %10s\n", name, t, mbs, docs, bop, allocs
	next
}
/^(FAIL|--- FAIL|panic)/ { print; failed = 1 }
END { if (failed) exit 1 }
