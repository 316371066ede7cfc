package index

// Attributing quotations to the people of an article.

import (
	"sort"
	"strings"

	"github.com/corpusbot/corpusbot/index/russian"
)

// attributeQuotes resolves each quotation's speaker phrase to a person:
// by name, by a role named earlier in the article ("– сказал заместитель
// госсекретаря"), or by a pronoun (the person named last before it).
func (p *People) attributeQuotes(c *Corpus) {
	type seen struct {
		sent   int
		person *Person
	}
	byDoc := map[string][]seen{} // each article's people in order of mention
	for _, person := range p.all() {
		for _, m := range person.Mentions {
			byDoc[m.Doc] = append(byDoc[m.Doc], seen{m.Sentence, person})
		}
	}
	for _, a := range c.Articles {
		order := byDoc[a.ID]
		sort.SliceStable(order, func(i, j int) bool { return order[i].sent < order[j].sent })
		before := func(sent int) *Person { // the person named last, up to sent
			var last *Person
			for _, o := range order {
				if o.sent <= sent {
					last = o.person
				}
			}
			return last
		}
		for qi := range a.Quotes {
			q := &a.Quotes[qi]
			if q.Kind != russian.SpeakerPerson {
				continue
			}
			var who *Person
			switch {
			case q.raw.Pronoun:
				who = before(q.Sentence)
			case q.raw.Role:
				var people []*Person
				var sents []int
				for _, o := range order {
					people, sents = append(people, o.person), append(sents, o.sent)
				}
				who = p.byRole(a.ID, q.Speaker, q.Sentence, people, sents)
			default:
				ms := p.namer.Mentions(q.Speaker)
				if len(ms) > 0 {
					m := ms[len(ms)-1]
					if m.Bare {
						who = p.resolveBare(russian.NameKey(m.Surname), a.ID)
					} else {
						for _, cand := range p.byKey[russian.NameKey(m.Surname)] {
							who = cand
							break
						}
					}
				}
			}
			if who == nil {
				continue
			}
			q.Speaker = who.Name
			who.Quotes = append(who.Quotes, Said{Doc: a.ID, Sentence: q.Sentence, Text: q.Text})
		}
	}
}

// byRole finds the person of an article whose role shares its head word
// with phrase ("Госсекретарь США" → the person named "Госсекретарь США Э.
// Блинкен"), preferring the one named last before the quote.
func (p *People) byRole(doc, phrase string, sent int, people []*Person, sents []int) *Person {
	head := ""
	if ws := russian.Words(p.namer.RoleNominative(phrase)); len(ws) > 0 {
		head = russian.FoldWord(ws[0].Text)
		if len(ws) > 1 && russian.IsRoleWord(ws[1].Text) && !russian.IsRoleWord(ws[0].Text) {
			head = russian.FoldWord(ws[1].Text)
		}
	}
	if head == "" {
		return nil
	}
	var best *Person
	for i, person := range people {
		if sents[i] > sent && best != nil {
			break
		}
		for _, r := range person.Roles {
			if r.Doc == doc && strings.Contains(russian.FoldWord(r.Text), head) {
				best = person
			}
		}
	}
	return best
}
