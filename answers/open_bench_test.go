package answers_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
)

// BenchmarkOpen10k measures what an `ask` costs on an archive already
// indexed on disk: open the index and answer one question. The build is
// done once, outside the timer, so a CPU profile of this benchmark shows
// the open alone:
//
//	go test ./answers -run XXX -bench Open10k -benchtime 50x -cpuprofile cpu.out
//	go tool pprof -top -cum -focus=openAndAsk answers.test cpu.out
func BenchmarkOpen10k(b *testing.B) {
	corpus, dir := b.TempDir(), filepath.Join(b.TempDir(), "ix")
	gen := generatedCorpus(b, benchArticles)
	err := fs.WalkDir(gen, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(gen, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(corpus, p), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	for b.Loop() { // the set-up above runs once
		openAndAsk(b, corpus, dir)
	}
}

// openAndAsk opens the on-disk index, answers one question and closes it:
// one `ask`. A function of its own, so a profile can focus on it.
func openAndAsk(b *testing.B, corpus, dir string) {
	ctx := context.Background()
	ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if st := ix.Stats(); !st.Snapshot {
		b.Fatalf("the snapshot was not used: %+v", st)
	}
	answers.New(ix, nil).Answer(ctx, archiveQuestions[0])
}
