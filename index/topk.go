package index

import (
	"bytes"
	"container/heap"
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The first ranking of a question is Bleve's disjunction over its terms
// (searchQuery). Bleve scores every passage that holds any term, and in a
// news archive the common words are in tens of thousands of them. rank
// ranks the same query with the same scores, but in the manner of MaxScore
// (Turtle and Flood, 1995): the clauses (a term's stem, prefix, neighbours,
// title, typos) whose best possible contribution cannot lift a passage
// into the top ones found so far are not iterated, only looked up for the
// passages the other clauses bring. The result is the one Bleve's
// collector gives, scores and ties included.

// clauseBound is the most a clause can add to a passage's score: BM25's
// saturation keeps tf·k1/(tf + k1·L) below k1, times the clause's idf and
// query weight (boost · idf · query norm); weight is (boost · idf)². A
// typo clause is a disjunction of term clauses whose boosts Bleve divides
// by their edit distance + 1, at most spread: each term's bound b·idf² is
// then at most its weight (b·idf)² times spread / boost, and so is the sum.
func clauseBound(weight, boost, norm, spread float64) float64 {
	return search.BM25_k1 * weight * norm / boost * spread
}

// spread is how far below its boost Bleve may boost the terms of q: by
// edit distance + 1 for a typo clause.
func spread(q query.BoostableQuery) float64 {
	if f, ok := q.(*query.FuzzyQuery); ok {
		return float64(f.Fuzziness + 1)
	}
	return 1
}

// clause is one searcher of a term (its stem in a field, its prefix, or
// its typos), with the most it can add to a passage's score.
type clause struct {
	s       search.Searcher
	boost   float64
	spread  float64 // how far below boost its terms may be boosted (spread)
	bound   float64
	term    int                   // the term's place in Bleve's order
	cur     *search.DocumentMatch // its current match; nil once exhausted
	started bool
}

// recycles reports whether the matches s returns may go back to the pool
// once read: a term searcher's are its caller's alone, while a
// disjunction keeps the match it returned among its own and puts it back
// itself when it moves past it.
func recycles(s search.Searcher) bool {
	_, ok := s.(*searcher.TermSearcher)
	return ok
}

// rankQuery is searchQuery as rank sums it: its terms in the order Bleve's
// disjunction sums them, each with its clauses in the order the term's own
// disjunction sums them.
type rankQuery [][]*clause

// close closes every clause's searcher.
func (q rankQuery) close() {
	for _, t := range q {
		for _, c := range t {
			c.s.Close()
		}
	}
}

// count is what Bleve orders a term by: its searcher's count, which for a
// disjunction is the sum of its clauses'.
func count(t []*clause) uint64 {
	var n uint64
	for _, c := range t {
		n += c.s.Count()
	}
	return n
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

// ranked is a passage of the first ranking.
type ranked struct {
	ID       string
	Score    float64
	internal bleveindex.IndexInternalID // set by rank: where locate finds it
}

// takes reports whether rank ranks terms: not more of them than Bleve's
// slice disjunction takes (beyond, Bleve sums its children in another
// order).
func takes(terms []term) bool {
	return len(terms) > 0 && len(terms) <= searcher.DisjunctionHeapTakeover
}

// rankLocated is rank followed by locate on the same reader: the size best
// passages with the locations of their matched terms, best first; ok is
// false for a query rank does not take.
func (ix *Index) rankLocated(ctx context.Context, terms []term, size int) (out []*search.DocumentMatch, ok bool, err error) {
	if !takes(terms) {
		return nil, false, nil
	}
	reader, err := ix.reader()
	if err != nil {
		return nil, false, err
	}
	defer reader.Close()
	first, err := ix.rank(ctx, reader, terms, size)
	if err != nil {
		return nil, false, err
	}
	out, err = ix.located(ctx, reader, terms, first)
	return out, err == nil, err
}

// located is the passages of first with their locations, read by locate.
func (ix *Index) located(ctx context.Context, reader bleveindex.IndexReader, terms []term, first []ranked) ([]*search.DocumentMatch, error) {
	locs, err := ix.locate(ctx, reader, terms, first)
	if err != nil {
		return nil, err
	}
	out := make([]*search.DocumentMatch, len(first))
	for i, r := range first {
		out[i] = &search.DocumentMatch{ID: r.ID, Score: r.Score, Locations: locs[i]}
	}
	return out, nil
}

// reader is a reader of the index as it is now; the caller closes it.
func (ix *Index) reader() (bleveindex.IndexReader, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("index reader: %w", err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("index reader: %w", err)
	}
	return reader, nil
}

// scoring is ctx with BM25 scoring, as Bleve's search sets it for a
// mapping that asks for BM25, and with the statistics BM25 reads: the
// passages in reader and each field's average length (pivotLengths).
func scoring(ctx context.Context, reader bleveindex.IndexReader) (context.Context, error) {
	n, err := reader.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count passages: %w", err)
	}
	stats := &search.BM25Stats{DocCount: float64(n), FieldCardinality: make(map[string]int, len(pivotLengths))}
	for field, l := range pivotLengths {
		stats.FieldCardinality[field] = l * int(n)
	}
	ctx = context.WithValue(ctx, search.BM25StatsKey, stats)
	return context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring })), nil
}

// pivotLengths are the average lengths, in tokens, that BM25 weighs a
// passage field's length against: those of the news sentences of
// nerel/train (12.4 words of a sentence, 23.1 of its neighbours, 6.3 of a
// title; other text is near: 17.3, 27.0 and 1.8 on xquad-ru's Wikipedia
// paragraphs). Bleve's own figure, which it reads where an average length
// belongs, is a field's distinct terms per passage summed over its
// segments: rankings changed when Bleve merged segments (946 → 938 of the
// public QA questions with distractors after a build's merge), and a bot
// answered differently as its index was merged in the background. With
// these, the ranking depends on the passages alone (947 before and after).
var pivotLengths = map[string]int{fieldText: 12, fieldPrefix: 12, fieldContext: 23, fieldTitle: 6, "_all": 12}

// rank returns the size best passages for terms, best first, as Bleve's
// search of searchQuery(terms) ranks them (see takes for the queries it
// takes).
func (ix *Index) rank(ctx context.Context, reader bleveindex.IndexReader, terms []term, size int) ([]ranked, error) {
	sctx, err := scoring(ctx, reader)
	if err != nil {
		return nil, err
	}
	q, err := ix.rankQuery(sctx, reader, terms)
	defer q.close()
	if err != nil {
		return nil, err
	}
	out, _, err := maxScore(ctx, reader, q, size)
	return out, err
}

// rankQuery builds each term's clauses as searchQuery makes them, in the
// orders Bleve's disjunctions sum them, with the query norm of the whole
// query and each clause's bound. On failure the clauses made so far are
// returned, for the caller to close.
func (ix *Index) rankQuery(ctx context.Context, reader bleveindex.IndexReader, terms []term) (rankQuery, error) {
	var q rankQuery
	for _, t := range terms {
		var cs []*clause
		for _, bq := range clauses(t) {
			s, err := bq.Searcher(ctx, reader, ix.bleve.Mapping(), search.SearcherOptions{})
			if err != nil {
				return append(q, cs), err
			}
			cs = append(cs, &clause{s: s, boost: bq.Boost(), spread: spread(bq)})
		}
		// Bleve orders a disjunction's searchers by count with sort.Sort;
		// the same comparisons on the clauses give the same order
		sort.Sort(byCount[*clause]{cs, func(c *clause) uint64 { return c.s.Count() }})
		q = append(q, cs)
	}
	sort.Sort(byCount[[]*clause]{q, count})
	var sum float64
	for _, t := range q {
		var w float64 // a term's weight, as its disjunction sums it
		for _, c := range t {
			w += c.s.Weight()
		}
		sum += w
	}
	norm := 1 / math.Sqrt(sum)
	for i, t := range q {
		for _, c := range t {
			c.s.SetQueryNorm(norm)
			c.bound = clauseBound(c.s.Weight(), c.boost, norm, c.spread)
			c.term = i
		}
	}
	return q, nil
}

// byCount orders xs as searcher.OrderedSearcherList orders searchers.
type byCount[T any] struct {
	xs    []T
	count func(T) uint64
}

func (b byCount[T]) Len() int           { return len(b.xs) }
func (b byCount[T]) Less(i, j int) bool { return b.count(b.xs[i]) < b.count(b.xs[j]) }
func (b byCount[T]) Swap(i, j int)      { b.xs[i], b.xs[j] = b.xs[j], b.xs[i] }

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

// most is the most a passage can score when it holds, for each term, n
// clauses whose scores sum to at most sum.
func (m *maxScorer) most(n []int, sum []float64) float64 {
	var total float64
	terms := 0
	for i, t := range m.q {
		if n[i] > 0 {
			total += sum[i] * float64(n[i]) / float64(len(t))
			terms++
		}
	}
	return total * float64(terms) / float64(len(m.q))
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
	var total float64
	terms := 0
	for _, t := range m.q {
		var sum float64
		n := 0
		for _, c := range t {
			if c.cur != nil && bytes.Equal(c.cur.IndexInternalID, doc) {
				sum += c.cur.Score
				n++
			}
		}
		if n > 0 {
			total += sum * (float64(n) / float64(len(t)))
			terms++
		}
	}
	return total * (float64(terms) / float64(len(m.q))), nil
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

// locate reads the term locations of the passages of first: each clause
// of each term, with its term vectors, is advanced through the passages in
// index order. It gives the locations Bleve's search gives for the same
// passages, and for a field that keeps no term vectors (neighbours, title)
// one location at 0, which says the term is there.
func (ix *Index) locate(ctx context.Context, reader bleveindex.IndexReader, terms []term, first []ranked) ([]search.FieldTermLocationMap, error) {
	order := make([]int, len(first))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return bytes.Compare(first[order[a]].internal, first[order[b]].internal) < 0 })
	found := make([][]search.FieldTermLocation, len(first))
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(4, 0)}
	opts := search.SearcherOptions{IncludeTermVectors: true}
	scored, err := scoring(ctx, reader)
	if err != nil {
		return nil, err
	}
	m := ix.bleve.Mapping()
	for _, t := range terms {
		for _, q := range clauses(t) {
			s, err := q.Searcher(scored, reader, m, opts)
			if err != nil {
				return nil, err
			}
			var cur *search.DocumentMatch // the searcher's last match: a disjunction does not give it twice
			for _, k := range order {
				id := first[k].internal
				if cur == nil || bytes.Compare(cur.IndexInternalID, id) < 0 {
					if cur != nil && recycles(s) {
						sctx.DocumentMatchPool.Put(cur)
					}
					if cur, err = s.Advance(sctx, id); err != nil {
						s.Close()
						return nil, err
					}
					if cur == nil {
						break
					}
				}
				if bytes.Equal(cur.IndexInternalID, id) {
					found[k] = append(found[k], cur.FieldTermLocations...)
					if tq, ok := q.(*query.TermQuery); ok && !hasVectors(tq.Field()) {
						found[k] = append(found[k], search.FieldTermLocation{Field: tq.Field(), Term: tq.Term})
					}
				} // else already past it: the term is not there (going back would restart the postings)
			}
			s.Close()
		}
	}
	out := make([]search.FieldTermLocationMap, len(first))
	for k, f := range found {
		dm := &search.DocumentMatch{FieldTermLocations: f}
		dm.Complete(nil)
		out[k] = dm.Locations
	}
	return out, nil
}
