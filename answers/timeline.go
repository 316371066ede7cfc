package answers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// period is a /timeline date filter: a year, or a month of a year.
type period struct{ year, month int }

func (p period) zero() bool { return p.year == 0 }

// String says the period in Russian: «2024 год», «март 2023 года».
func (p period) String() string {
	if p.month != 0 {
		return fmt.Sprintf("%s %d года", russian.MonthName(p.month), p.year)
	}
	return fmt.Sprintf("%d год", p.year)
}

// holds reports whether an event falls in the period at the precision the
// event knows: a year-only event is not in any month.
func (p period) holds(e index.Event) bool {
	last := e.Until
	if last.IsZero() {
		last = e.From
	}
	if e.From.Year == 0 || p.year < e.From.Year || p.year > last.Year {
		return false
	}
	if p.month == 0 {
		return true
	}
	if e.From.Month == 0 {
		return false
	}
	lo, hi := 1, 12
	if e.From.Year == p.year {
		lo = e.From.Month
	}
	if last.Year == p.year && last.Month != 0 {
		hi = last.Month
	}
	return lo <= p.month && p.month <= hi
}

var periodPreps = map[string]bool{"в": true, "во": true, "за": true, "на": true}

// readPeriod takes a year («2024», «2024 году», «2024г.») and a month
// right before it («март 2023») out of a /timeline argument and returns
// the rest as the topic.
func readPeriod(arg string) (string, period) {
	fields := strings.Fields(arg)
	var p period
	for i, f := range fields {
		digits := strings.TrimRight(strings.TrimSuffix(strings.ToLower(f), "г."), "г.,")
		y, err := strconv.Atoi(digits)
		if err != nil || len(digits) != 4 || y < 1800 || y > 2199 {
			continue
		}
		p.year = y
		drop := []int{i}
		if i+1 < len(fields) && strings.HasPrefix(strings.ToLower(fields[i+1]), "год") {
			drop = append(drop, i+1)
		}
		at := i
		if at > 0 {
			if m := russian.Month(strings.Trim(fields[at-1], ",.")); m != 0 {
				p.month = m
				at--
				drop = append(drop, at)
			}
		}
		if at > 0 && periodPreps[strings.ToLower(fields[at-1])] { // «в 2023 году», «за март 2024»
			drop = append(drop, at-1)
		}
		var rest []string
		for k, f := range fields {
			if !slices.Contains(drop, k) {
				rest = append(rest, f)
			}
		}
		return strings.Join(rest, " "), p
	}
	return arg, p
}

// timeline is /timeline [topic] [period]: the corpus's events in order,
// grouped by date; with a topic, only events that involve the person it
// names (in any case form, as /who finds them) or that contain its words;
// with a year or a month of a year, only events of that period.
func (s *Service) timeline(ctx context.Context, arg string) Reply {
	topic, when := readPeriod(strings.TrimSpace(arg))
	events := s.lib.Events()
	about := ""
	if topic != "" {
		events = s.filterEvents(events, topic)
		about = fmt.Sprintf(" по теме «%s»", topic)
	}
	if !when.zero() {
		var in []index.Event
		for _, e := range events {
			if when.holds(e) {
				in = append(in, e)
			}
		}
		events = in
		about += " за " + when.String()
	}
	if len(events) == 0 {
		r := Reply{Kind: KindTimeline}
		if about == "" {
			r.Blocks = []Block{{{Text: "В корпусе не нашлось датированных событий."}}}
		} else {
			r.Blocks = []Block{{{Text: fmt.Sprintf("Не нашёл событий%s. Полная хронология — /timeline без темы.", about)}}}
		}
		return r
	}
	return s.timelineReply(events, about)
}

// timelineReply lists events under their dates, each with its sources.
func (s *Service) timelineReply(events []index.Event, about string) Reply {
	c := s.lib.Corpus()
	r := Reply{Kind: KindTimeline, Events: make([]Event, 0, len(events))}
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
		// an event an archive reports thousands of times must not cost their square
		seenDoc, seenSrc := map[string]bool{}, map[string]bool{}
		for _, p := range e.Sources {
			a := c.Info(p.Doc)
			if !seenDoc[a.ID] {
				seenDoc[a.ID] = true
				ev.Docs = append(ev.Docs, a.ID)
			}
			src := a.Source
			if src == "" {
				src = "«" + russian.Truncate(a.Title, 50) + "»"
			}
			if !seenSrc[src] {
				seenSrc[src] = true
				sources = append(sources, src)
			}
		}
		ev.Doc = ev.Docs[0]
		ev.URL = c.Info(ev.Doc).URL
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

// filterEvents keeps the events about topic: a person it names, else its
// words (in the event, or in the title of the article whose news it is).
func (s *Service) filterEvents(events []index.Event, topic string) []index.Event {
	var out []index.Event
	if people, _ := s.lib.People().Find(topic); len(people) > 0 {
		for _, e := range events {
			if slices.ContainsFunc(e.People, func(p *index.Person) bool { return slices.Contains(people, p) }) {
				out = append(out, e)
			}
		}
		return s.withReports(out, people)
	}
	words := readQuestion(topic).content
	if len(words) == 0 {
		return nil
	}
	match := s.lib.Matcher(words)
	c := s.lib.Corpus()
	for _, e := range events {
		text := e.Text
		for _, doc := range e.LeadOf {
			text += " " + c.Info(doc).Title
		}
		if slices.ContainsFunc(russian.Words(text), func(w russian.Word) bool { return match(w.Text) }) {
			out = append(out, e)
		}
	}
	return out
}

// withReports adds, for each article that names one of people but puts
// no event with them on the timeline, the sentence that first names them,
// dated by the article's publication: what the article reported that day
// («Токаев принял Блинкена в Акорде» in a report of 28 February 2023).
func (s *Service) withReports(events []index.Event, people []*index.Person) []index.Event {
	c := s.lib.Corpus()
	have := map[string]bool{}
	for _, e := range events {
		for _, p := range e.Sources {
			have[p.Doc] = true
		}
	}
	added := false
	for _, p := range people {
		for _, m := range p.Mentions {
			if have[m.Doc] {
				continue
			}
			if info := c.Info(m.Doc); info == nil || info.Published.IsZero() {
				continue
			}
			a := c.Article(m.Doc)
			if a == nil || m.Sentence >= len(a.Sentences) {
				continue
			}
			have[m.Doc] = true
			events = append(events, index.Event{From: a.Published, LeadOf: []string{a.ID}, Sources: []index.Place{m}, People: []*index.Person{p},
				Text: russian.Truncate(a.Sentences[m.Sentence].Text, 260)})
			added = true
		}
	}
	if added {
		slices.SortStableFunc(events, func(a, b index.Event) int {
			if c := a.From.Compare(b.From); c != 0 {
				return c
			}
			return a.Until.Compare(b.Until)
		})
	}
	return events
}
