package answers

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index"
)

// refitMargin is how many more held-out hits a fitted ranker may score
// than the shipped weights before they want refitting: the two folds vary
// by a few questions from one fit to another.
const refitMargin = 5

// candidateList is one answerable question's reranked candidates: the
// columns a ranker may weigh and whether each candidate's excerpt holds
// the answer (qa_eval.py's rule).
type candidateList struct {
	article string // the gold article's name: folds split by it
	xs      [][]float64
	ys      []bool
}

// TestFitRerank asks whether the rerank's weights leave ranking evidence
// unused. It fits a linear ranker over the evidence the rerank reads (the
// index's score and the factors) to the public QA set with the distractor
// news texts, on one half of the articles, and scores it on the other half:
//
//	CORPUSBOT_CALIBRATE=1 go test ./answers -run TestFitRerank -v
//
// It logs how many questions have an answer-bearing candidate among the 20
// ranked (the ceiling of any reranking), the shipped weights' hit@1 and the
// fitted ranker's, held out; then the same with three more columns the
// rerank does not read (sentence coverage, article coverage, sentence
// length). A fitted ranker that does no better held out says the evidence
// is spent, not the weights; one that does better by more than refitMargin
// fails the test.
func TestFitRerank(t *testing.T) {
	if os.Getenv("CORPUSBOT_CALIBRATE") == "" {
		t.Skip("set CORPUSBOT_CALIBRATE=1 to fit the rerank")
	}
	xq, nerel := BenchDir(t, "xquad-ru"), BenchDir(t, "nerel")
	ix, err := index.Open(context.Background(), CorpusOf(t, nil, xq+"/corpus", nerel+"/train"), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	lists := candidateLists(t, New(ix, nil), ReadQARows(t, xq+"/questions.jsonl"))
	ceiling := 0
	for _, l := range lists {
		if slicesAny(l.ys) {
			ceiling++
		}
	}
	shipped := append([]float64{1}, rerankWeights[:]...)
	t.Logf("%d answerable questions; an answer-bearing candidate among the %d: %d", len(lists), candidates, ceiling)
	for _, cols := range []int{len(shipped), len(shipped) + 3} {
		w0 := append(append([]float64{}, shipped...), make([]float64, cols-len(shipped))...)
		var fitted, ship int
		for fold := 0; fold < 2; fold++ {
			var train, test []candidateList
			for _, l := range lists {
				if foldOf(l.article) == fold {
					test = append(test, l)
				} else {
					train = append(train, l)
				}
			}
			w := fitRanker(train, w0, cols)
			fitted += hitsAt1(test, w, cols)
			ship += hitsAt1(test, w0, cols)
			t.Logf("%d columns, fold %d: weights %s", cols, fold, roundAll(w))
		}
		t.Logf("%d columns: hit@1 held out %d with fitted weights, %d with the shipped ones", cols, fitted, ship)
		if fitted > ship+refitMargin {
			t.Errorf("a ranker fitted on half the articles beats the shipped weights on the other half by %d: refit them", fitted-ship)
		}
	}
}

// candidateLists asks every answerable question of rows as the search does
// and reads its candidates' columns: the index's log score (the reranked
// score less the factors), the factors, then sentence coverage, article
// coverage and the log of the sentence's length.
func candidateLists(t *testing.T, s *Service, rows []QARow) []candidateList {
	t.Helper()
	corpus := s.lib.Corpus()
	var lists []candidateList
	for _, r := range rows {
		if len(r.Docs) == 0 {
			continue
		}
		q := readQuestion(r.Q)
		f, err := s.find(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		l := candidateList{article: r.Docs[0][:max(0, strings.LastIndexByte(r.Docs[0], '_'))]}
		for _, h := range f.hits {
			x := s.factors(h, f.found.Terms, q, f.match, corpus)
			a := corpus.Article(h.Doc)
			row := []float64{math.Log(h.Score) - dot(rerankWeights[:], x[:])}
			row = append(row, x[:]...)
			row = append(row, h.Coverage, h.Article, math.Log(float64(utf8.RuneCountInString(a.Sentences[h.Sentence].Text))))
			ex, _, _ := s.excerpt(a, h.Sentence, q, f.match)
			l.xs, l.ys = append(l.xs, row), append(l.ys, r.Holds(h.Doc, ex))
		}
		lists = append(lists, l)
	}
	return lists
}

// foldOf splits articles in two by their name's hash.
func foldOf(article string) int {
	var h uint32 = 2166136261
	for i := 0; i < len(article); i++ {
		h = (h ^ uint32(article[i])) * 16777619
	}
	return int(h % 2)
}

func slicesAny(ys []bool) bool {
	for _, y := range ys {
		if y {
			return true
		}
	}
	return false
}

// hitsAt1 counts the lists whose best candidate by w over the first cols
// columns holds the answer.
func hitsAt1(lists []candidateList, w []float64, cols int) int {
	n := 0
	for _, l := range lists {
		best, top := -1, math.Inf(-1)
		for i, x := range l.xs {
			if z := dot(w[:cols], x[:cols]); z > top {
				best, top = i, z
			}
		}
		if best >= 0 && l.ys[best] {
			n++
		}
	}
	return n
}

// fitRanker fits w (starting at w0) by stochastic gradient descent on the
// softmax likelihood of the answer-bearing candidates of each list that
// has both kinds.
func fitRanker(lists []candidateList, w0 []float64, cols int) []float64 {
	const epochs, rate, l2 = 60, 0.05, 0.001
	w := append([]float64{}, w0[:cols]...)
	var mixed []candidateList
	for _, l := range lists {
		if slicesAny(l.ys) && !allTrue(l.ys) {
			mixed = append(mixed, l)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	g := make([]float64, cols)
	for range epochs {
		rng.Shuffle(len(mixed), func(i, j int) { mixed[i], mixed[j] = mixed[j], mixed[i] })
		for _, l := range mixed {
			zs := make([]float64, len(l.xs))
			top := math.Inf(-1)
			for i, x := range l.xs {
				zs[i] = dot(w, x[:cols])
				top = math.Max(top, zs[i])
			}
			var sum, pos float64
			for i := range zs {
				zs[i] = math.Exp(zs[i] - top)
				sum += zs[i]
				if l.ys[i] {
					pos += zs[i]
				}
			}
			clear(g)
			for i, x := range l.xs {
				c := zs[i] / sum // the gradient of −log Σ_answer p
				if l.ys[i] {
					c -= zs[i] / pos
				}
				for k := range g {
					g[k] += c * x[k]
				}
			}
			for k := range w {
				w[k] -= rate * (g[k] + l2*w[k])
			}
		}
	}
	return w
}

func allTrue(ys []bool) bool {
	for _, y := range ys {
		if !y {
			return false
		}
	}
	return true
}
