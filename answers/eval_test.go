package answers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/seeds"
)

// evalRow is one question of a QA sample with its gold articles and answers.
type evalRow = answers.QARow

func readRows(t *testing.T, path string) []evalRow { return answers.ReadQARows(t, path) }

// norm compares as the evaluation does: case-insensitive, ё = е, Latin c = Cyrillic с.
func norm(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("ё", "е", "c", "с").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func newSeedService(t testing.TB) *answers.Service {
	t.Helper()
	ix, err := index.Open(context.Background(), seeds.FS(), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return answers.New(ix, nil)
}

// hitAt1 applies the evaluation's rule to one reply.
func hitAt1(r evalRow, rep answers.Reply) bool {
	if len(r.Docs) == 0 {
		return len(rep.Results) == 0
	}
	if len(rep.Results) == 0 {
		return false
	}
	top := rep.Results[0]
	okDoc := false
	for _, d := range r.Docs {
		okDoc = okDoc || d == top.Doc
	}
	ex := []rune(norm(top.Excerpt))
	if len(ex) > 600 {
		ex = ex[:600]
	}
	for _, e := range r.Expect {
		if okDoc && strings.Contains(string(ex), norm(e)) {
			return true
		}
	}
	return false
}

// TestPublicQuestions: every answerable sample question is right at rank 1,
// every off-corpus one gets no results.
func TestPublicQuestions(t *testing.T) {
	askSeeds(t, "../testdata/questions.jsonl")
}

// askSeeds asks every question of a sample of the default corpus and
// reports each that is not right at rank 1 (or, off-corpus, not declined).
func askSeeds(t *testing.T, path string) {
	t.Helper()
	svc := newSeedService(t)
	for _, r := range readRows(t, path) {
		rep := svc.Answer(context.Background(), r.Q)
		if !hitAt1(r, rep) {
			got := "no results"
			if len(rep.Results) > 0 {
				got = rep.Results[0].Doc + ": " + rep.Results[0].Excerpt
			}
			t.Errorf("%s %q: want %v %q, got %s", r.ID, r.Q, r.Docs, r.Expect, got)
		}
	}
}

// TestRewordedQuestions asks about the default corpus in other words than
// its own, as its readers do: countries under their other names (Америка,
// Соединённые Штаты for США; РК for Казахстан; РФ for Россия), a verb the
// corpus never uses («приезжал» for «прибыл»); and questions it has nothing
// for, which must be declined. «Латинская Америка» is not the United States.
func TestRewordedQuestions(t *testing.T) {
	askSeeds(t, "../testdata/reworded.jsonl")
}
