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
//
// CORPUSBOT_BENCH_ARTICLES=100000 (and -timeout 30m) measures the large
// archive instead.
func BenchmarkOpen10k(b *testing.B) {
	corpus, dir := diskArchive(b, archiveArticles())
	for b.Loop() { // the set-up above runs once
		openAndAsk(b, corpus, dir)
	}
}

// BenchmarkQuestions10k measures the free-text questions of the archive
// benchmark on an index already on disk and open, one after another; a
// profile focused on answers.(*Service).Answer shows where a question's
// time goes.
func BenchmarkQuestions10k(b *testing.B) {
	corpus, dir := diskArchive(b, archiveArticles())
	ctx := context.Background()
	ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	svc := answers.New(ix, nil)
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		svc.Answer(ctx, archiveQuestions[i%len(archiveQuestions)])
		i++
	}
	if cpu := cpuTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(i), "cpu-ms/op")
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
	writeCorpusTo(b, n, corpus)
	return corpus
}

// writeCorpusTo writes a generated corpus of n articles to dir.
func writeCorpusTo(tb testing.TB, n int, dir string) {
	tb.Helper()
	gen := generatedCorpus(tb, n)
	err := fs.WalkDir(gen, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(gen, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), data, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
}

// TestWriteGeneratedCorpus writes the benchmarks' generated corpus to the
// folder CORPUSBOT_WRITE_CORPUS names, so that the CLI can be timed on it
// (CORPUSBOT_BENCH_ARTICLES articles, 10,000 by default):
//
//	CORPUSBOT_WRITE_CORPUS=/tmp/g100k CORPUSBOT_BENCH_ARTICLES=100000 go test ./answers -run TestWriteGeneratedCorpus
func TestWriteGeneratedCorpus(t *testing.T) {
	dir := os.Getenv("CORPUSBOT_WRITE_CORPUS")
	if dir == "" {
		t.Skip("set CORPUSBOT_WRITE_CORPUS=DIR to write the generated corpus there")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeCorpusTo(t, archiveArticles(), dir)
}

// openAndAsk opens the on-disk index, answers one question and closes it:
// one `ask`. A function of its own, so a profile can focus on it.
func openAndAsk(b testing.TB, corpus, dir string) {
	b.Helper()
	ctx := context.Background()
	ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: dir, TrustFolders: true}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	if st := ix.Stats(); !st.Snapshot {
		b.Fatalf("the snapshot was not used: %+v", st)
	}
	answers.New(ix, nil).Answer(ctx, archiveQuestions[0])
}
