package index

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// An update that spans several batches in flight applies every one:
// changed articles lose their old passages, removed ones all of theirs,
// unchanged ones keep theirs.
func TestUpdateOfManyBatches(t *testing.T) {
	ctx := context.Background()
	fsys, _ := manyWords() // 4,200 passages: three batches
	dir := t.TempDir()
	ix, err := Open(ctx, fsys, Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	for i := range 200 { // 2,600 new passages and 2,400 deletions
		f := fsys[fmt.Sprintf("a%03d.txt", i)]
		f.Data = append(f.Data, " Новостная приписка зубрадок."...)
	}
	for i := 300; i < 350; i++ {
		delete(fsys, fmt.Sprintf("a%03d.txt", i))
	}
	ix, err = Open(ctx, fsys, Options{Dir: dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	st := ix.Stats()
	if st.Indexed != 200 || st.Removed != 50 || st.Reused != 100 {
		t.Fatalf("indexed %d, removed %d, reused %d; want 200, 50, 100", st.Indexed, st.Removed, st.Reused)
	}
	if want := 200*13 + 100*12; st.Passages != want {
		t.Fatalf("%d passages in the index, want %d", st.Passages, want)
	}
	res, err := ix.Search(ctx, []string{"зубрадок"}, 300)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]bool{}
	for _, h := range res.Hits {
		docs[h.Doc] = true
	}
	if len(docs) != 200 {
		t.Fatalf("the new sentence found in %d articles, want 200", len(docs))
	}
}

// A batch that fails is reported by wait, and nothing is sent after it.
func TestBatchesReportFailure(t *testing.T) {
	idx, err := bleve.NewMemOnly(bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	if err := b.Index("a", map[string]string{"text": "слово"}); err != nil {
		t.Fatal(err)
	}
	idx.Close()
	out := newBatches(idx, batchesInFlight, docsInFlight)
	if err := out.send(b); err != nil {
		t.Fatalf("send: %v, want the failure reported later", err)
	}
	if err := out.wait(); !errors.Is(err, bleve.ErrorIndexClosed) {
		t.Fatalf("wait: %v, want the closed index", err)
	}
	if err := out.send(idx.NewBatch()); err == nil {
		t.Fatal("a batch sent after a failure")
	}
}

// gatedIndex is a Bleve index whose batches wait for a release and count
// how many are in flight at once.
type gatedIndex struct {
	release        chan struct{}
	inFlight, most atomic.Int32
}

func (g *gatedIndex) Batch(*bleve.Batch) error {
	n := g.inFlight.Add(1)
	for m := g.most.Load(); n > m && !g.most.CompareAndSwap(m, n); m = g.most.Load() {
	}
	<-g.release
	g.inFlight.Add(-1)
	return nil
}

// One batch is in flight and a batch holds docsInFlight documents until
// widen; then two, of half as many each.
func TestBatchesWiden(t *testing.T) {
	mem, err := bleve.NewMemOnly(bleve.NewIndexMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	g := &gatedIndex{release: make(chan struct{})}
	out := newBatches(g, 1, docsInFlight)
	full := mem.NewBatch()
	for i := range docsInFlight / 2 {
		if err := full.Index(fmt.Sprint(i), map[string]string{"text": "слово"}); err != nil {
			t.Fatal(err)
		}
	}
	if out.full(full) {
		t.Fatalf("a batch of %d documents full with one in flight", full.Size())
	}
	sent := make(chan error, 3)
	go func() {
		for range 3 {
			sent <- out.send(mem.NewBatch())
		}
	}()
	<-sent // the first is in flight, the second waits for its slot
	time.Sleep(50 * time.Millisecond)
	if n := g.inFlight.Load(); n != 1 {
		t.Fatalf("%d batches in flight before widen, want 1", n)
	}
	out.widen()
	select {
	case <-sent: // the second takes the slot widen freed
	case <-time.After(5 * time.Second):
		t.Fatal("widen freed no slot")
	}
	for g.inFlight.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	if !out.full(full) {
		t.Fatalf("a batch of %d documents not full with two in flight", full.Size())
	}
	close(g.release)
	<-sent
	if err := out.wait(); err != nil {
		t.Fatal(err)
	}
	if m := g.most.Load(); m != 2 {
		t.Fatalf("at most %d batches in flight, want 2", m)
	}
}
