package answers

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

const (
	maxCardMentions = 10 // mentions shown in a card's text
	// maxMentions is how many mentions, newest first, a card carries in
	// JSON: a person in every article of a large archive would otherwise
	// make a reply of hundreds of megabytes. mentions_total counts them all.
	maxMentions   = 1000
	maxCardQuotes = 5
	maxTopPeople  = 10
)

func (s *Service) who(ctx context.Context, name string) Reply {
	people := s.lib.People()
	name = strings.TrimSpace(name)
	if name == "" {
		return s.topPeople(people)
	}
	matches, similar := people.Find(name)
	switch {
	case len(matches) == 1:
		return s.card(matches[0])
	case len(matches) > 1:
		r := Reply{Kind: KindWho}
		r.Blocks = append(r.Blocks, Block{{Text: fmt.Sprintf("По запросу «%s» нашлось несколько человек:", name), Style: Bold}})
		var lines []string
		for i, p := range matches {
			r.Choices = append(r.Choices, Choice{Label: p.Name, Command: "/who " + p.Name})
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, personLine(p)))
		}
		r.Blocks = append(r.Blocks, Block{{Text: strings.Join(lines, "\n")}})
		r.Blocks = append(r.Blocks, Block{{Text: "Уточните, например: /who " + matches[0].Name}})
		return r
	}
	r := Reply{Kind: KindWho, Blocks: []Block{{{Text: fmt.Sprintf("Не нашёл в корпусе человека по имени «%s».", name)}}}}
	if len(similar) > 0 {
		var names []string
		for _, p := range similar {
			names = append(names, p.Name)
			r.Choices = append(r.Choices, Choice{Label: p.Name, Command: "/who " + p.Name})
		}
		r.Blocks = append(r.Blocks, Block{{Text: "Похожие имена: " + strings.Join(names, ", ") + "."}})
	} else {
		r.Blocks = append(r.Blocks, Block{{Text: "Список самых упоминаемых людей — /who без имени."}})
	}
	return r
}

// personLine is "Энтони Блинкен — госсекретарь США, 15 упоминаний в 3 статьях".
func personLine(p *index.Person) string {
	line := p.Name
	if role := p.Role(); role != "" {
		line += " — " + firstRole(role)
	}
	return line + fmt.Sprintf(", %s в %s", russian.Plural(len(p.Mentions), "упоминание", "упоминания", "упоминаний"),
		russian.Plural(len(p.Docs), "статье", "статьях", "статьях"))
}

func firstRole(role string) string {
	r, _, _ := strings.Cut(role, "; ")
	return r
}

func (s *Service) topPeople(people *index.People) Reply {
	top := people.Top(maxTopPeople)
	if len(top) == 0 {
		return Reply{Kind: KindWho, Blocks: []Block{{{Text: "В корпусе не нашлось людей с именами."}}}}
	}
	r := Reply{Kind: KindWho}
	r.Blocks = append(r.Blocks, Block{{Text: "Чаще всего в корпусе упоминаются:", Style: Bold}})
	var lines []string
	for i, p := range top {
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, personLine(p)))
		r.Choices = append(r.Choices, Choice{Label: p.Name, Command: "/who " + p.Name})
	}
	r.Blocks = append(r.Blocks, Block{{Text: strings.Join(lines, "\n")}})
	r.Blocks = append(r.Blocks, Block{{Text: "Подробнее: /who " + top[0].Surname()}})
	return r
}

// card is the /who reply for one person.
func (s *Service) card(p *index.Person) Reply {
	c := s.lib.Corpus()
	out := &Person{Name: p.Name, Role: p.Role(), Docs: append([]string{}, p.Docs...),
		Roles: []DatedRole{}, Mentions: []Mention{}, Quotes: []PersonQuote{}}
	for _, r := range p.Roles {
		a := c.Info(r.Doc)
		out.Roles = append(out.Roles, DatedRole{Role: r.Text, Date: a.Published.ISO(), Doc: r.Doc})
	}
	ments := append([]index.Place(nil), p.Mentions...)
	sort.SliceStable(ments, func(i, j int) bool { // newest first
		di, dj := c.Info(ments[i].Doc).Published, c.Info(ments[j].Doc).Published
		if cmp := di.Compare(dj); cmp != 0 {
			return cmp > 0
		}
		return false
	})
	out.MentionsTotal = len(ments)
	for _, m := range ments {
		if len(out.Mentions) == maxMentions {
			break
		}
		a := c.Article(m.Doc)
		if a == nil || m.Sentence >= len(a.Sentences) {
			continue // its text could not be read back
		}
		out.Mentions = append(out.Mentions, Mention{Doc: a.ID, Date: a.Published.ISO(), Source: a.Source, URL: a.URL,
			Excerpt: russian.Truncate(a.Sentences[m.Sentence].Text, 300)})
	}
	quotes := append([]index.Said(nil), p.Quotes...)
	sort.SliceStable(quotes, func(i, j int) bool {
		return c.Info(quotes[i].Doc).Published.Compare(c.Info(quotes[j].Doc).Published) > 0
	})
	for _, q := range quotes {
		out.Quotes = append(out.Quotes, PersonQuote{Doc: q.Doc, Date: c.Info(q.Doc).Published.ISO(), Text: q.Text})
	}

	r := Reply{Kind: KindWho, Person: out}
	head := Block{{Text: p.Name, Style: Bold}}
	if p.First == "" {
		head = append(head, Span{Text: " (имя в корпусе не названо, только фамилия)", Style: Italic})
	}
	if roles := rolesWithDates(p, c); roles != "" {
		head = append(head, Span{Text: "\n" + roles})
	}
	head = append(head, Span{Text: "\nУпоминается в " + russian.Plural(len(p.Docs), "статье", "статьях", "статьях") +
		" (" + russian.Plural(len(p.Mentions), "упоминание", "упоминания", "упоминаний") + ")."})
	r.Blocks = append(r.Blocks, head)
	if len(quotes) > 0 {
		b := Block{{Text: "Цитаты:", Style: Bold}}
		for i, q := range quotes {
			if i == maxCardQuotes {
				b = append(b, Span{Text: fmt.Sprintf("\n…и ещё %d", len(quotes)-i)})
				break
			}
			a := c.Article(q.Doc)
			b = append(b, Span{Text: "\n• "}, Span{Text: dateOrUnknown(a.Published), Style: Italic},
				Span{Text: ": «" + russian.Truncate(q.Text, 400) + "»"})
		}
		r.Blocks = append(r.Blocks, b)
	}
	b := Block{{Text: "Упоминания (сначала новые):", Style: Bold}}
	for i, m := range out.Mentions {
		if i == maxCardMentions {
			b = append(b, Span{Text: fmt.Sprintf("\n…и ещё %d", out.MentionsTotal-i)})
			break
		}
		a := c.Info(m.Doc)
		meta := dateOrUnknown(a.Published)
		if a.Source != "" {
			meta += ", " + a.Source
		}
		b = append(b, Span{Text: "\n• "}, Span{Text: meta, Style: Italic, Link: a.URL}, Span{Text: ": " + m.Excerpt})
	}
	r.Blocks = append(r.Blocks, b)
	return r
}

// rolesWithDates is "госсекретарь США (1 марта 2023, апрель 2021); …".
func rolesWithDates(p *index.Person, c *index.Corpus) string {
	var order []string
	dates := map[string][]string{}
	for _, r := range p.Roles {
		if _, ok := dates[r.Text]; !ok {
			order = append(order, r.Text)
		}
		d := dateOrUnknown(c.Info(r.Doc).Published)
		if !slices.Contains(dates[r.Text], d) {
			dates[r.Text] = append(dates[r.Text], d)
		}
	}
	var parts []string
	for _, t := range order {
		parts = append(parts, t+" ("+strings.Join(dates[t], ", ")+")")
	}
	return strings.Join(parts, "; ")
}

func dateOrUnknown(d russian.Date) string {
	if s := d.Russian(); s != "" {
		return s
	}
	return "дата не указана"
}
