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
	r := svc.Answer(context.Background(), "/timeline Москву")
	if len(r.Events) == 0 || !strings.HasPrefix(r.Events[0].Date, "2025") {
		t.Errorf("/timeline by word: %+v", r.Events)
	}
	r = svc.Answer(context.Background(), "/timeline бешбармак")
	if len(r.Events) != 0 || !strings.Contains(r.Text(), "Не нашёл") {
		t.Errorf("unknown topic: %s", r.Text())
	}
}

// TestTimelineNeverInventsAYear: an article with no catalog, no dateline and
// no year keeps --MM-DD and says the year is not given.
func TestTimelineNeverInventsAYear(t *testing.T) {
	fs := fstest.MapFS{
		"a.txt": {Data: []byte("Визит министра\nМинистр прибыл в Ташкент 3 октября. Вчера он провел переговоры.")},
	}
	ix, err := index.Open(context.Background(), fs, index.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	r := answers.New(ix, nil).Answer(context.Background(), "/timeline")
	if len(r.Events) != 1 {
		t.Fatalf("want one event (the relative «вчера» has no basis), got %+v", r.Events)
	}
	e := r.Events[0]
	if e.Date != "--10-03" || e.DateText != "3 октября (год не указан)" || !strings.Contains(r.Text(), "год не указан") {
		t.Errorf("got %q %q", e.Date, e.DateText)
	}
}
