package answers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
)

// TestXQuAD scores free-text answers on public QA data nobody here wrote
// (../shared/bench/xquad-ru), alone and with the 746 news texts of
// nerel/train as distractor articles, the way qa_eval.py does:
//
//	go test ./answers -run TestXQuAD -v
func TestXQuAD(t *testing.T) {
	xq := answers.BenchDir(t, "xquad-ru")
	rows := answers.ReadQARows(t, xq+"/questions.jsonl")
	for _, tc := range []struct {
		name               string
		dirs               []string
		minHit, maxDecline float64
		minRejected        int
	}{
		{"alone", []string{xq + "/corpus"}, 0.84, 0.035, 18},
		{"distractors", []string{xq + "/corpus", answers.BenchDir(t, "nerel") + "/train"}, 0.82, 0.035, 16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix, err := index.Open(context.Background(), answers.CorpusOf(t, nil, tc.dirs...), index.Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			svc := answers.New(ix, nil)
			var pos, hit, declined, neg, rejected int
			for _, r := range rows {
				rep := svc.Answer(context.Background(), r.Q)
				if len(r.Docs) == 0 {
					neg++
					if len(rep.Results) == 0 {
						rejected++
					}
					continue
				}
				pos++
				switch {
				case len(rep.Results) == 0:
					declined++
				case qaHit(r, rep.Results[0]):
					hit++
				}
			}
			t.Logf("xquad-ru %s: hit@1 %d/%d = %.3f; answerable declined %d/%d = %.3f; off-corpus declined %d/%d",
				tc.name, hit, pos, float64(hit)/float64(pos), declined, pos, float64(declined)/float64(pos), rejected, neg)
			if float64(hit) < tc.minHit*float64(pos) || float64(declined) > tc.maxDecline*float64(pos) || rejected < tc.minRejected {
				t.Errorf("below the floor: hit@1 ≥ %.2f, declined ≤ %.2f, off-corpus declined ≥ %d", tc.minHit, tc.maxDecline, tc.minRejected)
			}
		})
	}
}

// qaHit is qa_eval.py's rule: the gold article, and an answer string within
// the excerpt's first 600 characters (case, ё/е, quote and dash kinds ignored).
func qaHit(r answers.QARow, res answers.Result) bool {
	if !contains(r.Docs, res.Doc) {
		return false
	}
	ex := []rune(qaNorm(res.Excerpt))
	if len(ex) > 600 {
		ex = ex[:600]
	}
	for _, e := range r.Expect {
		if strings.Contains(string(ex), qaNorm(e)) {
			return true
		}
	}
	return false
}

var qaFold = strings.NewReplacer("ё", "е", "«", `"`, "»", `"`, "“", `"`, "”", `"`, "„", `"`, "–", "-", "—", "-", "\u0301", "", "\u00a0", " ")

func qaNorm(s string) string {
	return strings.Join(strings.Fields(qaFold.Replace(strings.ToLower(s))), " ")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
