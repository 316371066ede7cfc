package index

import (
	"bytes"
	"container/heap"
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// The first ranking of a question is Bleve's disjunction over its terms
// (searchQuery). Bleve scores every passage that holds any term, and in a
// news archive the common words are in tens of thousands of them. rank
// ranks the same query with the same scores, but in the manner of MaxScore
// (Turtle and Flood, 1995): the terms whose best possible contribution
// cannot lift a passage into the top ones found so far are not iterated,
// only looked up for the passages the other terms bring. The result is
// the one Bleve's collector gives, scores and ties included.

// clauseBound is the most a clause can add to a passage's score: BM25's
// saturation keeps tf·k1/(tf + k1·L) below k1, times the clause's idf and
// query weight (boost · idf · query norm); weight is (boost · idf)². A
// typo clause is a disjunction of term clauses of one boost, whose weight
// is the sum of theirs, so the sum of their bounds is the same expression.
func clauseBound(weight, boost, norm float64) float64 {
	return search.BM25_k1 * weight * norm / boost
}

// child is one term of the question as a searcher, with its bound.
type child struct {
	s       search.Searcher
	clauses []clause
	bound   float64
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

// clause is one of a term's searchers, for its bound.
type clause struct {
	s     search.Searcher
	boost float64
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
	locs, err := ix.locate(ctx, reader, terms, first)
	if err != nil {
		return nil, false, err
	}
	out = make([]*search.DocumentMatch, len(first))
	for i, r := range first {
		out[i] = &search.DocumentMatch{ID: r.ID, Score: r.Score, Locations: locs[i]}
	}
	return out, true, nil
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
// mapping that asks for BM25.
func scoring(ctx context.Context) context.Context {
	return context.WithValue(ctx, search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return bleveindex.BM25Scoring }))
}

// rank returns the size best passages for terms, best first, as Bleve's
// search of searchQuery(terms) ranks them (see takes for the queries it
// takes).
func (ix *Index) rank(ctx context.Context, reader bleveindex.IndexReader, terms []term, size int) ([]ranked, error) {
	children, err := ix.children(scoring(ctx), reader, terms)
	defer func() {
		for _, c := range children {
			c.s.Close()
		}
	}()
	if err != nil {
		return nil, err
	}
	out, _, err := maxScore(ctx, reader, children, size)
	return out, err
}

// children builds each term's searcher as searchQuery's clauses make it,
// in the order Bleve's disjunction sums them, with the query norm of the
// whole query and each one's bound.
func (ix *Index) children(ctx context.Context, reader bleveindex.IndexReader, terms []term) ([]*child, error) {
	var out []*child
	for _, t := range terms {
		c, err := ix.child(ctx, reader, t)
		if err != nil {
			return out, err
		}
		out = append(out, c)
	}
	// Bleve sums a disjunction's children in the order sort.Sort gives them
	// by count; sorting the children themselves with the same comparisons
	// gives the same order
	sort.Sort(byCount(out))
	var sum float64
	for _, c := range out {
		sum += c.s.Weight()
	}
	norm := 1 / math.Sqrt(sum)
	for _, c := range out {
		c.s.SetQueryNorm(norm)
		for _, cl := range c.clauses {
			c.bound += clauseBound(cl.s.Weight(), cl.boost, norm)
		}
	}
	return out, nil
}

// child is t's searcher: its one clause, or the disjunction of its
// clauses. On failure every searcher made is closed.
func (ix *Index) child(ctx context.Context, reader bleveindex.IndexReader, t term) (*child, error) {
	c := &child{}
	var ss []search.Searcher
	fail := func(err error) (*child, error) {
		for _, s := range ss {
			s.Close()
		}
		return nil, err
	}
	for _, q := range clauses(t) {
		s, err := q.Searcher(ctx, reader, ix.bleve.Mapping(), search.SearcherOptions{})
		if err != nil {
			return fail(err)
		}
		c.clauses = append(c.clauses, clause{s, q.Boost()})
		ss = append(ss, s)
	}
	if len(ss) == 1 {
		c.s = ss[0]
		return c, nil
	}
	s, err := searcher.NewDisjunctionSearcher(context.WithValue(ctx, search.IncludeScoreBreakdownKey, false), reader, ss, 0, search.SearcherOptions{})
	if err != nil {
		return fail(err)
	}
	c.s = s
	return c, nil
}

// byCount orders children as searcher.OrderedSearcherList orders their
// searchers.
type byCount []*child

func (b byCount) Len() int           { return len(b) }
func (b byCount) Less(i, j int) bool { return b[i].s.Count() < b[j].s.Count() }
func (b byCount) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// maxScore ranks the disjunction of children: score = (matched / all) ×
// the sum of the matched children's scores, as Bleve's disjunction scorer.
// It also says how many children it could skip by the end.
func maxScore(ctx context.Context, reader bleveindex.IndexReader, children []*child, size int) ([]ranked, int, error) {
	m := newMaxScorer(children)
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
		matched, sum := m.essentialScores(doc)
		possible := float64(matched+m.skip) / float64(len(children)) * (sum + m.prefix[m.skip])
		if m.top.Len() < size || possible > m.theta {
			score, err := m.score(doc, matched)
			if err != nil {
				return nil, 0, err
			}
			m.offer(doc, score, size)
		}
		if err := m.moveOn(doc); err != nil {
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
	sctx     *search.SearchContext
	children []*child  // in Bleve's order, which its sum follows
	byBound  []int     // children by bound, smallest first: the ones skipped first
	prefix   []float64 // prefix[j]: the sum of the j smallest bounds
	skip     int       // how many of the smallest are skipped now
	top      topHeap
	theta    float64 // the worst score in a full top
	seq      uint64
	scores   []float64 // per child, at the passage being scored
	hit      []bool
}

func newMaxScorer(children []*child) *maxScorer {
	n := len(children)
	pool := 1
	for _, c := range children {
		pool += c.s.DocumentMatchPoolSize()
	}
	m := &maxScorer{sctx: &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(pool, 0)},
		children: children, byBound: make([]int, n), prefix: make([]float64, n+1), theta: math.Inf(-1),
		scores: make([]float64, n), hit: make([]bool, n)}
	for i := range m.byBound {
		m.byBound[i] = i
	}
	sort.SliceStable(m.byBound, func(a, b int) bool { return children[m.byBound[a]].bound < children[m.byBound[b]].bound })
	for j, i := range m.byBound {
		m.prefix[j+1] = m.prefix[j] + children[i].bound
	}
	return m
}

// least is the next passage any child not skipped holds, nil at the end.
func (m *maxScorer) least() (bleveindex.IndexInternalID, error) {
	var least bleveindex.IndexInternalID
	for _, i := range m.byBound[m.skip:] {
		c := m.children[i]
		if !c.started {
			if err := m.next(c); err != nil {
				return nil, err
			}
		}
		if c.cur != nil && (least == nil || bytes.Compare(c.cur.IndexInternalID, least) < 0) {
			least = c.cur.IndexInternalID
		}
	}
	return least, nil
}

// essentialScores reads the scores at doc of the children not skipped.
func (m *maxScorer) essentialScores(doc bleveindex.IndexInternalID) (matched int, sum float64) {
	clear(m.hit)
	for _, i := range m.byBound[m.skip:] {
		if c := m.children[i]; c.cur != nil && bytes.Equal(c.cur.IndexInternalID, doc) {
			m.scores[i], m.hit[i] = c.cur.Score, true
			matched++
			sum += c.cur.Score
		}
	}
	return matched, sum
}

// score completes doc's score with the skipped children, looked up at doc.
func (m *maxScorer) score(doc bleveindex.IndexInternalID, matched int) (float64, error) {
	for _, i := range m.byBound[:m.skip] {
		c := m.children[i]
		if err := m.advance(c, doc); err != nil {
			return 0, err
		}
		if c.cur != nil && bytes.Equal(c.cur.IndexInternalID, doc) {
			m.scores[i], m.hit[i] = c.cur.Score, true
			matched++
		}
	}
	var total float64
	for i := range m.children {
		if m.hit[i] {
			total += m.scores[i]
		}
	}
	return total * (float64(matched) / float64(len(m.children))), nil
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
	n := len(m.children)
	for m.skip < n && float64(m.skip+1)/float64(n)*m.prefix[m.skip+1] <= m.theta {
		m.skip++ // a passage that only these match cannot beat theta
	}
}

// moveOn moves the children not skipped that held doc to their next match.
func (m *maxScorer) moveOn(doc bleveindex.IndexInternalID) error {
	for _, i := range m.byBound[m.skip:] {
		if c := m.children[i]; c.cur != nil && bytes.Equal(c.cur.IndexInternalID, doc) {
			if err := m.next(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// advance moves c to its first match at or after to, unless it is there.
func (m *maxScorer) advance(c *child, to bleveindex.IndexInternalID) error {
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
func (m *maxScorer) next(c *child) error {
	old := c.cur
	var err error
	c.cur, err = c.s.Next(m.sctx)
	m.release(c, old)
	return err
}

// release returns c's previous match to the pool when it may.
func (m *maxScorer) release(c *child, old *search.DocumentMatch) {
	c.started = true
	if old != nil && old != c.cur && recycles(c.s) {
		m.sctx.DocumentMatchPool.Put(old)
	}
}

// locate reads the term locations of the passages of first: each clause
// of each term, with its term vectors, is advanced through the passages in
// index order. It gives the locations Bleve's search gives for the same
// passages (the second search of searchLocated), without looking the
// passages up by their ids again.
func (ix *Index) locate(ctx context.Context, reader bleveindex.IndexReader, terms []term, first []ranked) ([]search.FieldTermLocationMap, error) {
	order := make([]int, len(first))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return bytes.Compare(first[order[a]].internal, first[order[b]].internal) < 0 })
	found := make([][]search.FieldTermLocation, len(first))
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(4, 0)}
	opts := search.SearcherOptions{IncludeTermVectors: true}
	m := ix.bleve.Mapping()
	for _, t := range terms {
		for _, q := range clauses(t) {
			s, err := q.Searcher(scoring(ctx), reader, m, opts)
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
