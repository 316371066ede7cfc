package answers_test

import (
	"context"
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
			var unsure, unsureHit, unsureNeg int // answers under the unsure heading: right ones, off-corpus ones
			for _, r := range rows {
				rep := svc.Answer(context.Background(), r.Q)
				if len(r.Docs) == 0 {
					neg++
					switch {
					case len(rep.Results) == 0:
						rejected++
					case isUnsure(rep):
						unsureNeg++
					}
					continue
				}
				pos++
				if len(rep.Results) > 0 && isUnsure(rep) {
					unsure++
				}
				switch {
				case len(rep.Results) == 0:
					declined++
				case r.Holds(rep.Results[0].Doc, rep.Results[0].Excerpt):
					hit++
					if isUnsure(rep) {
						unsureHit++
					}
				}
			}
			t.Logf("xquad-ru %s: unsure heading on %d answerable questions (%d right at rank 1) and %d of the %d off-corpus ones answered",
				tc.name, unsure, unsureHit, unsureNeg, neg-rejected)
			t.Logf("xquad-ru %s: hit@1 %d/%d = %.3f; answerable declined %d/%d = %.3f; off-corpus declined %d/%d",
				tc.name, hit, pos, float64(hit)/float64(pos), declined, pos, float64(declined)/float64(pos), rejected, neg)
			if float64(hit) < tc.minHit*float64(pos) || float64(declined) > tc.maxDecline*float64(pos) || rejected < tc.minRejected {
				t.Errorf("below the floor: hit@1 ≥ %.2f, declined ≤ %.2f, off-corpus declined ≥ %d", tc.minHit, tc.maxDecline, tc.minRejected)
			}
		})
	}
}
