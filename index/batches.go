package index

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
)

// batchesInFlight is how many Bleve batches a sync may have in flight:
// Bleve analyses a batch's documents on every core but writes its segment
// on one, so a second batch keeps the other core busy (a build of 10,000
// articles without extraction: 13.2-13.9 s with one, 11.0-11.9 s with two).
const batchesInFlight = 2

// docsInFlight is how many documents the batches in flight hold together
// (the size of a batch when one is in flight) on disk: what a batch costs in
// memory grows with its documents. With 1,000 rather than 2,000, a build of
// 10,000 articles peaked at 414-455 MB instead of 508-519 MB, in as much
// time (three alternating runs of `corpusbot index`), and still ends in two
// segments once merged (Index.compact).
const docsInFlight = 1000

// memDocsInFlight is docsInFlight for an index in memory, which is never
// merged at the end: each question looks every word up in every segment,
// and with batches of 1,000 a question took 13-13.5 ms at p50 instead of
// 8.1-9.0 ms (Answer10k, alternating).
const memDocsInFlight = 2000

// batcher is what batches needs of a Bleve index.
type batcher interface {
	Batch(b *bleve.Batch) error
}

// batches sends a sync's Bleve batches in the background. The batches of
// one sync hold disjoint passages (an article's deletions and additions go
// in one batch), so the order in which Bleve applies them does not matter.
type batches struct {
	idx   batcher
	slots chan struct{} // a token per batch in flight, and per slot held back
	held  int
	docs  int64        // documents in flight
	size  atomic.Int64 // documents per batch: docs over the slots in use
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

// newBatches sends batches to idx, with all but inFlight of the
// batchesInFlight slots held back until widen; the batches in flight hold
// docs documents together.
func newBatches(idx batcher, inFlight int, docs int64) *batches {
	bs := &batches{idx: idx, slots: make(chan struct{}, batchesInFlight), docs: docs}
	for ; bs.held < batchesInFlight-max(inFlight, 1); bs.held++ {
		bs.slots <- struct{}{}
	}
	bs.size.Store(docs / int64(batchesInFlight-bs.held))
	return bs
}

// widen frees the slots held back, and makes batches smaller in turn;
// only the goroutine that made bs calls it.
func (bs *batches) widen() {
	for ; bs.held > 0; bs.held-- {
		<-bs.slots
	}
	bs.size.Store(bs.docs / batchesInFlight)
}

// full reports whether b holds a batch's worth of documents.
func (bs *batches) full(b *bleve.Batch) bool { return int64(b.Size()) >= bs.size.Load() }

// send indexes b in the background, once a slot is free. It returns the
// error of a batch sent before, if any failed; then b is not sent.
func (bs *batches) send(b *bleve.Batch) error {
	bs.slots <- struct{}{}
	if err := bs.failed(); err != nil {
		<-bs.slots
		return err
	}
	bs.wg.Go(func() {
		defer func() { <-bs.slots }()
		if err := bs.idx.Batch(b); err != nil {
			bs.mu.Lock()
			if bs.err == nil {
				bs.err = fmt.Errorf("index batch: %w", err)
			}
			bs.mu.Unlock()
		}
	})
	return nil
}

// wait waits for every batch sent and returns the first error.
func (bs *batches) wait() error {
	bs.wg.Wait()
	return bs.failed()
}

func (bs *batches) failed() error {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	return bs.err
}
