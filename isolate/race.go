//go:build race

package isolate

// raceEnabled: the race detector needs far more address space than any
// sane limit, so race-enabled workers run without RLIMIT_AS.
const raceEnabled = true
