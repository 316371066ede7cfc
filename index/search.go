package index

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"github.com/corpusbot/corpusbot/index/russian"
)

// Hit is one sentence that matches a query, with the evidence for it: how
// much of the query the sentence itself matches, and how much its window
// (the sentence, its neighbours and its article's title) matches.
type Hit struct {
	Doc      string
	Sentence int     // index into the article's Sentences
	Score    float64 // BM25 weighted by coverage
	Coverage float64 // share of the query's weight this sentence matches, 0..1
	Window   float64 // share of the query's weight its window matches, 0..1
	Article  float64 // share of the query's weight its article matches among the candidates, 0..1
	Phrases  float64 // share of the query's adjacent word pairs found near each other in the sentence, 0..1
	Evidence []Match // per query term, in the order of Results.Terms
}

// Match is how strongly a hit matches one query term, 0..1: in the sentence
// itself (1 the stem, less for a prefix or a typo) and in its window.
type Match struct{ Sentence, Window float64 }

// Term is one query word as the index sees it.
type Term struct {
	Word   string  // as the question wrote it
	IDF    float64 // BM25 inverse document frequency over passages
	Weight float64 // its weight in coverage: IDF; for a word the corpus never uses, half for a verb (verbWeight), none for a preposition or particle
	Known  bool    // the corpus has it (its stem or its prefix)
}

// Results are the hits of a query, best first, and the query's terms.
type Results struct {
	Terms []Term
	Hits  []Hit
}

// term is one query word after analysis.
type term struct {
	word   string
	stem   string // Snowball stem, text field
	prefix string // five-rune prefix, prefix field
	fuzzy  bool   // not in the corpus: matched with one edit
	known  bool
	idf    float64
	weight float64 // its share in coverage: idf, less for a verb or function word the corpus never uses
	year   int     // the word is a year (1800–2199): an article of that year matches it by its date
	common bool    // in more than commonShare of the passages: matched by its stem in the sentence only
}

// commonShare is the share of passages past which a word is too common to
// look for in neighbours and titles or by its prefix: its postings there
// would cost more than its weight brings (measured: the public QA figures
// hold, also with the share applied to every word of that corpus, and the
// search takes 40% less time at 10,000 articles for the neighbours and
// titles, p50 a further 35% less for the prefix).
// Below minCommon passages a word's postings cost little whatever its share
// (a small corpus keeps every clause).
const (
	commonShare = 0.02
	minCommon   = 1000
)

// verbWeight is how much a verb of the question that the corpus never uses
// counts in coverage against another unknown word (both weigh like the
// corpus's rarest word): «Когда Блинкен приезжал в Казахстан?» is answered
// by «Блинкен прибыл в Астану», while a noun the corpus lacks («инфляция»,
// «курс») says the topic is not there. On the public QA
// folds, question verbs the answer's window lacks are 45% of verbs, other
// words 26% (names 7%); for off-corpus questions 59% and 66%.
const verbWeight = 0.5

// Window weights: a word met only in a neighbour sentence or in the title
// counts for less than one in the sentence itself.
const (
	neighbourStrength = 0.8
	titleStrength     = 0.8
)

// Search finds the sentences that best match words (the content words of a
// question; the caller drops question words). Words are never parsed as
// query syntax. Hits come best first, at most limit of them.
func (ix *Index) Search(ctx context.Context, words []string, limit int) (Results, error) {
	terms, err := ix.analyzeQuery(ctx, words)
	if err != nil {
		return Results{}, err
	}
	var out Results
	for _, t := range terms {
		out.Terms = append(out.Terms, Term{Word: t.word, IDF: t.idf, Weight: t.weight, Known: t.known})
	}
	if len(terms) == 0 || limit <= 0 {
		return out, nil
	}
	// the coverage below reorders the limit best passages only: ranking
	// more (up to 120 for 20) changed no public QA figure and cost a fifth
	// of a question's time at 10,000 articles
	located, err := ix.searchLocated(ctx, terms, limit)
	if err != nil {
		return out, err
	}
	var total float64
	for _, t := range terms {
		total += t.weight
	}
	hits := make([]Hit, 0, len(located))
	for _, h := range located {
		doc, si, ok := parsePassageID(h.ID)
		if !ok || ix.corpus.byID[doc] == nil || si >= ix.corpus.sentences(ix.corpus.byID[doc]) {
			continue
		}
		hit := Hit{Doc: doc, Sentence: si}
		published := ix.corpus.byID[doc].Published.Year
		var got, win float64
		for _, t := range terms {
			m := matchStrength(t, h.Locations)
			w := math.Max(m, windowStrength(t, h.Locations))
			if t.year != 0 && t.year == published { // the date, like the title, is part of the window
				w = math.Max(w, titleStrength)
			}
			got += m * t.weight
			win += w * t.weight
			hit.Evidence = append(hit.Evidence, Match{Sentence: m, Window: w})
		}
		hit.Phrases = phraseShare(terms, h.Locations)
		if total > 0 {
			hit.Coverage = got / total
			hit.Window = win / total
		}
		hit.Score = h.Score * (0.25 + hit.Coverage)
		hits = append(hits, hit)
	}
	articleCoverage(hits, terms, total)
	sort.SliceStable(hits, func(i, j int) bool { // equal scores in corpus order, whatever Bleve's segments
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		if hits[i].Doc != hits[j].Doc {
			return hits[i].Doc < hits[j].Doc
		}
		return hits[i].Sentence < hits[j].Sentence
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out.Hits = hits
	return out, nil
}

// searchQuery is one disjunction over the terms, each by its clauses.
func searchQuery(terms []term) query.Query {
	var subs []query.Query
	for _, t := range terms {
		cs := clauses(t)
		if len(cs) == 1 { // a common word: its one clause, without a disjunction around its long postings
			subs = append(subs, cs[0])
			continue
		}
		or := make([]query.Query, len(cs))
		for i, c := range cs {
			or[i] = c
		}
		subs = append(subs, query.NewDisjunctionQuery(or))
	}
	return query.NewDisjunctionQuery(subs)
}

// clauses are how a term is looked for: by its stem in the sentence and,
// unless common, by its prefix and in the sentence's neighbours and title,
// with a one-edit match when the corpus does not have it.
func clauses(t term) []query.BoostableQuery {
	cs := []query.BoostableQuery{termQuery(fieldText, t.stem, 1.0)}
	if !t.common {
		cs = append(cs, termQuery(fieldPrefix, t.prefix, 0.5), termQuery(fieldContext, t.stem, 0.2), termQuery(fieldTitle, t.stem, 0.1))
	}
	if t.fuzzy {
		fq := query.NewFuzzyQuery(t.stem)
		fq.SetField(fieldText)
		fq.SetFuzziness(1)
		fq.SetBoost(0.7)
		cs = append(cs, fq)
	}
	return cs
}

// searchLocated returns the size best passages for terms with the
// locations of their matched terms, best first. The first ranking reads no
// locations (reading them for every match was 40% of a question's time at
// 10,000 articles): rank (or, for a query rank does not take, Bleve's own
// collector) ranks, and locate reads the locations of the passages kept,
// on the same reader.
func (ix *Index) searchLocated(ctx context.Context, terms []term, size int) ([]*search.DocumentMatch, error) {
	reader, err := ix.reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer reader.Close()
	if ctx, err = scoring(ctx, reader); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var first []ranked
	if takes(terms) {
		first, err = ix.rank(ctx, reader, terms, size)
	} else {
		first, err = ix.collect(ctx, reader, terms, size)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits, err := ix.located(ctx, reader, terms, first)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}

// collect is rank by Bleve's own searcher and collector, for a query rank
// does not take; ctx is a scoring context of reader.
func (ix *Index) collect(ctx context.Context, reader bleveindex.IndexReader, terms []term, size int) ([]ranked, error) {
	s, err := searchQuery(terms).Searcher(ctx, reader, ix.bleve.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	coll := collector.NewTopNCollector(size, 0, search.SortOrder{&search.SortScore{Desc: true}})
	if err := coll.Collect(ctx, s, reader); err != nil {
		return nil, err
	}
	hits := coll.Results()
	first := make([]ranked, len(hits))
	for i, h := range hits {
		first[i] = ranked{ID: h.ID, Score: h.Score, internal: h.IndexInternalID}
	}
	return first, nil
}

// phraseGap is how far apart (in words, stop words included) two words
// adjacent in the question may stand in a sentence to count as a phrase.
const phraseGap = 3

// phraseShare returns the share of the query's adjacent term pairs whose
// words stand within phraseGap of each other in the sentence.
func phraseShare(terms []term, loc search.FieldTermLocationMap) float64 {
	if len(terms) < 2 {
		return 0
	}
	pos := func(t term) []uint64 {
		var ps []uint64
		for _, l := range loc[fieldText][t.stem] {
			ps = append(ps, l.Pos)
		}
		for _, l := range loc[fieldPrefix][t.prefix] {
			ps = append(ps, l.Pos)
		}
		return ps
	}
	near := 0
	prev := pos(terms[0])
	for _, t := range terms[1:] {
		cur := pos(t)
	pair:
		for _, a := range prev {
			for _, b := range cur {
				if a != b && (a < b && b-a <= phraseGap || b < a && a-b <= phraseGap) {
					near++
					break pair
				}
			}
		}
		prev = cur
	}
	return float64(near) / float64(len(terms)-1)
}

// articleCoverage sets each hit's Article: the query weight that any
// candidate sentence of the same article (or its window) matches.
func articleCoverage(hits []Hit, terms []term, total float64) {
	if total == 0 {
		return
	}
	best := map[string][]float64{}
	for _, h := range hits {
		b := best[h.Doc]
		if b == nil {
			b = make([]float64, len(terms))
			best[h.Doc] = b
		}
		for i, e := range h.Evidence {
			b[i] = math.Max(b[i], e.Window)
		}
	}
	for i := range hits {
		var got float64
		for k, m := range best[hits[i].Doc] {
			got += m * terms[k].weight
		}
		hits[i].Article = got / total
	}
}

// matchStrength says how well a sentence matches t: 1 for the stem, less
// for a prefix or a one-edit match.
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
				return 0.6 // a likely typo, but never proof that the word is there
			}
		}
	}
	return 0
}

// windowStrength says how well the sentence's neighbours or its article's
// title match t.
func windowStrength(t term, loc search.FieldTermLocationMap) float64 {
	var s float64
	if len(loc[fieldContext][t.stem]) > 0 {
		s = neighbourStrength
	}
	if len(loc[fieldTitle][t.stem]) > 0 {
		s = math.Max(s, titleStrength)
	}
	return s
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func termQuery(field, t string, boost float64) *query.TermQuery {
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
	reader, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer reader.Close()
	seen := map[string]bool{}
	var out []term
	for _, tw := range analyzeWords(text, words) {
		w := words[tw.word]
		t := term{word: w, stem: tw.stem}
		if seen[t.stem] {
			continue
		}
		seen[t.stem] = true
		if p := pre.Analyze([]byte(w)); len(p) > 0 && !russian.IsAlias(t.stem) {
			t.prefix = string(p[0].Term)
		} else { // an alias is looked for by its acronym: «Соедин» is no prefix of США
			t.prefix = t.stem
		}
		df, err := ix.lookUp(ctx, reader, text, &t, seen)
		if err != nil {
			return nil, err
		}
		if y, err := strconv.Atoi(t.stem); err == nil && len(t.stem) == 4 && y >= 1800 && y < 2200 {
			t.year = y
		}
		t.known = df > 0 || t.year != 0 && ix.corpus.years[t.year] > 0
		t.common = float64(df) > max(commonShare*float64(n), minCommon)
		// a word the corpus lacks weighs like the rarest word it has:
		// it may be a paraphrase as well as the topic of another corpus
		if df == 0 {
			df = 1
		}
		t.idf = math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		t.weight = t.idf
		switch {
		case t.known:
		case russian.IsFunctionWord(w): // «среди», «против»: no topic, so no evidence either way
			t.weight = 0
		case russian.LooksLikeVerb(w): // a verb the corpus lacks is more often said otherwise than a topic it lacks
			t.weight *= verbWeight
		}
		out = append(out, t)
	}
	return out, nil
}

// lookUp returns how many passages hold t: by its stem; when the text
// field lacks it, by the stem of its genitive, which then becomes t's stem
// (Snowball may have read a noun as a verb: «родофит» → «родоф», but
// «родофитов» → «родофит»); else by its prefix, and t is matched with one
// edit when the corpus lacks that too.
func (ix *Index) lookUp(ctx context.Context, r bleveindex.IndexReader, text analysis.Analyzer, t *term, seen map[string]bool) (uint64, error) {
	df, err := ix.count(ctx, r, fieldText, t.stem)
	if err != nil || df > 0 {
		return df, err
	}
	if alt := obliqueStem(text, t.word); alt != "" && alt != t.stem && !seen[alt] {
		if df, err = ix.count(ctx, r, fieldText, alt); err != nil || df > 0 {
			if df > 0 {
				t.stem, seen[alt] = alt, true
			}
			return df, err
		}
	}
	if df, err = ix.count(ctx, r, fieldPrefix, t.prefix); err != nil {
		return 0, err
	}
	t.fuzzy = df == 0 && utf8.RuneCountInString(t.stem) >= 4 && !allDigits(t.stem) // 2024 is no typo of 2023
	return df, nil
}

// obliqueStem is the stem of a word ending in a consonant read as the stem
// of its genitive («визит» → «визита» → «визит»), or "". Snowball strips
// verb endings before noun endings, so a noun whose nominative ends like a
// verb (-ит, -ил, -ен…) gets a shorter stem than its other case forms,
// which is the stem the text holds when it never uses the nominative.
func obliqueStem(text analysis.Analyzer, w string) string {
	r := []rune(russian.FoldWord(w))
	if len(r) < 4 || !strings.ContainsRune("бвгджзклмнпрстфхцчшщ", r[len(r)-1]) {
		return ""
	}
	toks := text.Analyze([]byte(string(r) + "а"))
	if len(toks) != 1 {
		return ""
	}
	return string(toks[0].Term)
}

// termOfWord is a term of a question and the word it comes from.
type termOfWord struct {
	stem string
	word int // index into the words analysed
}

// analyzeWords analyses words as one text, so that a phrase («Соединённые
// Штаты») or a word read with the one before it («Латинская Америка») is
// analysed as in the corpus, and says which word each term comes from.
func analyzeWords(a analysis.Analyzer, words []string) []termOfWord {
	var b strings.Builder
	starts := make([]int, len(words))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(w)
	}
	var out []termOfWord
	for _, tok := range a.Analyze([]byte(b.String())) {
		k := sort.SearchInts(starts, tok.Start+1) - 1
		out = append(out, termOfWord{stem: string(tok.Term), word: max(0, k)})
	}
	return out
}

func (ix *Index) analyzer(name string) analysis.Analyzer {
	return ix.bleve.Mapping().AnalyzerNamed(name)
}

// count returns how many passages hold term t in field.
func (ix *Index) count(ctx context.Context, r bleveindex.IndexReader, field, t string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(t), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("count term: %w", err)
	}
	defer tfr.Close()
	return tfr.Count(), nil
}

// Matcher returns a function that tells whether a word of a text matches
// any of words the way Search matches them (stem, prefix or one typo), for
// highlighting.
func (ix *Index) Matcher(words []string) func(word string) bool {
	text := ix.analyzer(textAnalyzer)
	pre := ix.analyzer(prefixAnalyzer)
	stems := map[string]bool{}
	prefixes := map[string]bool{}
	for _, t := range analyzeWords(text, words) {
		stems[t.stem] = true
	}
	for _, w := range words {
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
