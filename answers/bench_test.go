package answers_test

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/seeds"
)

// generatedCorpus makes n articles from the seeds' sentences, with names,
// numbers and words shuffled in, so the index sees a realistic vocabulary.
func generatedCorpus(tb testing.TB, n int) fs.FS {
	tb.Helper()
	c, err := index.ReadCorpus(context.Background(), seeds.FS(), nil)
	if err != nil {
		tb.Fatal(err)
	}
	var sents []string
	vocab := map[string]bool{}
	for _, a := range c.Articles {
		for _, s := range a.Sentences {
			sents = append(sents, s.Text)
			for _, w := range russian.Words(s.Text) {
				vocab[w.Text] = true
			}
		}
	}
	words := make([]string, 0, len(vocab))
	for w := range vocab {
		words = append(words, w)
	}
	sort.Strings(words)
	syll := []string{"ка", "ра", "не", "то", "ми", "ла", "зо", "бе", "ду", "ги", "шо", "ве"}
	name := func(r *rand.Rand) string {
		var b strings.Builder
		for i := 0; i < 2+r.Intn(2); i++ {
			b.WriteString(syll[r.Intn(len(syll))])
		}
		s := b.String()
		return strings.ToUpper(s[:2]) + s[2:] + []string{"ов", "ев", "ин", "енко", "ский"}[r.Intn(5)]
	}
	r := rand.New(rand.NewSource(1))
	out := fstest.MapFS{}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Статья номер %d о встрече %s\n\n", i, name(r))
		fmt.Fprintf(&b, "АСТАНА, %d %s. /ТАСС/. ", 1+r.Intn(28), russian.MonthGenitive(1+r.Intn(12)))
		for k := 0; k < 10+r.Intn(10); k++ {
			b.WriteString(sents[r.Intn(len(sents))])
			b.WriteString(" ")
			if k%3 == 0 {
				fmt.Fprintf(&b, "%s %s сообщил о %d проектах, %s и %s. ", name(r), words[r.Intn(len(words))], r.Intn(1000), words[r.Intn(len(words))], words[r.Intn(len(words))])
			}
			if k%4 == 3 {
				b.WriteString("\n")
			}
		}
		out[fmt.Sprintf("gen_%05d.txt", i)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return out
}

const benchArticles = 10000

// BenchmarkIndex10k measures reading and indexing 10,000 articles in memory.
func BenchmarkIndex10k(b *testing.B) {
	fsys := generatedCorpus(b, benchArticles)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := index.Open(context.Background(), fsys, index.Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		st := ix.Stats()
		b.ReportMetric(float64(st.Articles)/st.BuildTime.Seconds(), "articles/s")
		b.ReportMetric(float64(st.Passages), "passages")
		ix.Close()
	}
}

var benchQuestions = []string{
	"Где Токаев принимал Блинкена?", "Что Блинкен сказал о последствиях санкций?", "Когда Токаев посетит Москву?",
	"Сколько американских компаний работает в Казахстане?", "Какая погода будет завтра в Алматы?",
	"Присоединится ли Казахстан к Будапештской конвенции?", "Кто представлял Таджикистан на встрече С5+1?",
	"/who Блинкен", "/who Песков", "/timeline Токаев",
}

// BenchmarkAnswer10k measures answering questions over 10,000 articles and
// reports the p50 and p99 latency.
func BenchmarkAnswer10k(b *testing.B) {
	ix, err := index.Open(context.Background(), generatedCorpus(b, benchArticles), index.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	svc := answers.New(ix, nil)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		svc.Answer(context.Background(), benchQuestions[i%len(benchQuestions)])
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkWho10k measures /who over 10,000 articles: it reads prepared
// people, never the texts.
func BenchmarkWho10k(b *testing.B) {
	ix, err := index.Open(context.Background(), generatedCorpus(b, benchArticles), index.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	svc := answers.New(ix, nil)
	qs := []string{"/who Блинкен", "/who Токаева", "/who Песков", "/who Иванов", "/who"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		svc.Answer(context.Background(), qs[i%len(qs)])
	}
}

// BenchmarkTimeline10k measures /timeline over 10,000 articles, whole and
// by topic: an event that thousands of articles report must cost in
// proportion to its reports, not their square.
func BenchmarkTimeline10k(b *testing.B) {
	ix, err := index.Open(context.Background(), generatedCorpus(b, archiveArticles()), index.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	svc := answers.New(ix, nil)
	qs := []string{"/timeline", "/timeline Блинкен", "/timeline санкции"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		svc.Answer(context.Background(), qs[i%len(qs)])
	}
}
