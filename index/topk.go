package index

import (
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
// passages in reader and each field's average length (pivotLengths). The
// searchers of rank, collect and locate are made with it.
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
// Every field needs one (Bleve fails a search of a field without), so
// Bleve's catch-all _all, which no question reads, has the sentence's.
var pivotLengths = map[string]int{fieldText: 12, fieldPrefix: 12, fieldContext: 23, fieldTitle: 6, "_all": 12}

// rank returns the size best passages for terms, best first, as Bleve's
// search of searchQuery(terms) ranks them (see takes for the queries it
// takes); ctx is a scoring context of reader.
func (ix *Index) rank(ctx context.Context, reader bleveindex.IndexReader, terms []term, size int) ([]ranked, error) {
	q, err := ix.rankQuery(ctx, reader, terms)
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
