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
	corpus, dir := diskArchive(b, benchArticles)
	for b.Loop() { // the set-up above runs once
		openAndAsk(b, corpus, dir)
	}
}

// BenchmarkQuestions10k measures the free-text questions of the archive
// benchmark on an index already on disk and open, one after another; a
// profile focused on answers.(*Service).Answer shows where a question's
// time goes.
func BenchmarkQuestions10k(b *testing.B) {
	corpus, dir := diskArchive(b, benchArticles)
	ctx := context.Background()
	ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	svc := answers.New(ix, nil)
	i := 0
	for b.Loop() {
		svc.Answer(ctx, archiveQuestions[i%len(archiveQuestions)])
		i++
	}
}

// diskArchive writes a generated corpus of n articles to a folder and
// builds its on-disk index; it returns both folders.
func diskArchive(b *testing.B, n int) (corpus, dir string) {
	corpus, dir = writeCorpus(b, n), filepath.Join(b.TempDir(), "ix")
	ix, err := index.Open(context.Background(), os.DirFS(corpus), index.Options{Dir: dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	return corpus, dir
}

// writeCorpus writes a generated corpus of n articles to a new folder and
// returns it.
func writeCorpus(b *testing.B, n int) string {
	corpus := b.TempDir()
	gen := generatedCorpus(b, n)
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
	return corpus
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
