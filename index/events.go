package index

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian"
)

// Event is a dated happening the corpus reports, merged across the
// articles that report it.
type Event struct {
	From, Until russian.Date // Until is zero unless a range is given
	Season      string       // "весна" for "весной 2022 года"
	Time        string       // "23:19" when given
	Planned     bool         // dated after the article that reports it
	LeadOf      []string     // articles whose own news (title and lead) this is, dated by their publication
	Text        string       // the clause that says what happened
	Sources     []Place      // the sentences that report it, first one first
	People      []*Person    // people named in those sentences
}

// DateText renders the event's date in Russian: "28 февраля 2023",
// "11–12 ноября 2025", "весна 2022", "3 октября (год не указан)".
func (e Event) DateText() string {
	switch {
	case e.Season != "" && e.From.Year != 0:
		return fmt.Sprintf("%s %d", e.Season, e.From.Year)
	case !e.Until.IsZero() && e.Until.Month == e.From.Month:
		s := fmt.Sprintf("%d–%d %s", e.From.Day, e.Until.Day, russian.MonthGenitive(e.From.Month))
		if e.From.Year != 0 {
			return fmt.Sprintf("%s %d", s, e.From.Year)
		}
		return s + " (год не указан)"
	case !e.Until.IsZero():
		a := fmt.Sprintf("%d %s", e.From.Day, russian.MonthGenitive(e.From.Month))
		b := e.Until.Russian()
		return a + " – " + b
	}
	return e.From.Russian()
}

// Events returns the corpus's dated events in chronological order; events
// with no known year come last.
func (ix *Index) Events() []Event {
	ix.derived()
	return ix.events
}

const maxEventText = 260

// buildEvents finds every dated sentence, resolves its dates against the
// article's publication date and merges reports of the same event.
func buildEvents(c *Corpus, people *People) []Event {
	finder := russian.NewDateFinder()
	who := map[Place][]*Person{}
	for _, p := range people.All() {
		for _, m := range p.Mentions {
			who[m] = append(who[m], p)
		}
	}
	var events []Event
	byDate := map[string][]int{} // events by date, so merging looks only at the same day
	add := func(ev Event, key string) {
		if !mergeInto(events, byDate[key], ev) {
			byDate[key] = append(byDate[key], len(events))
			events = append(events, ev)
		}
	}
	for _, a := range c.Articles {
		dated := false // a sentence of the lead already puts the article's news on its day
		for si, s := range a.Sentences {
			exprs := finder.Find(s.Text)
			if len(exprs) == 0 {
				continue
			}
			tense := russian.SentenceTense(s.Text)
			for _, e := range exprs {
				from, until, ok := e.Resolve(a.Published, tense)
				if !ok {
					continue
				}
				ev := Event{From: from, Until: until, Season: e.Season, Time: e.Time,
					Text: clauseAround(s.Text, e.Start, e.End), Sources: []Place{{a.ID, si}}, People: who[Place{a.ID, si}]}
				ev.Planned = isAfter(from, a.Published)
				if si == 0 || si < LeadSentences && e.Season == "" && nearDay(from, a.Published) {
					dated = true
				}
				add(ev, from.ISO()+"/"+until.ISO()+"/"+e.Season)
			}
		}
		if !dated {
			if ev, ok := leadEvent(a, people, who, finder); ok {
				add(ev, ev.From.ISO()+"//")
			}
		}
	}
	sort.SliceStable(events, func(i, j int) bool {
		if cmp := events[i].From.Compare(events[j].From); cmp != 0 {
			return cmp < 0
		}
		return events[i].Until.Compare(events[j].Until) < 0
	})
	return events
}

// LeadSentences is how many opening sentences make an article's lead.
const LeadSentences = 2

// leadEvent is the news an article reports, dated by its publication
// (dateline, timestamp line or catalog) at the precision known: its first
// sentence, or its title when the sentence is too long, a quotation or a
// question, or opens with a connective («Также…», «Об этом…») that needs
// what came before. The people are those its lead and title name. ok is false
// when the article has no date at all.
func leadEvent(a *Article, people *People, who map[Place][]*Person, finder *russian.DateFinder) (Event, bool) {
	if a.Published.IsZero() || len(a.Sentences) == 0 {
		return Event{}, false
	}
	text := a.Sentences[0].Text
	if t := strings.TrimSpace(a.Title); t != "" && !strings.HasPrefix(text, t) &&
		(utf8.RuneCountInString(text) > maxEventText || strings.HasSuffix(text, "?") || startsQuoted(text) || russian.OpensWithConnective(text)) {
		text = t
	}
	from := leadDate(a, finder)
	ev := Event{From: from, LeadOf: []string{a.ID}, Text: russian.Truncate(text, maxEventText), Sources: []Place{{a.ID, 0}}}
	ev.People = append(ev.People, who[Place{a.ID, 0}]...)
	for _, p := range people.inTitle(a) {
		if !sharesPerson(ev.People, []*Person{p}) {
			ev.People = append(ev.People, p)
		}
	}
	return ev, true
}

// leadDate is the publication date, a day earlier when the lead says
// «вчера» or «накануне» and only the day and month are known (with a full
// date the sentence's own event already stands for the lead).
func leadDate(a *Article, finder *russian.DateFinder) russian.Date {
	pub := a.Published
	if pub.Year != 0 || pub.Day == 0 {
		return pub
	}
	for _, e := range finder.Find(a.Sentences[0].Text) {
		if e.Relative && e.RelDays < 0 {
			t := time.Date(2001, time.Month(pub.Month), pub.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, e.RelDays)
			return russian.Date{Month: int(t.Month()), Day: t.Day()}
		}
	}
	return pub
}

func startsQuoted(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '«' || r == '"' || r == '„' || r == '“' || russian.IsDash(r)
}

// nearDay reports whether d is pub's day or the day before («накануне»,
// «вчера»), so the lead's own date stands for the article's news.
func nearDay(d, pub russian.Date) bool {
	if d.Day == 0 || pub.Day == 0 || d.Year == 0 && pub.Year != 0 {
		return false
	}
	y := d.Year
	if y == 0 {
		y = 2000 // neither year known: compare within a leap year
	}
	py := pub.Year
	if py == 0 {
		py = y
	}
	p := time.Date(py, time.Month(pub.Month), pub.Day, 0, 0, 0, 0, time.UTC)
	x := time.Date(y, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	days := p.Sub(x).Hours() / 24
	return days >= 0 && days <= 1
}

// isAfter reports whether d lies after pub at the precision both know.
func isAfter(d, pub russian.Date) bool {
	if d.Year == 0 || pub.Year == 0 {
		return false
	}
	if d.Year != pub.Year {
		return d.Year > pub.Year
	}
	if d.Month == 0 || pub.Month == 0 || d.Month != pub.Month {
		return d.Month > pub.Month && pub.Month != 0
	}
	return d.Day > pub.Day && pub.Day != 0
}

// mergeInto folds ev into one of the events at idx (all of ev's date) that
// shares a person or two content words with it (one visit reported by two
// outlets becomes one line with both sources); false when none does.
func mergeInto(events []Event, idx []int, ev Event) bool {
	for _, i := range idx {
		e := &events[i]
		if !sharesPerson(e.People, ev.People) && sharedWords(e.Text, ev.Text) < 2 {
			continue
		}
		for _, s := range ev.Sources {
			if !containsPlace(e.Sources, s) {
				e.Sources = append(e.Sources, s)
			}
		}
		for _, p := range ev.People {
			if !sharesPerson(e.People, []*Person{p}) {
				e.People = append(e.People, p)
			}
		}
		e.Planned = e.Planned && ev.Planned
		e.LeadOf = append(e.LeadOf, ev.LeadOf...)
		return true
	}
	return false
}

func containsPlace(ps []Place, p Place) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func sharesPerson(a, b []*Person) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// sharedWords counts the content words (five-rune prefixes of words of
// five runes or more) two texts share.
func sharedWords(a, b string) int {
	key := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range russian.Words(s) {
			r := []rune(russian.FoldWord(w.Text))
			if len(r) >= 5 {
				m[string(r[:5])] = true
			}
		}
		return m
	}
	ka, kb := key(a), key(b)
	n := 0
	for k := range ka {
		if kb[k] {
			n++
		}
	}
	return n
}

// clauseAround trims a long sentence to the clauses around the date at
// s[start:end], so the event says what happened then.
func clauseAround(s string, start, end int) string {
	if utf8.RuneCountInString(s) <= maxEventText {
		return s
	}
	// grow from the clause that holds the date to its neighbours
	from := strings.LastIndex(s[:start], ", ")
	if from < 0 {
		from = 0
	} else {
		from += 2
	}
	to := strings.Index(s[end:], ", ")
	if to < 0 {
		to = len(s)
	} else {
		to += end
	}
	// never stop inside parentheses: "(23 апреля текущего года, прим.)"
	if strings.Count(s[from:to], "(") > strings.Count(s[from:to], ")") {
		if i := strings.Index(s[to:], ")"); i >= 0 {
			to += i + 1
		}
	}
	for utf8.RuneCountInString(s[from:to]) < 120 {
		grew := false
		if i := strings.Index(s[to:], ", "); to < len(s) {
			if i < 0 {
				to = len(s)
			} else {
				to += i + 2
			}
			grew = true
		}
		if !grew {
			break
		}
	}
	out := strings.TrimSpace(strings.TrimRight(s[from:to], ", "))
	if from > 0 {
		out = "…" + out
	}
	return russian.Truncate(out, maxEventText)
}
