package answers_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/corpusbot/corpusbot/answers"
)

func linkedCorpus(t *testing.T) *answers.Service {
	t.Helper()
	fsys := fstest.MapFS{
		"news/memo.txt": {Data: []byte("Меморандум подписан\nАСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Министр Ерлан Жумабаев подписал меморандум о минералах.\nЧитайте также\nДругая новость\n")},
		"news/mine.txt": {Data: []byte("Рудник открыт\nМинистр Ерлан Жумабаев открыл рудник в Караганде.\n\nВторой абзац о шахтерах.")},
		"catalog.tsv": {Data: []byte("file\turl\tpublished\n" +
			"news/memo.txt\thttps://example.kz/memo\t2024-03-14\n" +
			"news/mine.txt\tjavascript:alert(1)\t2024-04-01\n")},
	}
	return serviceOfFS(t, fsys)
}

// TestArticleCommand: /article gives the whole article without furniture,
// by id or a unique beginning of one, with its url; unknown and ambiguous
// ids and an empty argument get a clear answer; only http(s) is linked.
func TestArticleCommand(t *testing.T) {
	svc := linkedCorpus(t)
	ctx := context.Background()
	r := svc.Answer(ctx, "/article news/memo")
	if r.Kind != answers.KindArticle || r.Article == nil {
		t.Fatalf("kind %q, article %+v", r.Kind, r.Article)
	}
	a := r.Article
	if a.Doc != "news/memo" || a.URL != "https://example.kz/memo" || a.Date != "2024-03-14" || a.Source != "Интерфакс-Казахстан" ||
		!strings.Contains(a.Text, "подписал меморандум") || strings.Contains(a.Text, "Другая новость") {
		t.Errorf("article %+v", a)
	}
	b, _ := json.Marshal(r)
	if !strings.Contains(string(b), `"kind":"article"`) || !strings.Contains(string(b), `"article":{"doc":"news/memo"`) {
		t.Errorf("json %s", b)
	}
	if !strings.Contains(r.Text(), "https://example.kz/memo") || !strings.Contains(r.HTML(), `<a href="https://example.kz/memo">`) {
		t.Errorf("the link is not shown:\n%s\n%s", r.Text(), r.HTML())
	}
	if r := svc.Answer(ctx, "/article NEWS/MI"); r.Article == nil || r.Article.Doc != "news/mine" || r.Article.URL != "" ||
		!strings.Contains(r.Article.Text, "Второй абзац") || !strings.Contains(r.Article.Text, "\n\n") {
		t.Errorf("by a beginning, with paragraphs and no javascript link: %+v", r.Article)
	}
	for _, q := range []string{"/article news/m", "/article nothing", "/article"} {
		if r := svc.Answer(ctx, q); r.Article != nil || r.Kind != answers.KindArticle || strings.TrimSpace(r.Text()) == "" {
			t.Errorf("%s: %+v", q, r)
		}
	}
}

// TestURLsInResults: results, mentions and events carry the catalog url,
// and each result has a command that opens its article.
func TestURLsInResults(t *testing.T) {
	svc := linkedCorpus(t)
	ctx := context.Background()
	r := svc.Answer(ctx, "Что подписал Жумабаев?")
	if len(r.Results) == 0 || r.Results[0].URL != "https://example.kz/memo" || len(r.Open) != len(r.Results) ||
		r.Open[0].Command != "/article news/memo" {
		t.Fatalf("results %+v open %+v", r.Results, r.Open)
	}
	who := svc.Answer(ctx, "/who Жумабаев")
	if who.Person == nil || !strings.Contains(mustJSON(t, who), `"url":"https://example.kz/memo"`) {
		t.Errorf("mentions lack the url: %s", mustJSON(t, who))
	}
	tl := svc.Answer(ctx, "/timeline 2024")
	if !strings.Contains(mustJSON(t, tl), `"url":"https://example.kz/memo"`) {
		t.Errorf("events lack the url: %s", mustJSON(t, tl))
	}
}

func mustJSON(t *testing.T, r answers.Reply) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestYearInQuestionKeepsToIt: a year stated as the time asked about keeps
// the answer to articles of that year or sentences that name it; a year
// the corpus has nothing for says so; an article's date counts as naming
// its year.
func TestYearInQuestionKeepsToIt(t *testing.T) {
	svc := newSeedService(t)
	ctx := context.Background()
	years := func(q string) []string {
		var out []string
		for _, r := range svc.Answer(ctx, q).Results {
			out = append(out, r.Date)
		}
		return out
	}
	if got := years("Что Блинкен говорил о санкциях?"); len(got) == 0 || !strings.HasPrefix(got[0], "2023") {
		t.Fatalf("without a year: %v", got)
	}
	for _, q := range []string{"Что Блинкен говорил о санкциях в 2023 году?", "Что говорил Блинкен о санкциях за 2023 год?"} {
		for _, d := range years(q) {
			if !strings.HasPrefix(d, "2023") {
				t.Errorf("%s: a result of %s", q, d)
			}
		}
	}
	for _, d := range years("Что Блинкен говорил о санкциях в 2021 году?") {
		if strings.HasPrefix(d, "2023") {
			t.Errorf("2021 asked, a result of %s", d)
		}
	}
	r := svc.Answer(ctx, "Что Блинкен говорил о санкциях в 2019 году?")
	if len(r.Results) != 0 || !strings.Contains(r.Text(), "За 2019 год") {
		t.Errorf("2019: %s", r.Text())
	}
	if r := linkedCorpus(t).Answer(ctx, "Что подписал Жумабаев в 2024 году?"); len(r.Results) == 0 || r.Results[0].Doc != "news/memo" {
		t.Errorf("the 2024 article, its year known only from its date: %s", r.Text())
	}
}

// TestWordsOfABody: a question about what someone said or how they judged
// something («Как власти оценили…», «Что заявили в МИД…») is answered by the
// words of a body or its officials as well as by a person's, before a
// sentence that only names what was judged.
func TestWordsOfABody(t *testing.T) {
	svc := serviceOfFS(t, fstest.MapFS{
		"deal.txt": {Data: []byte("Новости дипломатии\n" +
			"На встрече в Белом доме было объявлено, что Казахстан присоединяется к соглашениям Авраама о нормализации отношений. " +
			"По данным AFP, это больше символический шаг.\n\n" +
			"Переговоры о поставках газа продолжатся осенью.\n\n" +
			"Власти Казахстана заявили, что присоединение к соглашениям является «естественным и логичным».\n")},
		"other.txt": {Data: []byte("Новости энергетики\nМинистры обсудили цены на газ и нефть на встрече в Астане.\n")},
	})
	for _, q := range []string{"Как власти Казахстана оценили присоединение к соглашениям Авраама?", "Что власти Казахстана сказали о присоединении к соглашениям Авраама?"} {
		r := svc.Answer(context.Background(), q)
		if len(r.Results) == 0 || !strings.Contains(r.Results[0].Excerpt, "естественным и логичным") {
			t.Errorf("%s: %s", q, r.Text())
		}
	}
}

// TestNameIsNotACommonWord: a name of the question met only as a common
// word («национальный университет» for «Национальный банк») is not met, so
// the question is declined rather than answered about a university.
func TestNameIsNotACommonWord(t *testing.T) {
	svc := serviceOfFS(t, fstest.MapFS{
		"visit.txt": {Data: []byte("Визит госсекретаря\nГоссекретарь посетил Казахский национальный университет искусств. " +
			"Президент Казахстана принял гостя в Акорде.\n")},
		"talks.txt": {Data: []byte("Переговоры в Астане\nМинистры обсудили торговлю и инвестиции.\n")},
		"gas.txt":   {Data: []byte("Газ для Европы\nКазахстан увеличит поставки газа в Европу.\n")},
	})
	if r := svc.Answer(context.Background(), "Кто возглавляет Национальный банк Казахстана?"); len(r.Results) > 0 {
		t.Errorf("answered: %s", r.Text())
	}
	if r := svc.Answer(context.Background(), "Какой университет посетил госсекретарь?"); len(r.Results) == 0 || !strings.Contains(r.Results[0].Excerpt, "национальный университет") {
		t.Errorf("the common word itself: %s", r.Text())
	}
}
