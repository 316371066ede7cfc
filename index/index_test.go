package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/seeds"
)

func openSeeds(t testing.TB) *index.Index {
	t.Helper()
	ix, err := index.Open(context.Background(), seeds.FS(), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestSeedMetadata(t *testing.T) {
	ix := openSeeds(t)
	tests := []struct{ id, date, source, title string }{
		{"000_842179c9f0289c83", "2018-01-16", "ТАСС", "США намерены заключить ряд соглашений с Казахстаном в сфере обороны"},
		{"001_6c928640fa13d394", "2023-02-28", "КазТАГ", "Госсекретарь США прокомментировал влияние антироссийских санкций на Казахстан"},
		{"003_f6c6ddd6d2f480e8", "2025-11-10", "", "Токаев летит к Путину после встречи с Трампом"},
		{"004_85a7ccd8feb50a27", "2021-04", "Казинформ", "Айбек Смадияров: С Вашингтоном будет продолжено сотрудничество в сферах, представляющих интерес для ЦА и США"},
	}
	for _, tt := range tests {
		a := ix.Corpus().Article(tt.id)
		if a == nil {
			t.Fatalf("%s missing", tt.id)
		}
		if a.Published.ISO() != tt.date || a.Source != tt.source || a.Title != tt.title {
			t.Errorf("%s: got %q %q %q", tt.id, a.Published.ISO(), a.Source, a.Title)
		}
	}
}

func TestFurnitureNeverIndexed(t *testing.T) {
	ix := openSeeds(t)
	for _, a := range ix.Corpus().Articles {
		for _, s := range a.Sentences {
			for _, bad := range []string{"Последние новости", "Сейчас читают", "Жданов", "HIMARS", "None", "18:28", "обновлено"} {
				if strings.Contains(s.Text, bad) {
					t.Errorf("%s: furniture %q indexed in %q", a.ID, bad, s.Text)
				}
			}
		}
	}
	// the datelines are metadata, not text
	for _, s := range ix.Corpus().Article("001_6c928640fa13d394").Sentences[:1] {
		if strings.HasPrefix(s.Text, "Астана") || !strings.HasPrefix(s.Text, "Государственный секретарь США") {
			t.Errorf("dateline left in the lead: %q", s.Text)
		}
	}
}

// TestTitleRepeatedIsNoText: a page that repeats its title as its first
// heading (in any case, with a full stop or without) indexes it once, as
// the title; a first sentence that only begins like the title is text.
func TestTitleRepeatedIsNoText(t *testing.T) {
	ix := openTexts(t, map[string]string{
		"a.txt": "Рособрнадзор возглавил 30-летний чиновник\nРособрнадзор возглавил 30-летний чиновник\n\nПремьер-министр назначил главой ведомства Ивана Муравьева.",
		"b.txt": "Умер композитор\n\nУМЕР КОМПОЗИТОР.\nКомпозитор скончался в Москве.",
		"c.txt": "Визит в Астану\n\nВизит в Астану продлится два дня.",
	})
	for id, want := range map[string][]string{
		"a": {"Премьер-министр назначил главой ведомства Ивана Муравьева."},
		"b": {"Композитор скончался в Москве."},
		"c": {"Визит в Астану продлится два дня."},
	} {
		var got []string
		for _, s := range ix.Corpus().Article(id).Sentences {
			got = append(got, s.Text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: sentences %q, want %q", id, got, want)
		}
	}
}

// openTexts opens an index in memory over articles given by file name and
// text, closed when the test ends.
func openTexts(t testing.TB, files map[string]string) *index.Index {
	t.Helper()
	ix, err := index.Open(context.Background(), corpus(files), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// corpus builds an in-memory folder of articles.
func corpus(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for name, body := range files {
		fs[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fs
}

func TestReadCorpusSkipsBadFiles(t *testing.T) {
	cp1251 := []byte{0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, '\n', 0xCC, 0xE8, 0xF0, '.'} // "Привет\nМир." in Windows-1251
	fs := corpus(map[string]string{
		"good.txt":   "Заголовок\n\nМОСКВА, 3 октября. /ТАСС/. Текст статьи о визите.",
		"empty.txt":  "  \n\n ",
		"binary.txt": "abc\x00def",
		"huge.txt":   strings.Repeat("а", index.MaxFileSize+10),
		"cp.txt":     string(cp1251),
		"notes.md":   "not an article",
		"title.txt":  "Только заголовок без текста\n",
		"one.txt":    "Министры подписали меморандум о сотрудничестве.\n",
		"..txt":      "Заголовок\n\nТекст.",
	})
	c, err := index.ReadCorpus(context.Background(), fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range c.Articles {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, ",") != "cp,good,one" {
		t.Errorf("articles = %v, want cp,good,one (a one-sentence file is an article, a title alone is not)", ids)
	}
	joined := strings.Join(c.Warnings, "\n")
	for _, want := range []string{"empty.txt", "binary.txt", "huge.txt", "cp.txt: not UTF-8; read as Windows-1251", "title.txt: only a title", "..txt: hidden"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no warning naming %q in:\n%s", want, joined)
		}
	}
	if got := c.Article("cp").Title; got != "Привет" {
		t.Errorf("cp1251 title = %q", got)
	}
	g := c.Article("good")
	if g.Source != "ТАСС" || g.Published.ISO() != "--10-03" {
		t.Errorf("dateline: source %q date %q; a year must never be invented", g.Source, g.Published.ISO())
	}
}

func TestReadCorpusEmptyFolder(t *testing.T) {
	_, err := index.ReadCorpus(context.Background(), corpus(map[string]string{"a.txt": ""}), nil)
	if err == nil || !strings.Contains(err.Error(), "no readable articles") {
		t.Errorf("err = %v, want ErrNoArticles", err)
	}
}

func TestCatalogWins(t *testing.T) {
	fs := corpus(map[string]string{
		"a.txt":       "Заголовок\nАстана. 28 февраля. КазТАГ – Текст.",
		"catalog.tsv": "file\tpublished\tsource\tnote\na.txt\t2023-02-28\tМоё агентство\t\"quoted\" note\n",
	})
	c, err := index.ReadCorpus(context.Background(), fs, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := c.Article("a")
	if a.Published.ISO() != "2023-02-28" || a.Source != "Моё агентство" {
		t.Errorf("got %q %q", a.Published.ISO(), a.Source)
	}
}

// TestSearchNameForms: a name finds its sentence in every case form, with
// ё or е, with one typo, and Latin or Cyrillic look-alikes.
func TestSearchNameForms(t *testing.T) {
	ix := openSeeds(t)
	tests := []struct {
		words []string
		want  string // a phrase of the top sentence
	}{
		{[]string{"Блинкена", "Акорде"}, "Акорде"},
		{[]string{"Блинкеном", "Акорде"}, "Акорде"},
		{[]string{"Блинкену", "Акорде"}, "Акорде"},
		{[]string{"Блинкен", "Акорда"}, "Акорде"},
		{[]string{"Блинкин", "Акорде"}, "Акорде"}, // one-letter typo
		{[]string{"Токаевым", "Акорде"}, "Акорде"},
		{[]string{"Тлеуберди", "Кулубаева"}, "Кулубаева"},
		{[]string{"C5", "1", "Белом", "доме"}, "C5+1"}, // Latin C
		{[]string{"С5", "1", "Белом", "доме"}, "C5+1"}, // Cyrillic С
		{[]string{"Бахтиёра", "Саидова"}, "Бахтиёра"},  // ё in the text
		{[]string{"Бахтиера", "Саидова"}, "Бахтиёра"},  // е for ё in the question
		{[]string{"Будапештской", "конвенции"}, "Будапештской"},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), tt.words, 3)
		if err != nil {
			t.Fatal(err)
		}
		hits := res.Hits
		if len(hits) == 0 {
			t.Errorf("%v: no hits", tt.words)
			continue
		}
		got := ix.Corpus().Article(hits[0].Doc).Sentences[hits[0].Sentence].Text
		if !strings.Contains(got, tt.want) {
			t.Errorf("%v: top sentence %q lacks %q", tt.words, got, tt.want)
		}
	}
}

func TestSearchQuerySyntaxIsText(t *testing.T) {
	ix := openSeeds(t)
	for _, q := range []string{`+-:^~*?"`, `title:Блинкен`, `<b>&amp;`, `Блинкен~2`, `*`, `"незакрытая`, `(((`, "\x00", "🙂"} {
		if _, err := ix.Search(context.Background(), strings.Fields(q), 5); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

func TestOnDiskIndexReusesUnchangedArticles(t *testing.T) {
	dir := t.TempDir()
	src := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Первая статья\nТокаев встретился с Блинкеном в Астане.")
	write("b.txt", "Вторая статья\nПесков рассказал о визите в Москву.")
	open := func() *index.Index {
		ix, err := index.Open(context.Background(), os.DirFS(src), index.Options{Dir: dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	ix := open()
	if st := ix.Stats(); st.Indexed != 2 || st.Reused != 0 {
		t.Fatalf("first open: %+v", st)
	}
	ix.Close()
	ix = open()
	if st := ix.Stats(); st.Indexed != 0 || st.Reused != 2 {
		t.Fatalf("reopen: %+v", st)
	}
	ix.Close()
	write("b.txt", "Вторая статья\nПесков рассказал о саммите в Душанбе.")
	if err := os.Remove(filepath.Join(src, "a.txt")); err != nil {
		t.Fatal(err)
	}
	write("c.txt", "Третья статья\nЛавров прилетел в Ташкент.")
	ix = open()
	defer ix.Close()
	if st := ix.Stats(); st.Indexed != 2 || st.Reused != 0 || st.Removed != 1 || st.Passages != 2 {
		t.Fatalf("after changes: %+v", st)
	}
	for words, want := range map[string]int{"Москву": 0, "Душанбе": 1, "Астане": 0, "Ташкент": 1} {
		res, err := ix.Search(context.Background(), []string{words}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if hits := res.Hits; len(hits) != want {
			t.Errorf("%s: %d hits, want %d (stale or missing passages)", words, len(hits), want)
		}
	}
}

// Example opens an in-memory index of a folder and searches it.
func Example() {
	fs := fstest.MapFS{
		"a.txt": {Data: []byte("Визит\nАСТАНА, 28 февраля. /ТАСС/. Президент Касым-Жомарт Токаев принял Энтони Блинкена в Акорде.")},
	}
	ix, err := index.Open(context.Background(), fs, index.Options{}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ix.Close()
	res, _ := ix.Search(context.Background(), []string{"Блинкеном", "Акорда"}, 1)
	hits := res.Hits
	a := ix.Corpus().Article(hits[0].Doc)
	fmt.Println(a.Source, a.Published.ISO(), a.Sentences[hits[0].Sentence].Text)
	// Output: ТАСС --02-28 Президент Касым-Жомарт Токаев принял Энтони Блинкена в Акорде.
}

// BenchmarkOneLongSentence opens a corpus of one article that is a single
// sentence with names and quotes and no full stop, at three sizes: the time
// must grow linearly with the size.
func BenchmarkOneLongSentence(b *testing.B) {
	words := []string{"Министр", "Иван", "Петров", "встретился", "с", "коллегой", "в", "Москве", "и", "«Газпром»",
		"обсудил", "Анна", "Смирнова", "заявила:", "«торговля", "растёт»", "вопросы"}
	for _, kb := range []int{150, 300, 600} {
		var sb strings.Builder
		sb.WriteString("Заголовок\n\n")
		for i := 0; sb.Len() < kb<<10; i++ {
			sb.WriteString(words[(i*7+i/3)%len(words)])
			sb.WriteByte(' ')
		}
		fsys := corpus(map[string]string{"one.txt": sb.String()})
		b.Run(fmt.Sprintf("%dKB", kb), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				ix, err := index.Open(context.Background(), fsys, index.Options{}, nil)
				if err != nil {
					b.Fatal(err)
				}
				ix.Close()
			}
		})
	}
}

// TestSpecialFilesAreSkipped: a FIFO named like an article or the catalog
// is skipped with a warning instead of blocking the read; a symlink to an
// article is read.
func TestSpecialFilesAreSkipped(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte("Заголовок\n\nМинистр провёл встречу в Астане."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pipe.txt", "catalog.tsv"} {
		if err := mkfifo(filepath.Join(dir, name)); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "good.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan struct{})
	var c *index.Corpus
	var err error
	go func() {
		defer close(done)
		c, err = index.ReadCorpus(ctx, os.DirFS(dir), nil)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("reading a folder with a FIFO blocked")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 2 {
		t.Errorf("%d articles, want good.txt and link.txt", len(c.Articles))
	}
	warned := strings.Join(c.Warnings, "\n")
	for _, want := range []string{"pipe.txt: not a regular file", "catalog.tsv"} {
		if !strings.Contains(warned, want) {
			t.Errorf("warnings lack %q:\n%s", want, warned)
		}
	}
}

// TestCatalogProblemsAreWarnedByLine: a BOM does not hide the header, bad
// dates and rows for missing files are warned with their line, rows match by
// relative path, and a header without «file» is reported.
func TestCatalogProblemsAreWarnedByLine(t *testing.T) {
	text := "Заголовок\n\nМинистр провёл встречу в Астане."
	fsys := corpus(map[string]string{
		"catalog.tsv":   "\uFEFFfile\tpublished\tsource\turl\ngood1.txt\t2024-03-01\tТАСС\thttps://tass.ru/1\nbad.txt\t1 марта\tКазТАГ\tjavascript:alert(1)\nghost.txt\t2024-01-01\tРИА\n",
		"good1.txt":     text,
		"bad.txt":       text,
		"sub/good1.txt": text,
	})
	c, err := index.ReadCorpus(context.Background(), fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a := c.Article("good1"); a == nil || a.Published.ISO() != "2024-03-01" || a.Source != "ТАСС" || a.URL != "https://tass.ru/1" {
		t.Errorf("good1 with a BOM before the header: %+v", a)
	}
	if a := c.Article("sub/good1"); a == nil || a.Source == "ТАСС" {
		t.Errorf("sub/good1 took the row of good1.txt: %+v", a)
	}
	warned := strings.Join(c.Warnings, "\n")
	if a := c.Article("bad"); a == nil || a.URL != "" {
		t.Errorf("a javascript: url was kept: %+v", a)
	}
	for _, want := range []string{"catalog.tsv: line 3: date \"1 марта\"", "catalog.tsv: line 3: url \"javascript:alert(1)\" is not an http(s) address", "catalog.tsv: line 4: no article file ghost.txt"} {
		if !strings.Contains(warned, want) {
			t.Errorf("warnings lack %q:\n%s", want, warned)
		}
	}
	c, err = index.ReadCorpus(context.Background(), corpus(map[string]string{
		"catalog.tsv": "name\tpublished\tsource\ngood1.txt\t2024-03-01\tТАСС\n",
		"good1.txt":   text,
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(c.Warnings, "\n"); !strings.Contains(w, "line 1: the header has no «file» column") {
		t.Errorf("a header without file is silent: %q", w)
	}
}

// TestHiddenArticleIsWarned: a .txt whose name starts with a dot («..txt»)
// is skipped with a warning, not silently.
func TestHiddenArticleIsWarned(t *testing.T) {
	c, err := index.ReadCorpus(context.Background(), corpus(map[string]string{
		"a.txt":  "Заголовок\n\nМинистр провёл встречу в Астане.",
		"..txt":  "Заголовок\n\nСкрытый текст.",
		".b.txt": "Заголовок\n\nЕщё один скрытый текст.",
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(c.Warnings, "\n")
	for _, name := range []string{"..txt: hidden file", ".b.txt: hidden file"} {
		if !strings.Contains(w, name) {
			t.Errorf("warnings lack %q: %q", name, w)
		}
	}
	if len(c.Articles) != 1 {
		t.Errorf("%d articles, want 1", len(c.Articles))
	}
}

// TestEqualScoresInCorpusOrder: the same sentence in several articles
// scores the same everywhere; hits come by article id, not by the order
// Bleve happened to store them in (here the files' order: n.a.txt before n.txt).
func TestEqualScoresInCorpusOrder(t *testing.T) {
	body := "Заголовок\n\nМинистры обсудили поставки зерна в порт Актау.\n"
	fs := corpus(map[string]string{"n.txt": body, "n.b.txt": body, "n.a.txt": body})
	ix, err := index.Open(context.Background(), fs, index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), []string{"поставки", "зерна", "Актау"}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Doc)
	}
	if want := "n n.a n.b"; strings.Join(got, " ") != want {
		t.Errorf("hits in order %v, want %s", got, want)
	}
}

// TestUnknownWordWeights: a word the corpus never uses weighs its IDF in
// coverage; a verb half of it; a preposition or particle nothing (it names
// no topic), so the hit that matches every other word covers the query.
func TestUnknownWordWeights(t *testing.T) {
	ix := openSeeds(t)
	res, err := ix.Search(context.Background(), []string{"среди", "инвесторов", "занимают", "туристов"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Terms) != 4 || len(res.Hits) == 0 {
		t.Fatalf("terms %+v, %d hits", res.Terms, len(res.Hits))
	}
	among, investors, verb, noun := res.Terms[0], res.Terms[1], res.Terms[2], res.Terms[3]
	if among.Known || among.Weight != 0 {
		t.Errorf("«среди»: %+v, want unknown with weight 0", among)
	}
	if !investors.Known || investors.Weight != investors.IDF {
		t.Errorf("«инвесторов»: %+v, want known with its IDF as weight", investors)
	}
	if verb.Known || verb.Weight != verb.IDF/2 {
		t.Errorf("«занимают»: %+v, want unknown with half its IDF", verb)
	}
	if noun.Known || noun.Weight != noun.IDF {
		t.Errorf("«туристов»: %+v, want unknown with its IDF", noun)
	}
	want := investors.Weight / (investors.Weight + verb.Weight + noun.Weight)
	if got := res.Hits[0].Coverage; got < want-1e-9 || got > want+1e-9 {
		t.Errorf("coverage %.3f, want %.3f (the preposition left out)", got, want)
	}
}
