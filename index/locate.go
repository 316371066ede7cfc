package index

import (
	"bytes"
	"context"
	"sort"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// located is the passages of first with their locations, read by locate;
// ctx is a scoring context of reader.
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
	m := ix.bleve.Mapping()
	for _, t := range terms {
		for _, q := range clauses(t) {
			s, err := q.Searcher(ctx, reader, m, opts)
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
