package index

import (
	"bytes"
	"container/heap"
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/search"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// maxScore ranks the disjunction q as Bleve's disjunction scorers score
// it: a term scores (its clauses matched / its clauses) × the sum of their
// scores, and a passage (its terms matched / all terms) × the sum of its
// terms' scores. It skips clauses, not terms, so that a term's weak
// clauses (its neighbours and title) are skipped before its strong ones.
// It also says how many clauses it could skip by the end.
func maxScore(ctx context.Context, reader bleveindex.IndexReader, q rankQuery, size int) ([]ranked, int, error) {
	m := newMaxScorer(q)
	var doc bleveindex.IndexInternalID
	for visits := 0; ; visits++ {
		if visits%1024 == 0 && ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		least, err := m.least()
		if err != nil {
			return nil, 0, err
		}
		if least == nil {
			break
		}
		doc = append(doc[:0], least...) // the match holding it goes back to the pool
		if m.top.Len() < size || m.possible() > m.theta {
			score, err := m.score(doc)
			if err != nil {
				return nil, 0, err
			}
			m.offer(doc, score, size)
		}
		if err := m.moveOn(); err != nil {
			return nil, 0, err
		}
	}
	out := make([]ranked, m.top.Len())
	for i := len(out) - 1; i >= 0; i-- {
		d := heap.Pop(&m.top).(topDoc)
		id, err := reader.ExternalID(d.id)
		if err != nil {
			return nil, 0, fmt.Errorf("passage id: %w", err)
		}
		out[i] = ranked{ID: id, Score: d.score, internal: d.id}
	}
	return out, m.skip, nil
}

// maxScorer is the state of one maxScore ranking.
type maxScorer struct {
	sctx    *search.SearchContext
	q       rankQuery
	byBound []*clause // every clause by bound, smallest first: the ones skipped first
	// alone[j] is the most a passage held by the j smallest clauses alone
	// can score
	alone []float64
	skip  int // how many of the smallest are skipped now
	// per term, the skipped clauses and the sum of their bounds
	skipN   []int
	skipSum []float64
	skipped float64 // the sum of every skipped clause's bound
	top     topHeap
	theta   float64 // the worst score in a full top
	seq     uint64
	// per term, at the passage being looked at: clauses matched or skipped,
	// and the sum of their scores or bounds
	n   []int
	sum []float64
	at  []*clause // the clauses not skipped that hold the passage least found
}

func newMaxScorer(q rankQuery) *maxScorer {
	pool := 1
	m := &maxScorer{q: q, theta: math.Inf(-1), n: make([]int, len(q)), sum: make([]float64, len(q)),
		skipN: make([]int, len(q)), skipSum: make([]float64, len(q))}
	for _, t := range q {
		for _, c := range t {
			pool += c.s.DocumentMatchPoolSize()
			m.byBound = append(m.byBound, c)
		}
	}
	m.sctx = &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(pool, 0)}
	sort.SliceStable(m.byBound, func(a, b int) bool { return m.byBound[a].bound < m.byBound[b].bound })
	m.alone = make([]float64, len(m.byBound)+1)
	for j, c := range m.byBound {
		m.n[c.term]++
		m.sum[c.term] += c.bound
		m.alone[j+1] = m.most(m.n, m.sum)
	}
	return m
}

// most is the score of a passage that, for each term, holds n clauses
// whose scores sum to sum, with Bleve's coordination factors in its order
// of operations: a passage's score when sum holds the clauses' scores,
// the most it can score when it holds their bounds.
func (m *maxScorer) most(n []int, sum []float64) float64 {
	var total float64
	terms := 0
	for i, t := range m.q {
		if n[i] > 0 {
			total += sum[i] * (float64(n[i]) / float64(len(t)))
			terms++
		}
	}
	return total * (float64(terms) / float64(len(m.q)))
}

// possible is the most the passage least found can score: the clauses
// that hold it with their scores, and every skipped one with its bound.
func (m *maxScorer) possible() float64 {
	quick := m.skipped
	for _, c := range m.at {
		quick += c.cur.Score
	}
	if quick <= m.theta {
		return quick // the coordination factors only lower it
	}
	copy(m.n, m.skipN)
	copy(m.sum, m.skipSum)
	for _, c := range m.at {
		m.n[c.term]++
		m.sum[c.term] += c.cur.Score
	}
	return m.most(m.n, m.sum)
}

// least is the next passage any clause not skipped holds, nil at the end;
// m.at becomes the clauses not skipped that hold it.
func (m *maxScorer) least() (bleveindex.IndexInternalID, error) {
	var least bleveindex.IndexInternalID
	m.at = m.at[:0]
	for _, c := range m.byBound[m.skip:] {
		if !c.started {
			if err := m.next(c); err != nil {
				return nil, err
			}
		}
		if c.cur == nil {
			continue
		}
		cmp := -1
		if least != nil {
			cmp = bytes.Compare(c.cur.IndexInternalID, least)
		}
		switch {
		case cmp < 0:
			least = c.cur.IndexInternalID
			m.at = append(m.at[:0], c)
		case cmp == 0:
			m.at = append(m.at, c)
		}
	}
	return least, nil
}

// score is doc's score: the skipped clauses are looked up at doc, and the
// scores are summed in Bleve's orders, with its coordination factors.
func (m *maxScorer) score(doc bleveindex.IndexInternalID) (float64, error) {
	for _, c := range m.byBound[:m.skip] {
		if err := m.advance(c, doc); err != nil {
			return 0, err
		}
	}
	for i, t := range m.q {
		m.n[i], m.sum[i] = 0, 0
		for _, c := range t { // in Bleve's order, which the sum's bits follow
			if c.cur != nil && bytes.Equal(c.cur.IndexInternalID, doc) {
				m.sum[i] += c.cur.Score
				m.n[i]++
			}
		}
	}
	return m.most(m.n, m.sum), nil
}

// offer puts doc in the top when it beats the worst there (of equal
// scores the earlier stays, as in Bleve's collector), and skips what the
// new worst allows.
func (m *maxScorer) offer(doc bleveindex.IndexInternalID, score float64, size int) {
	m.seq++
	switch {
	case m.top.Len() < size:
		heap.Push(&m.top, topDoc{bytes.Clone(doc), score, m.seq})
	case score > m.top[0].score:
		m.top[0] = topDoc{bytes.Clone(doc), score, m.seq}
		heap.Fix(&m.top, 0)
	}
	if m.top.Len() < size {
		return
	}
	m.theta = m.top[0].score
	for m.skip < len(m.byBound) && m.alone[m.skip+1] <= m.theta {
		c := m.byBound[m.skip] // a passage that only these match cannot beat theta
		m.skipN[c.term]++
		m.skipSum[c.term] += c.bound
		m.skipped += c.bound
		m.skip++
	}
}

// moveOn moves the clauses that held the passage least found (m.at) to
// their next match.
func (m *maxScorer) moveOn() error {
	for _, c := range m.at {
		if err := m.next(c); err != nil {
			return err
		}
	}
	return nil
}

// advance moves c to its first match at or after to, unless it is there.
func (m *maxScorer) advance(c *clause, to bleveindex.IndexInternalID) error {
	if c.started && (c.cur == nil || bytes.Compare(c.cur.IndexInternalID, to) >= 0) {
		return nil
	}
	old := c.cur
	var err error
	c.cur, err = c.s.Advance(m.sctx, to)
	m.release(c, old)
	return err
}

// next moves c to its next match.
func (m *maxScorer) next(c *clause) error {
	old := c.cur
	var err error
	c.cur, err = c.s.Next(m.sctx)
	m.release(c, old)
	return err
}

// release returns c's previous match to the pool when it may.
func (m *maxScorer) release(c *clause, old *search.DocumentMatch) {
	c.started = true
	if old != nil && old != c.cur && recycles(c.s) {
		m.sctx.DocumentMatchPool.Put(old)
	}
}

// topDoc is a passage in the running top.
type topDoc struct {
	id    bleveindex.IndexInternalID
	score float64
	seq   uint64 // visiting order: of equal scores, the earlier stays
}

// topHeap keeps the k best, worst on top.
type topHeap []topDoc

func (h topHeap) Len() int { return len(h) }
func (h topHeap) Less(i, j int) bool {
	if h[i].score != h[j].score {
		return h[i].score < h[j].score
	}
	return h[i].seq > h[j].seq
}
func (h topHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *topHeap) Push(x any)   { *h = append(*h, x.(topDoc)) }
func (h *topHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
