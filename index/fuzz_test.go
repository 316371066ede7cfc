package index

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

const fuzzGood = "Министр провел встречу\nАСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Министр Ерлан Жумабаев провел встречу с послом.\n" +
	"«Мы договорились провести заседание 20 мая», – сказал он.\n"

var fuzzModel = sync.OnceValues(tagger.Default)

// FuzzReadCorpus: whatever an article file and catalog.tsv hold, reading
// never fails or hangs, never loses the good article beside them, and every
// sentence, person and event built from them is well-formed.
func FuzzReadCorpus(f *testing.F) {
	f.Add([]byte("Заголовок\nТекст статьи. Второе предложение!"), []byte("file\tpublished\tsource\nbad.txt\t2023-02-28\tТАСС\n"))
	f.Add([]byte("\xef\xbb\xbfНазвание\n\n16 января 2018, 23:19\nВАШИНГТОН, 16 января. /ТАСС/. Текст."), []byte("\xef\xbb\xbfsource\tfile\tpublished\nBAD\t2021-13\tx\n"))
	f.Add([]byte("\xcf\xf0\xe8\xe2\xe5\xf2\n\xd2\xe5\xea\xf1\xf2."), []byte("file\npublished\tfile\ngood.txt\t\t\t\n"))
	f.Add([]byte("Только заголовок"), []byte("\x00\xff"))
	f.Add([]byte("«Незакрытая цитата\nПоследние новости\nЧитайте также\nNone"), []byte(""))
	model, err := fuzzModel()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, article, catalog []byte) {
		fsys := fstest.MapFS{
			"good.txt":    {Data: []byte(fuzzGood)},
			"bad.txt":     {Data: article},
			"catalog.tsv": {Data: catalog},
		}
		c, err := ReadCorpus(context.Background(), fsys, nil)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		good := c.Article("good")
		if good == nil || len(good.Sentences) < 2 {
			t.Fatalf("the good article was lost: %+v", good)
		}
		for _, a := range c.Articles {
			if !utf8.ValidString(a.Title) {
				t.Fatalf("%s: title not UTF-8", a.ID)
			}
			for _, s := range a.Sentences {
				if strings.TrimSpace(s.Text) == "" || !utf8.ValidString(s.Text) || s.Quote >= len(a.Quotes) {
					t.Fatalf("%s: bad sentence %+v", a.ID, s)
				}
			}
		}
		people := buildPeople(c, model)
		for _, p := range people.All() {
			if p.Name == "" || !utf8.ValidString(p.Name) {
				t.Fatalf("person %+v", p)
			}
		}
		for _, e := range buildEvents(c, people) {
			if len(e.Sources) == 0 || c.Article(e.Sources[0].Doc) == nil || e.DateText() == "" {
				t.Fatalf("event %+v", e)
			}
		}
	})
}
