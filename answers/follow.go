package answers

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// Subject kinds.
const (
	SubjectPerson = "person" // a person of the corpus, by full name, as /who finds them
	SubjectTopic  = "topic"  // words looked for in new articles' titles and leads
)

// Subject is what a chat follows.
type Subject struct {
	Kind string `json:"kind"`
	Name string `json:"name"` // the person's full name, or the topic as written
}

// Subject reads /follow's argument: a person the corpus names (resolved as
// /who resolves names, so any case form works), else a topic. When the name
// fits several people it returns no subject and one choice per person.
func (s *Service) Subject(arg string) (Subject, []Choice) {
	arg = strings.TrimSpace(arg)
	if len(russian.Words(arg)) == 0 {
		return Subject{}, nil
	}
	matches, _ := s.lib.People().Find(arg)
	switch {
	case len(matches) == 1:
		return Subject{Kind: SubjectPerson, Name: matches[0].Name}, nil
	case len(matches) > 1:
		var choices []Choice
		for _, p := range matches {
			choices = append(choices, Choice{Label: p.Name, Command: "/follow " + p.Name})
		}
		return Subject{}, choices
	}
	if !slices.ContainsFunc(readQuestion(arg).content, func(w string) bool {
		n := utf8.RuneCountInString(w)
		return n >= 3 || n == 2 && russian.IsAllUpper(w)
	}) {
		return Subject{}, nil // «/follow и»: nothing to look for
	}
	return Subject{Kind: SubjectTopic, Name: russian.Truncate(arg, 60)}, nil
}

// Notices are the messages a chat following sub gets about the new or
// changed articles docs: one per article that names the person (anywhere)
// or has the topic in its title or lead, with the sentence that matched.
func (s *Service) Notices(sub Subject, docs []string) []Reply {
	c := s.lib.Corpus()
	var out []Reply
	for _, doc := range docs {
		a := c.Article(doc)
		if a == nil {
			continue
		}
		sentence, ok := s.matchSubject(sub, a)
		if !ok {
			continue
		}
		r := Reply{Kind: KindSearch}
		r.Blocks = append(r.Blocks, Block{{Text: fmt.Sprintf("Новая статья по подписке «%s»:", sub.Name), Style: Bold}},
			Block{titleSpan(a), {Text: "\n"}, {Text: russian.Truncate(sentence, maxExcerpt)}, {Text: "\n"}, dateSource(a)})
		r.Results = []Result{{Doc: a.ID, Title: a.Title, Date: a.Published.ISO(), Source: a.Source, URL: a.URL, Excerpt: russian.Truncate(sentence, maxExcerpt)}}
		r.Open = []Choice{{Label: "📄 Статья целиком", Command: "/article " + a.ID}}
		out = append(out, r)
	}
	return out
}

// matchSubject returns the sentence of a that matches sub.
func (s *Service) matchSubject(sub Subject, a *index.Article) (string, bool) {
	switch sub.Kind {
	case SubjectPerson:
		people, _ := s.lib.People().Find(sub.Name)
		for _, p := range people {
			if p.Name != sub.Name {
				continue
			}
			for _, m := range p.Mentions {
				if m.Doc == a.ID && m.Sentence < len(a.Sentences) {
					return a.Sentences[m.Sentence].Text, true
				}
			}
		}
	case SubjectTopic:
		words := readQuestion(sub.Name).content
		if len(words) == 0 {
			return "", false
		}
		match := s.lib.Matcher(words)
		has := func(text string) bool {
			return slices.ContainsFunc(russian.Words(text), func(w russian.Word) bool { return match(w.Text) })
		}
		for i, st := range a.Sentences {
			if i == index.LeadSentences {
				break
			}
			if has(st.Text) {
				return st.Text, true
			}
		}
		if has(a.Title) && len(a.Sentences) > 0 {
			return a.Sentences[0].Text, true
		}
	}
	return "", false
}

// followElsewhere answers /follow and /unfollow where there is no chat to
// notify: the terminal and ask.
func followElsewhere() Reply {
	return Reply{Kind: KindHelp, Blocks: []Block{{{Text: "Подписки (/follow Фамилия или /follow тема) работают в чате с ботом в Telegram: туда придёт сообщение о новой статье."}}}}
}
