package index_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/corpusbot/corpusbot/index"
)

// timelineRow is one news-shaped article: its text (a title line, then the
// body), its catalog date ("" for none), and the events a journalist
// expects from it: "2024-05-20+" is planned, "2024-03-14" is not; the
// phrase after ":" must be in the event's text. A lead with a date of its
// own is the article's news on that date; one without is dated by the
// publication.
type timelineRow struct {
	id, published, text string
	want                []string
}

// timelineRows were written for this test in the style of agency copy.
var timelineRows = []timelineRow{
	// a datelined lead is the article's news on its date; an agreed event resolves forward
	{"memo", "", "Казахстан и США подписали меморандум\nАСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Министр промышленности и строительства Казахстана Ерлан Жумабаев и заместитель государственного секретаря США Майкл Харпер подписали меморандум о сотрудничестве в сфере критических минералов.\nСтороны договорились провести следующее заседание совместной рабочей группы в Вашингтоне 20 мая.",
		[]string{"2024-03-14:подписали меморандум", "2024-05-20+:заседание"}},
	// a dateline with no year: the lead stays on the timeline, year not invented
	{"water", "", "Министры обсудили вододеление\nТАШКЕНТ. 3 октября. КазТАГ – Министры водных ресурсов Казахстана, Кыргызстана и Узбекистана провели совещание по вододелению на вегетационный период.",
		[]string{"--10-03:провели совещание"}},
	// «вчера» in the lead moves it back a day; no second line for the same news
	{"kremlin", "", "Переговоры в Кремле\nМОСКВА, 5 апреля 2023. /ТАСС/. Вчера в Кремле прошли переговоры президентов России и Казахстана.",
		[]string{"2023-04-04:переговоры"}},
	{"beijing", "2022-09-13", "Визит в Пекин\nНакануне министр иностранных дел прибыл в Пекин с официальным визитом.",
		[]string{"2022-09-12:Пекин"}},
	{"ynodate", "", "Министр прибыл в Бишкек\nБИШКЕК. 3 октября. КазТАГ – Вчера министр энергетики прибыл в Бишкек для переговоров о поставках электроэнергии.",
		[]string{"--10-02:Бишкек"}},
	// New Year crossings
	{"board", "2024-01-02", "Совет директоров\n25 декабря в Алматы состоялось заседание совета директоров фонда.",
		[]string{"2023-12-25:совета директоров"}},
	{"summit", "2024-12-20", "Саммит в январе\nСаммит глав государств Центральной Азии состоится 15 января в Душанбе.",
		[]string{"2025-01-15+:Саммит"}},
	{"decree", "2024-12-28", "Указ в силе\nУказ о снижении пошлин вступил в силу 1 января.",
		[]string{"2024-01-01:Указ"}},
	{"law", "2025-01-05", "Закон подписан\nПрезидент подписал закон о государственном бюджете 28 декабря.",
		[]string{"2024-12-28:закон"}},
	// planned and agreed: forward from publication, marked planned
	{"forum", "2024-02-01", "Форум в Астане\nИнвестиционный форум пройдет 14 февраля в Астане.",
		[]string{"2024-02-14+:форум"}},
	{"june", "2024-03-01", "Делегации встретятся летом\nДелегации двух стран намерены встретиться 10 июня в Ташкенте.",
		[]string{"2024-06-10+:Делегации"}},
	{"plant", "2023-05-10", "Завод в Павлодаре\nКомпания планирует запустить завод в сентябре, сообщил ее директор.",
		[]string{"2023-09+:завод"}},
	{"march", "2024-11-20", "Новая встреча\nСледующая встреча министров назначена на 3 марта.",
		[]string{"2025-03-03+:встреча"}},
	{"may", "2024-03-14", "Переговоры продолжатся\nМинистр сообщил, что переговоры по тарифам продолжатся 20 мая.",
		[]string{"2024-05-20+:переговоры"}},
	{"april", "2024-03-25", "Стороны вернутся к вопросу\nСтороны условились вернуться к обсуждению тарифов 5 апреля.",
		[]string{"2024-04-05+:тарифов"}},
	{"visitnext", "2024-06-01", "Визит в Астану\nМинистр обороны посетит Астану 20 мая.",
		[]string{"2025-05-20+:Астану"}},
	{"built", "2024-06-01", "Стройка\nПодрядчик намерен к 15 августа завершить строительство моста через Иртыш.",
		[]string{"2024-08-15+:моста"}},
	// completed: backward from publication
	{"visitlast", "2024-06-01", "Визит в Астану\nМинистр обороны посетил Астану 20 июня.",
		[]string{"2023-06-20:посетил"}},
	{"treaty", "2023-02-01", "Годовщина соглашения\nСоглашение было подписано 16 мая 2017 года в Вашингтоне.",
		[]string{"2017-05-16:Соглашение"}},
	{"talks", "2025-11-13", "Переговоры в Москве\nПереговоры прошли 11–12 ноября в Москве.",
		[]string{"2025-11-11:Переговоры"}},
	// no clue: the nearer date
	{"parl", "2024-01-10", "Парламент\nИтоги сессии. Заседание парламента 12 декабря.",
		[]string{"2023-12-12:Заседание", "2024-01-10:Итоги"}},
	{"vote", "2024-01-10", "Выборы\nИтоги года. Выборы в парламент 20 февраля.",
		[]string{"2024-02-20+:Выборы", "2024-01-10:Итоги"}},
	// ranges, seasons, relative years and bare years
	{"range", "2024-03-20", "Визит делегации\nВизит делегации пройдет с 30 марта по 2 апреля.",
		[]string{"2024-03-30+:Визит"}},
	{"spring", "2024-05-01", "Консультации\nВесной 2022 года стороны начали консультации по визовому режиму.",
		[]string{"2022:консультации"}},
	{"trade", "2024-05-01", "Товарооборот\nВ прошлом году товарооборот между странами вырос на 20%.",
		[]string{"2023:товарооборот"}},
	{"works", "2024-05-01", "Работы\nСтроители сдали первую очередь дороги. Осенью прошлого года начались работы на втором участке.",
		[]string{"2023:работы", "2024-05-01:Строители"}},
	{"bare", "2024-05-01", "Договор\nСтороны обменялись грамотами. В 2015 году стороны подписали договор о дружбе.",
		[]string{"2015:договор", "2024-05-01:грамотами"}},
	// the timestamp line and the catalog's month date the lead at their precision
	{"stamp", "", "16 января 2018, 23:19\nСША и Казахстан расширят сотрудничество\nВАШИНГТОН, 16 января. /ТАСС/. США планируют подписать ряд новых соглашений с Казахстаном.",
		[]string{"2018-01-16:США"}},
	{"month", "2021-04", "Итоги разговора\nОфициальный представитель МИД рассказал об итогах телефонного разговора министров.",
		[]string{"2021-04:итогах"}},
	// a lead that needs what came before, a question or a quotation gives way to the title
	{"connective", "2024-07-02", "Банк снизил ставку до 14 процентов\nОб этом сообщает пресс-служба регулятора.",
		[]string{"2024-07-02:Банк снизил ставку"}},
	{"question", "2024-07-03", "Что изменится для экспортеров\nЧто изменится для экспортеров после отмены квот?",
		[]string{"2024-07-03:Что изменится для экспортеров"}},
	// nothing dated: nothing invented
	{"undated", "", "Без даты\nМинистр провел встречу с послом.", nil},
	// site furniture never reaches the timeline
	{"furniture", "2024-08-01", "Мост открыт\nМост через Иртыш открыли для движения.\nЧитайте также\nВыборы пройдут 20 сентября",
		[]string{"2024-08-01:Мост"}},
}

func timelineCorpus() fstest.MapFS {
	fsys := fstest.MapFS{}
	catalog := "file\tpublished\n"
	for _, r := range timelineRows {
		fsys[r.id+".txt"] = &fstest.MapFile{Data: []byte(r.text)}
		if r.published != "" {
			catalog += r.id + ".txt\t" + r.published + "\n"
		}
	}
	fsys["catalog.tsv"] = &fstest.MapFile{Data: []byte(catalog)}
	return fsys
}

// TestTimelineTable: each article's events resolve to the dates a
// journalist expects, planned ones forward, completed ones backward, the
// lead on the dateline's date; nothing else comes from it.
func TestTimelineTable(t *testing.T) {
	ix, err := index.Open(context.Background(), timelineCorpus(), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	events := ix.Events()
	for _, r := range timelineRows {
		var got []string
		for _, e := range events {
			if !slices.ContainsFunc(e.Sources, func(p index.Place) bool { return p.Doc == r.id }) {
				continue
			}
			d := e.From.ISO()
			if e.Planned {
				d += "+"
			}
			got = append(got, d+":"+e.Text)
		}
		if len(got) != len(r.want) {
			t.Errorf("%s: %d events, want %d:\n  got  %q\n  want %q", r.id, len(got), len(r.want), got, r.want)
			continue
		}
		for _, w := range r.want {
			date, phrase, _ := strings.Cut(w, ":")
			if !slices.ContainsFunc(got, func(g string) bool {
				gd, gt, _ := strings.Cut(g, ":")
				return gd == date && strings.Contains(gt, phrase)
			}) {
				t.Errorf("%s: no event %s with %q in %q", r.id, date, phrase, got)
			}
		}
	}
	for i := 1; i < len(events); i++ {
		if events[i].From.Compare(events[i-1].From) < 0 {
			t.Errorf("out of order: %s after %s", events[i].From.ISO(), events[i-1].From.ISO())
		}
	}
}

func ExampleIndex_Events() {
	ix, _ := index.Open(context.Background(), fstest.MapFS{"a.txt": {Data: []byte(
		"Меморандум подписан\nАСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Министры подписали меморандум.\n" +
			"Стороны договорились провести следующее заседание 20 мая.")}}, index.Options{}, nil)
	defer ix.Close()
	for _, e := range ix.Events() {
		fmt.Println(e.DateText(), e.Planned, e.Text)
	}
	// Output:
	// 14 марта 2024 false Министры подписали меморандум.
	// 20 мая 2024 true Стороны договорились провести следующее заседание 20 мая.
}
