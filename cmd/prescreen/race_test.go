//go:build race

package main

// raceEnabled: race-instrumented processes use several times the memory,
// so memory ceilings are measured and reported, not asserted.
const raceEnabled = true
