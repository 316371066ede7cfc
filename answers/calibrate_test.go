package answers

import (
	"context"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/index"
)

// TestCalibrateAnswerability refits answerWeights and shows the trade-off
// behind minAnswerable. It needs the public data beside the checkout and
// takes a minute, so it runs only when asked:
//
//	CORPUSBOT_CALIBRATE=1 go test ./answers -run TestCalibrateAnswerability -v
//
// Held-out folds: the xquad-ru articles are split in two halves; each half
// is indexed with nerel/train's news texts as distractors, and the other
// half's questions are asked as off-corpus ones. The top reranked hit of
// each question gives one example: answerable or not.
func TestCalibrateAnswerability(t *testing.T) {
	if os.Getenv("CORPUSBOT_CALIBRATE") == "" {
		t.Skip("set CORPUSBOT_CALIBRATE=1 to refit the answerability model")
	}
	xq, nerel := BenchDir(t, "xquad-ru"), BenchDir(t, "nerel")
	xs, ys, folds := foldExamples(t, xq, nerel+"/train")
	w := fitLogistic(xs, ys, 400, 0.5, 0.01)
	t.Logf("weights %v bias %.2f (%d examples)", roundAll(w[:len(w)-1]), w[len(w)-1], len(xs))
	// the folds have more articles than concentrationArticles, so the two
	// concentration features are their values less meanShare, meanScatter
	var sh, sc float64
	n := len(answerWeights)
	for _, x := range xs {
		sh += x[n-2]
		sc += x[n-1]
	}
	t.Logf("mean share %.2f, mean scatter %.2f (meanShare, meanScatter)", meanShare+sh/float64(len(xs)), meanScatter+sc/float64(len(xs)))
	// the margin feature is the margin times window coverage; its mean
	// alone is meanMargin (the folds have more than marginArticles)
	var mm float64
	var nm int
	for _, x := range xs {
		if x[0] > 0 {
			mm, nm = mm+x[6]/x[0], nm+1
		}
	}
	t.Logf("mean margin %.2f (meanMargin)", mm/float64(max(1, nm)))
	for _, th := range []float64{0.15, 0.2, 0.25, 0.3} {
		pd, nd := declines(xs, ys, func(x []float64) float64 { return sigmoid(dot(w, x)) }, th)
		t.Logf("threshold %.2f: answerable declined %.3f, off-corpus declined %.3f", th, pd, nd)
	}
	// the shipped model on the same folds, with and without the distractors:
	// its decisions must not depend much on the size of the corpus
	shipped := func(x []float64) float64 {
		z := answerBias
		for k, wk := range answerWeights {
			z += wk * x[k]
		}
		return sigmoid(z)
	}
	pd, nd := declines(xs, ys, shipped, minAnswerable)
	t.Logf("shipped model, folds with distractors: answerable declined %.3f, off-corpus declined %.3f", pd, nd)
	axs, ays, afolds := foldExamples(t, xq, "")
	pd, nd = declines(axs, ays, shipped, minAnswerable)
	t.Logf("shipped model, folds alone (%d examples): answerable declined %.3f, off-corpus declined %.3f", len(axs), pd, nd)
	// small corpora, where the off-corpus questions are on the corpus's own
	// topic: the hardest case for a tiny default corpus
	sxs, sys, sfolds := smallExamples(t, xq)
	pd, nd = declines(sxs, sys, shipped, minAnswerable)
	t.Logf("shipped model, small corpora (%d examples): answerable declined %.3f, off-corpus declined %.3f", len(sxs), pd, nd)
	t.Logf("held out, small corpora: %s", heldOut(sxs, sys, sfolds, 0))
	// each fold scored by a model fitted on the other: the trade-off the
	// evidence allows, with and without the two concentration features
	for _, c := range []struct {
		name    string
		xs      [][]float64
		ys      []float64
		folds   []int
		without int
	}{{"with distractors", xs, ys, folds, 0}, {"with distractors, no concentration", xs, ys, folds, 2},
		{"alone", axs, ays, afolds, 0}, {"alone, no concentration", axs, ays, afolds, 2}} {
		t.Logf("held out, %s: %s", c.name, heldOut(c.xs, c.ys, c.folds, c.without))
	}
}

// heldOut scores each fold's examples by a model fitted on the other
// fold, leaving out the last without features, and says which share of
// the off-corpus examples it declines where it declines 2%, 3% and 4% of
// the answerable ones.
func heldOut(xs [][]float64, ys []float64, folds []int, without int) string {
	n := len(xs[0]) - 1 // the last column is the bias
	cols := func(x []float64) []float64 { return append(append([]float64{}, x[:n-without]...), 1) }
	var pos, neg []float64
	for fold := 0; fold < 2; fold++ {
		var tx [][]float64
		var ty []float64
		for i, x := range xs {
			if folds[i] != fold {
				tx, ty = append(tx, cols(x)), append(ty, ys[i])
			}
		}
		w := fitLogistic(tx, ty, 400, 0.5, 0.01)
		for i, x := range xs {
			if folds[i] == fold {
				if z := dot(w, cols(x)); ys[i] == 1 {
					pos = append(pos, z)
				} else {
					neg = append(neg, z)
				}
			}
		}
	}
	slices.Sort(pos)
	var b strings.Builder
	for _, share := range []float64{0.02, 0.03, 0.04} {
		th := pos[int(share*float64(len(pos)))]
		declined := 0
		for _, z := range neg {
			if z < th {
				declined++
			}
		}
		fmt.Fprintf(&b, "%.0f%% answerable → %.3f off-corpus declined; ", 100*share, float64(declined)/float64(len(neg)))
	}
	return strings.TrimSuffix(b.String(), "; ")
}

// declines returns the shares of answerable and of off-corpus examples
// whose probability p falls below th.
func declines(xs [][]float64, ys []float64, p func([]float64) float64, th float64) (pos, neg float64) {
	var np, nn, dp, dn int
	for i, x := range xs {
		declined := p(x) < th
		if ys[i] == 1 {
			np++
			if declined {
				dp++
			}
		} else {
			nn++
			if declined {
				dn++
			}
		}
	}
	return float64(dp) / float64(max(1, np)), float64(dn) / float64(max(1, nn))
}

// foldExamples builds the held-out folds: each half of the xquad-ru
// articles is indexed (with the distractor folder, when given), and every
// question is asked; those of the other half are off-corpus.
func foldExamples(t *testing.T, xq, distractors string) ([][]float64, []float64, []int) {
	t.Helper()
	rows := ReadQARows(t, xq+"/questions.jsonl")
	article := func(doc string) string { return doc[:max(0, strings.LastIndexByte(doc, '_'))] }
	dirs := []string{xq + "/corpus"}
	if distractors != "" {
		dirs = append(dirs, distractors)
	}
	var xs [][]float64
	var ys []float64
	var folds []int // the fold each example comes from
	for fold := 0; fold < 2; fold++ {
		seen := map[string]int{}
		keep := func(name string) bool {
			a := article(strings.TrimSuffix(name, ".txt"))
			if !strings.HasPrefix(name, "xq_") {
				return true
			}
			if _, ok := seen[a]; !ok {
				seen[a] = len(seen)
			}
			return seen[a]%2 == fold
		}
		ix, err := index.Open(context.Background(), CorpusOf(t, keep, dirs...), index.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := New(ix, nil)
		for _, r := range rows {
			x, ok := topExample(s, ix, r.Q)
			if !ok {
				continue
			}
			xs, folds = append(xs, x), append(folds, fold)
			y := 0.0
			if len(r.Docs) > 0 && ix.Corpus().Article(r.Docs[0]) != nil {
				y = 1
			}
			ys = append(ys, y)
		}
		ix.Close()
	}
	return xs, ys, folds
}

// topExample asks question of ix as the search does and returns the
// features of its best reranked candidate, with a last column of 1 for the
// bias; ok is false when nothing matches.
func topExample(s *Service, ix *index.Index, question string) (x []float64, ok bool) {
	q := readQuestion(question)
	f, err := s.find(context.Background(), q)
	if err != nil || len(f.hits) == 0 {
		return nil, false
	}
	row := features(q, f.found, f.hits, 0, len(ix.Corpus().Articles))
	return append(row[:], 1), true
}

// smallExamples builds small corpora of the kind a user starts with: each is
// three xquad-ru articles (15 paragraphs) less one paragraph of the first,
// whose questions are then off-corpus on the corpus's own topic; the first
// article's other questions are answerable. Folds alternate by article.
func smallExamples(t *testing.T, xq string) ([][]float64, []float64, []int) {
	t.Helper()
	rows := ReadQARows(t, xq+"/questions.jsonl")
	article := func(doc string) string { return doc[:max(0, strings.LastIndexByte(doc, '_'))] }
	var topics []string
	for _, r := range rows {
		if len(r.Docs) > 0 && !slices.Contains(topics, article(r.Docs[0])) {
			topics = append(topics, article(r.Docs[0]))
		}
	}
	var xs [][]float64
	var ys []float64
	var folds []int
	for i, topic := range topics {
		held := fmt.Sprintf("%s_%d", topic, 1+i%5)
		next, after := topics[(i+1)%len(topics)], topics[(i+2)%len(topics)]
		keep := func(name string) bool {
			d := strings.TrimSuffix(name, ".txt")
			a := article(d)
			return d != held && (a == topic || a == next || a == after)
		}
		ix, err := index.Open(context.Background(), CorpusOf(t, keep, xq+"/corpus"), index.Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := New(ix, nil)
		for _, r := range rows {
			if len(r.Docs) == 0 || article(r.Docs[0]) != topic {
				continue
			}
			x, ok := topExample(s, ix, r.Q)
			if !ok {
				continue
			}
			y := 1.0
			if r.Docs[0] == held {
				y = 0
			}
			xs, ys, folds = append(xs, x), append(ys, y), append(folds, i%2)
		}
		ix.Close()
	}
	return xs, ys, folds
}

// fitLogistic fits logistic regression by batch gradient descent with L2
// on every weight but the last (the bias).
func fitLogistic(xs [][]float64, ys []float64, epochs int, rate, l2 float64) []float64 {
	w := make([]float64, len(xs[0]))
	for e := 0; e < epochs; e++ {
		g := make([]float64, len(w))
		for i, x := range xs {
			d := sigmoid(dot(w, x)) - ys[i]
			for k := range w {
				g[k] += d * x[k]
			}
		}
		for k := range w {
			reg := l2 * w[k]
			if k == len(w)-1 {
				reg = 0
			}
			w[k] -= rate * (g[k]/float64(len(xs)) + reg)
		}
	}
	return w
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func roundAll(xs []float64) string {
	var b strings.Builder
	for _, x := range xs {
		fmt.Fprintf(&b, "%.2f ", x)
	}
	return strings.TrimSpace(b.String())
}
