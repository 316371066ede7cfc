package answers

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// This file holds what the search reads of the people and names a question
// asks about: who someone is, and whether a name is met as a name.

// personAsked returns the person a «Кто такой X?» question names, when the
// corpus knows one person by that name, or nil.
func (s *Service) personAsked(q question) *index.Person {
	if q.about == "" {
		return nil
	}
	if matches, _ := s.lib.People().Find(q.about); len(matches) == 1 {
		return matches[0]
	}
	return nil
}

// raiseRoles answers «Кто такой X?» (p is X, or nil): a sentence that names
// X with a role they hold in that article («…сообщил пресс-секретарь
// президента России Дмитрий Песков») is raised like a sentence with the
// kind of answer asked for.
func raiseRoles(hits []index.Hit, p *index.Person, corpus *index.Corpus) {
	if p == nil {
		return
	}
	for i := range hits {
		h := &hits[i]
		if !slices.Contains(p.Mentions, index.Place{Doc: h.Doc, Sentence: h.Sentence}) {
			continue
		}
		text := russian.FoldAll(corpus.Article(h.Doc).Sentences[h.Sentence].Text)
		for _, r := range p.Roles {
			if r.Doc == h.Doc && strings.Contains(text, roleStem(r.Text)) {
				h.Score *= intentBoost
				break
			}
		}
	}
}

// pointToPerson ends the reply to «Кто такой X?» (p is X, or nil) with the
// way to X's card: a line and, in Telegram, a button.
func pointToPerson(r *Reply, p *index.Person) {
	if p == nil {
		return
	}
	cmd := "/who " + p.Name
	r.Blocks = append(r.Blocks, Block{{Text: "Всё, что корпус знает об этом человеке: " + cmd}})
	r.Choices = append(r.Choices, Choice{Label: "👤 " + p.Name, Command: cmd})
}

// roleStem is the folded beginning of a role's first word, which its case
// forms share: «министр иностранных дел» → «минис», «госсекретарь США» →
// «госсе».
func roleStem(role string) string {
	first, _, _ := strings.Cut(russian.FoldAll(role), " ") // folded as the sentence it is looked for in
	r := []rune(first)
	return string(r[:min(len(r), 5)])
}

// namesAsWords clears a hit's evidence for a name of the question that its
// window meets only as a common word: «Национальный банк» is not met by
// «Казахский национальный университет», nor «Белый дом» by «белый дом». An
// acronym is left alone (its case is its form).
func (s *Service) namesAsWords(hits []index.Hit, terms []index.Term, q question, corpus *index.Corpus) {
	for k, t := range terms {
		if !slices.Contains(q.names, t.Word) || russian.IsAllUpper(t.Word) {
			continue
		}
		var match func(string) bool // made only when a window needs it: it analyses each word it is asked
		name := nameLike{head: foldHead(t.Word), match: func(w string) bool {
			if match == nil {
				match = s.lib.Matcher([]string{t.Word})
			}
			return match(w)
		}}
		for i := range hits {
			h := &hits[i]
			if k < len(h.Evidence) && h.Evidence[k].Window > 0 && name.onlyCommon(corpus.Article(h.Doc), h.Sentence) {
				h.Evidence[k] = index.Match{}
			}
		}
	}
}

// nameLike finds a name's occurrences in a text: words that begin like it
// (head, its first four letters folded) and that the index matches to it.
type nameLike struct {
	head  string
	match func(string) bool
}

// foldHead is a word's first four letters, folded: every word the index
// matches to a name by its stem or prefix begins with them (one it matches
// by a typo there is not looked for, and the evidence then stands).
func foldHead(w string) string { return foldRunes(w, 4) }

// beginsLike reports whether w, folded as foldHead folds, begins with head,
// without making the folded word.
func beginsLike(w, head string) bool {
	for _, h := range head {
		r, size := utf8.DecodeRuneInString(w)
		if size == 0 {
			return false
		}
		w = w[size:]
		if r == 'ё' || r == 'Ё' {
			r = 'е'
		}
		if letter.ToLower(russian.FoldRune(r)) != h {
			return false
		}
	}
	return true
}

// onlyCommon reports whether the window of sentence si of a (the sentence,
// its neighbours and the title) has words that match the name, and all of
// them in lower case. A capitalised word that begins like the name is taken
// for it unasked (the index's matcher analyses each word it is asked). The
// sentence is read first: the name most often stands there, capitalised.
func (n nameLike) onlyCommon(a *index.Article, si int) bool {
	texts := []string{a.Sentences[si].Text, a.Title}
	for _, k := range [2]int{si - 1, si + 1} {
		if k >= 0 && k < len(a.Sentences) {
			texts = append(texts, a.Sentences[k].Text)
		}
	}
	common := false
	for _, text := range texts {
		for _, w := range russian.Words(text) {
			switch {
			case !beginsLike(w.Text, n.head):
			case russian.IsUpperStart(w.Text): // the name, or like it: the evidence stands
				return false
			case n.match(w.Text):
				common = true
			}
		}
	}
	return common
}
