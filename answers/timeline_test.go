package answers_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/corpusbot/corpusbot/answers"
	"github.com/corpusbot/corpusbot/index"
)

// TestSeedTimeline: the seeds' key events, resolved with the catalog, in
// chronological order; the visit two outlets report is one line.
func TestSeedTimeline(t *testing.T) {
	svc := newSeedService(t)
	r := svc.Answer(context.Background(), "/timeline")
	if r.Kind != "timeline" {
		t.Fatalf("kind %q", r.Kind)
	}
	want := []struct{ date, phrase string }{
		{"2018-01-16", "Дональда Трампа"},
		{"2021-04-23", "С5+1"},
		{"2023-02-28", "Блинкен"},
		{"2025-11-11", "11-12 ноября"},
	}
	at := -1
	for _, w := range want {
		found := -1
		for i, e := range r.Events {
			if e.Date == w.date && strings.Contains(e.Text, w.phrase) {
				found = i
				break
			}
		}
		if found < 0 {
			t.Errorf("no event %s with %q in:\n%s", w.date, w.phrase, r.Text())
			continue
		}
		if found < at {
			t.Errorf("event %s out of order", w.date)
		}
		at = found
	}
	for _, e := range r.Events {
		if e.Date == "2023-02-28" && strings.Contains(e.Text, "визит") {
			if len(e.Sources) < 2 {
				t.Errorf("the 28 February 2023 visit should list both outlets, got %v", e.Sources)
			}
		}
		if e.Date == "2025-11-11" && strings.Contains(e.Text, "11-12") {
			if !e.Planned || e.DateText != "11–12 ноября 2025" {
				t.Errorf("11-12 November 2025: planned=%v text=%q", e.Planned, e.DateText)
			}
		}
		for _, bad := range []string{"Жданов", "HIMARS", "18:30", "Последние новости"} {
			if strings.Contains(e.Text, bad) {
				t.Errorf("site furniture on the timeline: %q", e.Text)
			}
		}
	}
	if !strings.Contains(r.Text(), "(запланировано)") {
		t.Errorf("planned events not marked:\n%s", r.Text())
	}
}

func TestTimelineTopic(t *testing.T) {
	svc := newSeedService(t)
	for _, q := range []string{"Блинкен", "Блинкена", "блинкеном"} {
		r := svc.Answer(context.Background(), "/timeline "+q)
		if len(r.Events) == 0 {
			t.Fatalf("/timeline %s: no events", q)
		}
		for _, e := range r.Events {
			if e.Date == "2018-01-16" || strings.HasPrefix(e.Date, "2025") {
				t.Errorf("/timeline %s: event without him: %s %s", q, e.Date, e.Text)
			}
		}
	}
	r := svc.Answer(context.Background(), "/timeline Токаев")
	if !strings.Contains(r.Text(), "принял Блинкена в Акорде") || !strings.Contains(r.Text(), "28 февраля 2023") {
		t.Errorf("/timeline Токаев lacks the Akorda reception reported on 28 February 2023:\n%s", r.Text())
	}
	r = svc.Answer(context.Background(), "/timeline Москву")
	if len(r.Events) == 0 || !strings.HasPrefix(r.Events[0].Date, "2025") {
		t.Errorf("/timeline by word: %+v", r.Events)
	}
	r = svc.Answer(context.Background(), "/timeline бешбармак")
	if len(r.Events) != 0 || !strings.Contains(r.Text(), "Не нашёл") {
		t.Errorf("unknown topic: %s", r.Text())
	}
	// a country under its other names: the same events (before the aliases,
	// «Америка» found none and «РК» one)
	us := svc.Answer(context.Background(), "/timeline США")
	for _, q := range []string{"Америка", "Соединённые Штаты"} {
		if r := svc.Answer(context.Background(), "/timeline "+q); len(us.Events) == 0 || len(r.Events) != len(us.Events) {
			t.Errorf("/timeline %s: %d events, /timeline США: %d", q, len(r.Events), len(us.Events))
		}
	}
	if kz, rk := svc.Answer(context.Background(), "/timeline Казахстан"), svc.Answer(context.Background(), "/timeline РК"); len(rk.Events) != len(kz.Events) {
		t.Errorf("/timeline РК: %d events, /timeline Казахстан: %d", len(rk.Events), len(kz.Events))
	}
}

// TestTimelineNeverInventsAYear: an article with no catalog, no dateline and
// no year keeps --MM-DD and says the year is not given.
func TestTimelineNeverInventsAYear(t *testing.T) {
	fs := fstest.MapFS{
		"a.txt": {Data: []byte("Визит министра\nМинистр прибыл в Ташкент 3 октября. Вчера он провел переговоры.")},
	}
	r := serviceOfFS(t, fs).Answer(context.Background(), "/timeline")
	if len(r.Events) != 1 {
		t.Fatalf("want one event (the relative «вчера» has no basis), got %+v", r.Events)
	}
	e := r.Events[0]
	if e.Date != "--10-03" || e.DateText != "3 октября (год не указан)" || !strings.Contains(r.Text(), "год не указан") {
		t.Errorf("got %q %q", e.Date, e.DateText)
	}
}

// newsCorpus is a handful of agency reports written for these tests.
func newsCorpus() fstest.MapFS {
	return fstest.MapFS{
		"a.txt": {Data: []byte("Казахстан и США подписали меморандум\nАСТАНА, 14 марта 2024. /Интерфакс-Казахстан/ – Министр промышленности и строительства Казахстана Ерлан Жумабаев и заместитель государственного секретаря США Майкл Харпер подписали меморандум о сотрудничестве.\nСтороны договорились провести следующее заседание рабочей группы в Вашингтоне 20 мая.\nЖумабаев отметил, что 2 марта министерство завершило подготовку соглашения, а 5 марта его одобрило правительство.")},
		"b.txt": {Data: []byte("Санкции против банков\nМОСКВА, 5 марта 2023. /ТАСС/. Вашингтон ввел санкции против трех банков региона.")},
		"c.txt": {Data: []byte("Жумабаев провел встречу с инвесторами\nАСТАНА, 20 июня 2023. /КазТАГ/ – Ерлан Жумабаев провел встречу с иностранными инвесторами в Астане.")},
		"d.txt": {Data: []byte("Энергетика\nАЛМАТЫ, 1 июля 2024. /КазТАГ/ – Правительство утвердило план модернизации электростанций.\nНа совещании выступил и министр Ерлан Жумабаев.")},
	}
}

// TestTimelineFilters: a year, a month of a year and a person with a year
// keep to their period and say which one; a person's timeline holds the
// lead events of their articles and their reports dated by publication;
// an article is listed once per event.
func TestTimelineFilters(t *testing.T) {
	ix, err := index.Open(context.Background(), newsCorpus(), index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	svc := answers.New(ix, nil)
	dates := func(r answers.Reply) []string {
		var out []string
		for _, e := range r.Events {
			out = append(out, e.Date)
			seen := map[string]bool{}
			for _, d := range e.Docs {
				if seen[d] {
					t.Errorf("%s lists %s twice: %v", e.Date, d, e.Docs)
				}
				seen[d] = true
			}
		}
		return out
	}
	tests := []struct {
		q, heading string
		want       []string
	}{
		{"/timeline 2024", "Хронология за 2024 год: 5 событий", []string{"2024-03-02", "2024-03-05", "2024-03-14", "2024-05-20", "2024-07-01"}},
		{"/timeline 2023", "за 2023 год", []string{"2023-03-05", "2023-06-20"}},
		{"/timeline март 2024", "за март 2024 года", []string{"2024-03-02", "2024-03-05", "2024-03-14"}},
		{"/timeline в 2023 году", "за 2023 год", []string{"2023-03-05", "2023-06-20"}},
		{"/timeline Жумабаев", "по теме «Жумабаев»", []string{"2023-06-20", "2024-03-02", "2024-03-05", "2024-03-14", "2024-07-01"}},
		{"/timeline Жумабаева 2023", "по теме «Жумабаева» за 2023 год", []string{"2023-06-20"}},
		{"/timeline санкции", "по теме «санкции»", []string{"2023-03-05"}},
		{"/timeline 2022", "Не нашёл событий за 2022 год", nil},
		{"/timeline Жумабаев за март 2024", "по теме «Жумабаев» за март 2024 года", []string{"2024-03-02", "2024-03-05", "2024-03-14"}},
	}
	for _, tt := range tests {
		r := svc.Answer(context.Background(), tt.q)
		if got := dates(r); strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: events %v, want %v\n%s", tt.q, got, tt.want, r.Text())
		}
		if !strings.Contains(r.Text(), tt.heading) {
			t.Errorf("%s: heading lacks %q:\n%s", tt.q, tt.heading, r.Text())
		}
	}
}
