package answers_test

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childPeak runs TestArchiveChild in a process of its own, as an `ask`
// would be: it opens the index in dir (plain Bleve's or corpusbot's) and
// answers one question. It returns that process's peak resident memory in
// MB (VmHWM): the whole process, both sides alike, where a heap read in
// this process would miss Bleve's memory-mapped segments. (The peak that
// wait4 reports would include this process's own, which the child shares
// until it executes.)
func childPeak(b *testing.B, kind, dir, corpus string) float64 {
	b.Helper()
	return childValue(b, kind, runChild(b, kind, dir, corpus), "VmHWM:") / 1024
}

// childBuild builds the index of corpus in dir (plain Bleve's or
// corpusbot's) in a process of its own, as `corpusbot index` would, and
// returns how long the build took there and the process's peak resident
// memory in MB.
func childBuild(b *testing.B, kind, dir, corpus string) (time.Duration, float64) {
	b.Helper()
	out := runChild(b, kind+"-build", dir, corpus)
	return time.Duration(childValue(b, kind, out, "build-ns:")), childValue(b, kind, out, "VmHWM:") / 1024
}

// runChild runs TestArchiveChild as kind and returns its output.
func runChild(b *testing.B, kind, dir, corpus string) []byte {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestArchiveChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "CORPUSBOT_ARCHIVE_CHILD="+kind, "CORPUSBOT_ARCHIVE_DIR="+dir, "CORPUSBOT_ARCHIVE_CORPUS="+corpus)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%s child: %v\n%s", kind, err, out)
	}
	return out
}

// childValue is the number after label in a child's output.
func childValue(b *testing.B, kind string, out []byte, label string) float64 {
	b.Helper()
	_, rest, ok := bytes.Cut(out, []byte(label))
	if !ok {
		b.Skipf("%s child reported no %s", kind, label)
	}
	fields := strings.Fields(string(rest))
	v, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		b.Fatalf("%s child: %s %q", kind, label, fields[0])
	}
	return v
}

// reportPeak logs the process's peak resident memory for childPeak.
func reportPeak(t *testing.T) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			t.Log(line)
		}
	}
}

// cpuTime is the CPU time this process has used so far, user and system:
// on a machine shared with other work it varies less than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
