package answers

import (
	"math"
	"testing"

	"github.com/corpusbot/corpusbot/index"
)

func TestConcentration(t *testing.T) {
	hit := func(doc string, score float64) index.Hit { return index.Hit{Doc: doc, Score: score} }
	for _, tc := range []struct {
		name           string
		hits           []index.Hit
		doc            string
		share, scatter float64
	}{
		{"one article holds them all", []index.Hit{hit("a", 4), hit("a", 3), hit("a", 2), hit("a", 1)}, "a", 1, 0},
		{"each in its own article", []index.Hit{hit("a", 4), hit("b", 3), hit("c", 2), hit("d", 1)}, "a", 0.4, 1},
		{"two articles", []index.Hit{hit("a", 3), hit("b", 3), hit("a", 2), hit("b", 2)}, "b", 0.5, 1.0 / 3},
		{"one candidate", []index.Hit{hit("a", 1)}, "a", 1, 0},
		{"only the ten best count", append([]index.Hit{hit("a", 10), hit("a", 10), hit("a", 10), hit("a", 10), hit("a", 10),
			hit("a", 10), hit("a", 10), hit("a", 10), hit("a", 10), hit("a", 10)}, hit("b", 1), hit("c", 1)), "a", 1, 0},
	} {
		share, scatter := concentration(tc.hits, tc.doc)
		if math.Abs(share-tc.share) > 1e-9 || math.Abs(scatter-tc.scatter) > 1e-9 {
			t.Errorf("%s: share %.3f scatter %.3f, want %.3f %.3f", tc.name, share, scatter, tc.share, tc.scatter)
		}
	}
}

// TestConcentrationNeedsArticles: among a few articles, candidates cannot
// scatter, so concentration counts in proportion to the articles and
// vanishes in a tiny corpus; from concentrationArticles on it counts fully.
func TestConcentrationNeedsArticles(t *testing.T) {
	hits := []index.Hit{{Doc: "a", Score: 2, Window: 1}, {Doc: "a", Score: 1, Window: 1}}
	q := readQuestion("Где Токаев принимал Блинкена?")
	found := index.Results{Terms: []index.Term{{Word: "Токаев", IDF: 1, Weight: 1, Known: true}}}
	n := len(answerWeights)
	tiny := features(q, found, hits, 0, 5)
	full := features(q, found, hits, 0, 1000)
	if math.Abs(tiny[n-2]) > 0.05 || math.Abs(tiny[n-1]) > 0.05 {
		t.Errorf("5 articles: concentration features %.3f %.3f, want near 0", tiny[n-2], tiny[n-1])
	}
	if math.Abs(full[n-2]-(1-meanShare)) > 1e-9 || math.Abs(full[n-1]-(0-meanScatter)) > 1e-9 {
		t.Errorf("1,000 articles: concentration features %.3f %.3f, want %.3f %.3f", full[n-2], full[n-1], 1-meanShare, -meanScatter)
	}
}

// TestMissedYears: a year the question names is evidence like a name: the
// window must hold it (its article's date counts, as the index reads it).
func TestMissedYears(t *testing.T) {
	q := readQuestion("Кто получил премию в 1915 году?")
	terms := []index.Term{{Word: "получил"}, {Word: "премию"}, {Word: "1915"}, {Word: "году"}}
	hit := func(yearWindow float64) index.Hit {
		return index.Hit{Evidence: []index.Match{{Window: 1}, {Window: 1}, {Window: yearWindow}, {Window: 1}}}
	}
	for _, tc := range []struct {
		name string
		h    index.Hit
		want int
	}{
		{"the window names the year", hit(1), 0},
		{"an article of that year (the index puts its date in the window)", hit(0.8), 0},
		{"the window lacks it", hit(0), 1},
		{"only a neighbour's prefix", hit(0.5), 1},
	} {
		if got := missedYears(q, terms, tc.h); got != tc.want {
			t.Errorf("%s: %d missed, want %d", tc.name, got, tc.want)
		}
	}
	if got := missedYears(readQuestion("Кто получил премию?"), terms[:2], hit(0)); got != 0 {
		t.Errorf("no year asked: %d missed", got)
	}
}

// TestMarginNeedsArticles: among a few articles the candidate that stands
// for chance is a weak match whatever the question, so the margin counts in
// proportion to the articles, about its mean; from marginArticles on it
// counts fully.
func TestMarginNeedsArticles(t *testing.T) {
	hits := []index.Hit{{Doc: "a", Score: 100, Window: 1}}
	for i := 0; i < marginRank; i++ {
		hits = append(hits, index.Hit{Doc: "b", Score: 1, Window: 1})
	}
	q := readQuestion("Где Токаев принимал Блинкена?")
	found := index.Results{Terms: []index.Term{{Word: "Токаев", IDF: 1, Weight: 1, Known: true}}}
	const marginFeature = 6
	for _, tc := range []struct {
		articles int
		want     float64
	}{
		{5, meanMargin + (maxMargin-meanMargin)*5/marginArticles},
		{10, meanMargin + (maxMargin-meanMargin)*10/marginArticles},
		{int(marginArticles), maxMargin},
		{1000, maxMargin},
	} {
		if got := features(q, found, hits, 0, tc.articles)[marginFeature]; math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%d articles: margin %.3f, want %.3f", tc.articles, got, tc.want)
		}
	}
}
