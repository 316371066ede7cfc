package answers_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
)

// archiveQuestions are asked of both indexes: the benchmark questions, and
// more of the same kind so that 200 questions are not 10 repeated.
var archiveQuestions = append(append([]string{}, benchQuestions[:7]...),
	"Какие соглашения США намерены подписать с Казахстаном?", "Что обсудили министры иностранных дел?",
	"О чем говорил пресс-секретарь Белого дома?", "Какие страны входят в формат С5+1?",
	"Когда состоялся первый официальный визит госсекретаря?", "Что сообщил официальный представитель МИД?",
	"Какую роль играет энергетическая безопасность?", "Что поддерживают Соединенные Штаты?",
	"Где прошла встреча высокого уровня?", "Что говорится в письменном заявлении?")

// plainBleve is the baseline the archive issue measures against: one
// document per sentence, Bleve's stock ru analyzer, a match query.
type plainBleve struct{ idx bleve.Index }

func buildPlain(dir string, c *index.Corpus) (*plainBleve, error) {
	m := mapping.NewIndexMapping()
	m.DefaultAnalyzer = ru.AnalyzerName
	idx, err := bleve.New(dir, m)
	if err != nil {
		return nil, err
	}
	batch := idx.NewBatch()
	for _, a := range c.Articles {
		for si, s := range a.Sentences {
			if err := batch.Index(a.ID+"#"+strconv.Itoa(si), map[string]string{"text": s.Text}); err != nil {
				return nil, err
			}
		}
		if batch.Size() >= 2000 {
			if err := idx.Batch(batch); err != nil {
				return nil, err
			}
			batch.Reset()
		}
	}
	if err := idx.Batch(batch); err != nil {
		return nil, err
	}
	return &plainBleve{idx}, nil
}

func (p *plainBleve) ask(q string) error {
	mq := bleve.NewMatchQuery(q)
	mq.SetField("text")
	_, err := p.idx.Search(bleve.NewSearchRequestOptions(mq, 5, 0, false))
	return err
}

// latencies asks every question of qs n times in turn and returns p50, p99.
func latencies(n int, ask func(string)) (time.Duration, time.Duration) {
	var lat []time.Duration
	for i := 0; i < n; i++ {
		q := archiveQuestions[i%len(archiveQuestions)]
		start := time.Now()
		ask(q)
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return lat[len(lat)/2], lat[len(lat)*99/100]
}

// archiveArticles is the generated archive's size: CORPUSBOT_BENCH_ARTICLES,
// 10,000 by default.
func archiveArticles() int {
	if v, err := strconv.Atoi(os.Getenv("CORPUSBOT_BENCH_ARTICLES")); err == nil && v > 0 {
		return v
	}
	return benchArticles
}

// heapAfterGC is the live heap, a stand-in for peak memory when read right
// after the phase that holds the most.
func heapAfterGC() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkArchive builds corpusbot's on-disk index and a plain Bleve index
// of the same sentences over one generated corpus written to disk, each in
// a process of its own (its time and peak memory), then opens each and
// answers one question, then 200, and reports corpusbot's figures with
// their ratio to plain Bleve's. 10,000 articles by default;
// CORPUSBOT_BENCH_ARTICLES=100000 for the large archive. Run with
// -benchtime 1x: one build is the measurement.
func BenchmarkArchive(b *testing.B) {
	n := archiveArticles()
	corpus := writeCorpus(b, n)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		plainDir, ourDir := filepath.Join(b.TempDir(), "plain"), filepath.Join(b.TempDir(), "ours")
		// each build in a process of its own, as `corpusbot index` would be
		plainBuild, plainBuildRSS := childBuild(b, "plain", plainDir, corpus)
		ourBuild, ourBuildRSS := childBuild(b, "ours", ourDir, corpus)

		runtime.GC()
		base := heapAfterGC()
		start := time.Now()
		pidx, err := bleve.Open(plainDir)
		if err != nil {
			b.Fatal(err)
		}
		plain := &plainBleve{pidx}
		if err := plain.ask(archiveQuestions[0]); err != nil {
			b.Fatal(err)
		}
		plainOpen1 := time.Since(start)
		pp50, pp99 := latencies(200, func(q string) { _ = plain.ask(q) })
		plainOpen200 := time.Since(start)
		plainHeap := heapAfterGC() - base
		plain.idx.Close()

		runtime.GC()
		base = heapAfterGC()
		start = time.Now()
		ix, err := index.Open(ctx, os.DirFS(corpus), index.Options{Dir: ourDir, TrustFolders: true}, nil) // as an ask
		if err != nil {
			b.Fatal(err)
		}
		svc := answers.New(ix, nil)
		svc.Answer(ctx, archiveQuestions[0])
		ourOpen1 := time.Since(start)
		op50, op99 := latencies(200, func(q string) { svc.Answer(ctx, q) })
		ourOpen200 := time.Since(start)
		ourHeap := heapAfterGC() - base
		ix.Close()

		plainRSS, ourRSS := childPeak(b, "plain", plainDir, corpus), childPeak(b, "ours", ourDir, corpus)

		ratio := func(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }
		b.ReportMetric(float64(n), "articles")
		b.ReportMetric(ourBuild.Seconds(), "build-s")
		b.ReportMetric(ratio(ourBuild, plainBuild), "build-x")
		b.ReportMetric(ourBuildRSS, "build-rss-MB")
		b.ReportMetric(ourBuildRSS/plainBuildRSS, "build-rss-x")
		b.ReportMetric(ourOpen1.Seconds(), "open+1q-s")
		b.ReportMetric(ratio(ourOpen1, plainOpen1), "open+1q-x")
		b.ReportMetric(ourOpen200.Seconds(), "open+200q-s")
		b.ReportMetric(ratio(ourOpen200, plainOpen200), "open+200q-x")
		b.ReportMetric(float64(op50.Microseconds())/1000, "p50-ms")
		b.ReportMetric(ratio(op50, pp50), "p50-x")
		b.ReportMetric(float64(op99.Microseconds())/1000, "p99-ms")
		b.ReportMetric(ratio(op99, pp99), "p99-x")
		b.ReportMetric(ourHeap, "heap-MB")
		b.ReportMetric(ourRSS, "ask-rss-MB")
		b.ReportMetric(ourRSS/plainRSS, "ask-rss-x")
		b.Logf("plain Bleve: build %s, open+1q %s, open+200q %s, p50 %s, p99 %s, heap %.1f MB, ask peak RSS %.0f MB, build peak RSS %.0f MB",
			plainBuild.Round(time.Millisecond), plainOpen1.Round(time.Microsecond), plainOpen200.Round(time.Millisecond), pp50, pp99, plainHeap, plainRSS, plainBuildRSS)
	}
}

// TestArchiveChild is BenchmarkArchive's child process (childPeak); run
// alone it does nothing.
func TestArchiveChild(t *testing.T) {
	kind, dir, corpus := os.Getenv("CORPUSBOT_ARCHIVE_CHILD"), os.Getenv("CORPUSBOT_ARCHIVE_DIR"), os.Getenv("CORPUSBOT_ARCHIVE_CORPUS")
	if kind == "" {
		t.Skip("run by BenchmarkArchive")
	}
	if build, ok := strings.CutSuffix(kind, "-build"); ok {
		start := time.Now()
		if build == "plain" {
			c, err := index.ReadCorpus(context.Background(), os.DirFS(corpus), nil)
			if err != nil {
				t.Fatal(err)
			}
			p, err := buildPlain(dir, c)
			if err != nil {
				t.Fatal(err)
			}
			p.idx.Close()
		} else {
			ix, err := index.Open(context.Background(), os.DirFS(corpus), index.Options{Dir: dir}, nil)
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()
		}
		t.Logf("build-ns: %d", time.Since(start).Nanoseconds())
		reportPeak(t)
		return
	}
	if kind == "plain" {
		idx, err := bleve.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer idx.Close()
		if err := (&plainBleve{idx}).ask(archiveQuestions[0]); err != nil {
			t.Fatal(err)
		}
		reportPeak(t)
		return
	}
	openAndAsk(t, corpus, dir)
	reportPeak(t) // the peak stays after the close
}
