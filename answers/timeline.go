package answers

import (
	"context"
	"fmt"
	"strings"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// timeline is /timeline [topic]: the corpus's dated events in order,
// grouped by date; with a topic, only events that involve the person it
// names (in any case form, as /who finds them) or that contain its words.
func (s *Service) timeline(ctx context.Context, topic string) Reply {
	all := s.lib.Events()
	events := all
	topic = strings.TrimSpace(topic)
	about := ""
	if topic != "" {
		events = s.filterEvents(all, topic)
		about = fmt.Sprintf(" по теме «%s»", topic)
	}
	if len(events) == 0 {
		r := Reply{Kind: KindTimeline}
		if topic == "" {
			r.Blocks = []Block{{{Text: "В корпусе не нашлось датированных событий."}}}
		} else {
			r.Blocks = []Block{{{Text: fmt.Sprintf("Не нашёл событий%s. Полная хронология — /timeline без темы.", about)}}}
		}
		return r
	}
	c := s.lib.Corpus()
	r := Reply{Kind: KindTimeline}
	r.Blocks = append(r.Blocks, Block{{Text: fmt.Sprintf("Хронология%s: %s", about, russian.Plural(len(events), "событие", "события", "событий")), Style: Bold}})
	var cur Block
	curDate := ""
	flush := func() {
		if len(cur) > 0 {
			r.Blocks = append(r.Blocks, cur)
		}
	}
	for _, e := range events {
		ev := Event{Date: e.From.ISO(), DateText: e.DateText(), Planned: e.Planned, Text: e.Text}
		var sources []string
		for _, p := range e.Sources {
			a := c.Article(p.Doc)
			ev.Docs = append(ev.Docs, a.ID)
			src := a.Source
			if src == "" {
				src = "«" + russian.Truncate(a.Title, 50) + "»"
			}
			if !contains(sources, src) {
				sources = append(sources, src)
			}
		}
		ev.Doc = ev.Docs[0]
		ev.Sources = sources
		r.Events = append(r.Events, ev)

		dt := ev.DateText
		if e.Time != "" {
			dt += ", " + e.Time
		}
		if e.Planned {
			dt += " (запланировано)"
		}
		if dt != curDate {
			flush()
			cur = Block{{Text: dt, Style: Bold}}
			curDate = dt
		}
		cur = append(cur, Span{Text: "\n• " + e.Text + " "}, Span{Text: "— " + strings.Join(sources, ", "), Style: Italic})
	}
	flush()
	return r
}

// filterEvents keeps the events about topic: a person it names, else its words.
func (s *Service) filterEvents(events []index.Event, topic string) []index.Event {
	var out []index.Event
	if people, _ := s.lib.People().Find(topic); len(people) > 0 {
		for _, e := range events {
			for _, p := range e.People {
				if containsPerson(people, p) {
					out = append(out, e)
					break
				}
			}
		}
		return out
	}
	words := readQuestion(topic).content
	if len(words) == 0 {
		return nil
	}
	match := s.lib.Matcher(words)
	for _, e := range events {
		for _, w := range russian.Words(e.Text) {
			if match(w.Text) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

func containsPerson(ps []*index.Person, p *index.Person) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
