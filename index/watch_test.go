package index_test

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corpusbot/corpusbot/index"
)

// TestWatchBatchesABurst: twenty files written at once, one in a new
// sub-folder, give one call; a hidden editor file gives none; a later
// removal gives another.
func TestWatchBatchesABurst(t *testing.T) {
	dir := t.TempDir()
	var calls atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- index.Watch(ctx, dir, index.WatchOptions{Quiet: 500 * time.Millisecond}, nil, func(context.Context) { calls.Add(1) })
	}()
	time.Sleep(100 * time.Millisecond) // the watch is set up
	for i := range 20 {
		os.WriteFile(filepath.Join(dir, "a"+string(rune('a'+i))+".txt"), []byte("Заголовок\nТекст."), 0o644)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	time.Sleep(50 * time.Millisecond)
	os.WriteFile(filepath.Join(dir, "sub", "b.txt"), []byte("Заголовок\nТекст."), 0o644)
	wait := func(n int32) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); calls.Load() < n && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		}
		time.Sleep(time.Second)
		if got := calls.Load(); got != n {
			t.Fatalf("%d calls, want %d", got, n)
		}
	}
	wait(1)
	os.WriteFile(filepath.Join(dir, ".aa.txt.swp"), []byte("x"), 0o644)
	time.Sleep(time.Second)
	if got := calls.Load(); got != 1 {
		t.Fatalf("a hidden file changed the corpus: %d calls", got)
	}
	os.Remove(filepath.Join(dir, "sub", "b.txt"))
	wait(2)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
