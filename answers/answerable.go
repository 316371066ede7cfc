package answers

import (
	"math"
	"slices"
	"strconv"

	"github.com/corpusbot/corpusbot/index"
)

// The answerability model: a logistic regression over evidence that keeps
// its meaning as the corpus grows. It was fitted on held-out folds of the
// public QA set (half of its articles indexed with 746 news texts as
// distractors, the other half's questions taken as off-corpus); the command
// is in the README («Answerability»). Weights, in the order of features().
var answerWeights = [...]float64{
	0.26,  // window coverage: share of the question's weight in the sentence, its neighbours and title
	0.43,  // article coverage: the same over every candidate sentence of the article
	0.28,  // phrases: adjacent question words found near each other
	-0.75, // question words the corpus never uses and the window does not match (at most 2)
	-0.89, // names and years of the question the window does not match
	-0.21, // 1 / number of question terms: short questions are weaker evidence
	1.72,  // log margin of the score over the 10th candidate (chance matches score flat; in part below marginArticles), times window coverage
	1.00,  // the share of the ten best candidates' scores that the hit's article holds, less its mean
	-0.96, // how scattered the ten best candidates are over articles (0 all in one, 1 each in its own), less its mean
}

const (
	answerBias = -2.04
	// minAnswerable is the probability below which a hit is no answer. At
	// 0.2 the folds decline 2.6% of answerable questions and 77% of
	// off-corpus ones (2.4% and 83% without the distractors; 5.3% and 70%
	// in corpora of 15 paragraphs asked about their own topic).
	minAnswerable = 0.2
	// sureAnswer is the probability below which a reply says that it may
	// hold no answer. The folds hold as many off-corpus questions as
	// answerable ones, so below it an answer is likelier off-corpus than not.
	sureAnswer = 0.5
	maxMargin  = 4.0
	marginRank = 9 // the candidate whose score stands for chance
	// marginArticles is how many articles a corpus needs for the margin to
	// count fully: among fewer, the candidate that stands for chance is a
	// weak partial match whatever the question, and the margin counts in
	// proportion, about meanMargin, its mean over the folds. Chosen on the
	// small-corpus folds among 20, 30, 50 and 100 (README, «Answerability»).
	marginArticles = 20.0
	meanMargin     = 2.25
	// concentrationRank is how many of the best candidates concentration
	// reads; concentrationArticles how many articles a corpus needs for it
	// to count fully (ten candidates among them could each be in its own);
	// meanShare and meanScatter are its means over the folds.
	concentrationRank     = 10
	concentrationArticles = 100.0
	meanShare             = 0.51
	meanScatter           = 0.69
)

// matchedStrength is the evidence at which a term counts as matched: a
// stem or prefix in the sentence, or the stem in a neighbour or the title.
const matchedStrength = 0.7

// missedNames counts the names of q that h's window does not match.
func missedNames(q question, terms []index.Term, h index.Hit) int {
	return missed(terms, h, func(t index.Term) bool { return slices.Contains(q.names, t.Word) })
}

// missedYears counts the years q names that h's window does not match (the
// index counts an article's year of publication in its window: «Что решили
// в 2023 году?» is answered by «в этом году» in an article of 2023).
func missedYears(q question, terms []index.Term, h index.Hit) int {
	return missed(terms, h, func(t index.Term) bool {
		y, err := strconv.Atoi(t.Word)
		return err == nil && slices.Contains(q.years, y)
	})
}

// missed counts the terms that h's window does not match and that is
// accepts.
func missed(terms []index.Term, h index.Hit, is func(index.Term) bool) int {
	n := 0
	for k, t := range terms {
		if k < len(h.Evidence) && h.Evidence[k].Window < matchedStrength && is(t) {
			n++
		}
	}
	return n
}

// answerability returns the probability that hit i of hits (reranked, best
// first) answers q, in a corpus of the given number of articles.
func answerability(q question, found index.Results, hits []index.Hit, i, articles int) float64 {
	f := features(q, found, hits, i, articles)
	z := answerBias
	for k, w := range answerWeights {
		z += w * f[k]
	}
	return 1 / (1 + math.Exp(-z))
}

func features(q question, found index.Results, hits []index.Hit, i, articles int) [len(answerWeights)]float64 {
	h := hits[i]
	var unknown float64
	for k, t := range found.Terms {
		if k < len(h.Evidence) && h.Evidence[k].Window < matchedStrength && !t.Known && t.IDF > 0 {
			unknown += t.Weight / t.IDF // a verb counts less: it is often said otherwise
		}
	}
	names := float64(missedNames(q, found.Terms, h) + missedYears(q, found.Terms, h))
	// with fewer than ten candidates the chance level is poorly known (a
	// tiny corpus): the margin counts in proportion
	var margin float64
	last := min(marginRank, len(hits)-1)
	if base := hits[last].Score; base > 0 && h.Score > base {
		margin = math.Min(maxMargin, math.Log(h.Score/base)) * float64(last) / marginRank
	}
	margin = meanMargin + (margin-meanMargin)*math.Min(1, float64(articles)/marginArticles)
	// among a few articles, candidates cannot scatter: concentration counts
	// in proportion to the articles, about its mean over the folds
	share, scatter := concentration(hits, h.Doc)
	c := math.Min(1, float64(articles)/concentrationArticles)
	return [...]float64{
		h.Window, h.Article, h.Phrases, math.Min(2, unknown), names,
		1 / float64(max(1, len(found.Terms))), margin * h.Window,
		(share - meanShare) * c, (scatter - meanScatter) * c,
	}
}

// concentration reads how the ten best candidates fall over articles: the
// share of their scores that article doc holds, and how scattered they are
// (0 when one article holds them all, 1 when each is in an article of its
// own). A question the corpus answers draws its candidates to the article
// that answers it; chance matches scatter over as many articles as there
// are candidates.
func concentration(hits []index.Hit, doc string) (share, scatter float64) {
	k := min(concentrationRank, len(hits))
	var total, in float64
	var docs [concentrationRank]string // the articles met so far: ten at most, no map needed
	n := 0
	for _, h := range hits[:k] {
		total += h.Score
		if h.Doc == doc {
			in += h.Score
		}
		if !slices.Contains(docs[:n], h.Doc) {
			docs[n] = h.Doc
			n++
		}
	}
	if total > 0 {
		share = in / total
	}
	if k > 1 {
		scatter = float64(n-1) / float64(k-1)
	}
	return share, scatter
}
