package index

import (
	"context"
	"fmt"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Hit is one sentence that matches a query.
type Hit struct {
	Doc      string
	Sentence int      // index into the article's Sentences
	Score    float64  // BM25 weighted by coverage
	Coverage float64  // share of the query's weight this sentence matches, 0..1
	Matched  []string // the query words it matches
}

// term is one query word after analysis.
type term struct {
	word   string
	stem   string // Snowball stem, text field
	prefix string // five-rune prefix, prefix field
	fuzzy  bool   // not in the corpus: matched with one edit
	idf    float64
}

// Search finds the sentences that best match words (the content words of a
// question; the caller drops question words). Words are never parsed as
// query syntax. Hits come best first, at most limit of them.
func (ix *Index) Search(ctx context.Context, words []string, limit int) ([]Hit, error) {
	terms, err := ix.analyzeQuery(ctx, words)
	if err != nil {
		return nil, err
	}
	if len(terms) == 0 || limit <= 0 {
		return nil, nil
	}
	var subs []query.Query
	for _, t := range terms {
		or := []query.Query{
			termQuery(fieldText, t.stem, 1.0),
			termQuery(fieldPrefix, t.prefix, 0.5),
			termQuery(fieldContext, t.stem, 0.2),
			termQuery(fieldTitle, t.stem, 0.1),
		}
		if t.fuzzy {
			fq := query.NewFuzzyQuery(t.stem)
			fq.SetField(fieldText)
			fq.SetFuzziness(1)
			fq.SetBoost(0.7)
			or = append(or, fq)
		}
		subs = append(subs, query.NewDisjunctionQuery(or))
	}
	size := limit * 5
	if size < 50 {
		size = 50
	}
	req := bleve.NewSearchRequestOptions(query.NewDisjunctionQuery(subs), size, 0, false)
	req.IncludeLocations = true
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var total float64
	for _, t := range terms {
		total += t.idf
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		doc, si, ok := parsePassageID(h.ID)
		if !ok || ix.corpus.byID[doc] == nil || si >= len(ix.corpus.byID[doc].Sentences) {
			continue
		}
		hit := Hit{Doc: doc, Sentence: si}
		var got float64
		for _, t := range terms {
			m := matchStrength(t, h.Locations)
			if m > 0 {
				got += m * t.idf
				if m >= 0.7 {
					hit.Matched = append(hit.Matched, t.word)
				}
			}
		}
		if total > 0 {
			hit.Coverage = got / total
		}
		hit.Score = h.Score * (0.25 + hit.Coverage)
		hits = append(hits, hit)
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// matchStrength says how well a hit's term locations match t: 1 for the
// stem in the sentence, less for a prefix, a one-edit or a neighbour match.
func matchStrength(t term, loc search.FieldTermLocationMap) float64 {
	if len(loc[fieldText][t.stem]) > 0 {
		return 1
	}
	if len(loc[fieldPrefix][t.prefix]) > 0 {
		return 0.9
	}
	if t.fuzzy {
		for got := range loc[fieldText] {
			if editDistanceAtMost1(got, t.stem) {
				return 0.75
			}
		}
	}
	if len(loc[fieldContext][t.stem]) > 0 {
		return 0.35
	}
	if len(loc[fieldTitle][t.stem]) > 0 {
		return 0.5 // the article is about it, the sentence need not repeat it
	}
	return 0
}

func termQuery(field, t string, boost float64) query.Query {
	q := query.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

// analyzeQuery turns words into distinct search terms with their weights.
func (ix *Index) analyzeQuery(ctx context.Context, words []string) ([]term, error) {
	text := ix.analyzer(textAnalyzer)
	pre := ix.analyzer(prefixAnalyzer)
	if text == nil || pre == nil {
		return nil, fmt.Errorf("analyzers missing from mapping")
	}
	n, err := ix.bleve.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count passages: %w", err)
	}
	seen := map[string]bool{}
	var out []term
	for _, w := range words {
		for _, tok := range text.Analyze([]byte(w)) {
			t := term{word: w, stem: string(tok.Term)}
			if seen[t.stem] {
				continue
			}
			seen[t.stem] = true
			if p := pre.Analyze([]byte(w)); len(p) > 0 {
				t.prefix = string(p[0].Term)
			} else {
				t.prefix = t.stem
			}
			df, err := ix.count(ctx, fieldText, t.stem)
			if err != nil {
				return nil, err
			}
			if df == 0 {
				if df, err = ix.count(ctx, fieldPrefix, t.prefix); err != nil {
					return nil, err
				}
				t.fuzzy = df == 0 && utf8.RuneCountInString(t.stem) >= 4
			}
			// a word the corpus lacks weighs like the rarest word it has:
			// it may be a paraphrase as well as the topic of another corpus
			if df == 0 {
				df = 1
			}
			t.idf = math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
			out = append(out, t)
		}
	}
	return out, nil
}

func (ix *Index) analyzer(name string) analysis.Analyzer {
	return ix.bleve.Mapping().AnalyzerNamed(name)
}

// count returns how many passages hold term t in field.
func (ix *Index) count(ctx context.Context, field, t string) (uint64, error) {
	req := bleve.NewSearchRequestOptions(termQuery(field, t, 1), 0, 0, false)
	res, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return 0, fmt.Errorf("count term: %w", err)
	}
	return res.Total, nil
}

// Matcher returns a function that tells whether a word of a text matches
// any of words the way Search matches them (stem, prefix or one typo), for
// highlighting.
func (ix *Index) Matcher(words []string) func(word string) bool {
	text := ix.analyzer(textAnalyzer)
	pre := ix.analyzer(prefixAnalyzer)
	stems := map[string]bool{}
	prefixes := map[string]bool{}
	for _, w := range words {
		for _, t := range text.Analyze([]byte(w)) {
			stems[string(t.Term)] = true
		}
		for _, t := range pre.Analyze([]byte(w)) {
			prefixes[string(t.Term)] = true
		}
	}
	return func(word string) bool {
		for _, t := range text.Analyze([]byte(word)) {
			if stems[string(t.Term)] {
				return true
			}
			for s := range stems {
				if utf8.RuneCountInString(s) >= 5 && editDistanceAtMost1(s, string(t.Term)) {
					return true
				}
			}
		}
		for _, t := range pre.Analyze([]byte(word)) {
			if prefixes[string(t.Term)] && utf8.RuneCountInString(string(t.Term)) >= 4 {
				return true
			}
		}
		return false
	}
}

// editDistanceAtMost1 reports whether a and b differ by at most one rune
// inserted, deleted or replaced.
func editDistanceAtMost1(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i, j, edits := 0, 0, 0
	for i < len(ra) && j < len(rb) {
		if ra[i] == rb[j] {
			i++
			j++
			continue
		}
		edits++
		if edits > 1 {
			return false
		}
		if len(ra) == len(rb) {
			i++
			j++
		} else {
			i++
		}
	}
	return edits+(len(ra)-i)+(len(rb)-j) <= 1
}
