package answers

import (
	"math"
	"slices"

	"github.com/corpusbot/corpusbot/index"
)

// The answerability model: a logistic regression over evidence that keeps
// its meaning as the corpus grows. It was fitted on held-out folds of the
// public QA set (half of its articles indexed with 746 news texts as
// distractors, the other half's questions taken as off-corpus); the command
// is in the README («Answerability»). Weights, in the order of features().
var answerWeights = [...]float64{
	0.35,  // window coverage: share of the question's weight in the sentence, its neighbours and title
	0.51,  // article coverage: the same over every candidate sentence of the article
	0.48,  // phrases: adjacent question words found near each other
	-0.79, // question words the corpus never uses and the window does not match (at most 2)
	-0.84, // names of the question the window does not match
	-0.24, // 1 / number of question terms: short questions are weaker evidence
	2.04,  // log margin of the score over the 10th candidate (chance matches score flat), times window coverage
}

const (
	answerBias = -2.37
	// minAnswerable is the probability below which a hit is no answer. At
	// 0.2 the folds decline 2.9% of answerable questions and 73% of
	// off-corpus ones.
	minAnswerable = 0.2
	maxMargin     = 4.0
	marginRank    = 9 // the candidate whose score stands for chance
)

// matchedStrength is the evidence at which a term counts as matched: a
// stem or prefix in the sentence, or the stem in a neighbour or the title.
const matchedStrength = 0.7

// missedNames returns the names of q that are query terms and that h's
// window does not match.
func missedNames(q question, terms []index.Term, h index.Hit) []string {
	var out []string
	for k, t := range terms {
		if k < len(h.Evidence) && h.Evidence[k].Window < matchedStrength && slices.Contains(q.names, t.Word) {
			out = append(out, t.Word)
		}
	}
	return out
}

// answerability returns the probability that hit i of hits (reranked, best
// first) answers q.
func answerability(q question, found index.Results, hits []index.Hit, i int) float64 {
	f := features(q, found, hits, i)
	z := answerBias
	for k, w := range answerWeights {
		z += w * f[k]
	}
	return 1 / (1 + math.Exp(-z))
}

func features(q question, found index.Results, hits []index.Hit, i int) [len(answerWeights)]float64 {
	h := hits[i]
	var unknown float64
	for k, t := range found.Terms {
		if k < len(h.Evidence) && h.Evidence[k].Window < matchedStrength && !t.Known && t.IDF > 0 {
			unknown += t.Weight / t.IDF // a verb counts less: it is often said otherwise
		}
	}
	names := float64(len(missedNames(q, found.Terms, h)))
	// with fewer than ten candidates the chance level is poorly known (a
	// tiny corpus): the margin counts in proportion
	var margin float64
	last := min(marginRank, len(hits)-1)
	if base := hits[last].Score; base > 0 && h.Score > base {
		margin = math.Min(maxMargin, math.Log(h.Score/base)) * float64(last) / marginRank
	}
	return [...]float64{
		h.Window, h.Article, h.Phrases, math.Min(2, unknown), names,
		1 / float64(max(1, len(found.Terms))), margin * h.Window,
	}
}
