//go:build !linux

package answers_test

import (
	"testing"
	"time"
)

// childPeak needs the peak memory of a child process, which only Linux
// reports here (/proc/self/status).
func childPeak(b *testing.B, kind, dir, corpus string) float64 {
	b.Skip("the peak memory of an ask is read on Linux only")
	return 0
}

// childBuild needs the same.
func childBuild(b *testing.B, kind, dir, corpus string) (time.Duration, float64) {
	b.Skip("the build's peak memory is read on Linux only")
	return 0, 0
}

func reportPeak(t *testing.T) {}

// cpuTime is not read here; a zero reports no CPU figure.
func cpuTime() time.Duration { return 0 }
