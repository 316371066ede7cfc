package index

import (
	"strings"

	"github.com/corpusbot/corpusbot/index/russian"
)

// A sentence that names its subject by a third-person pronoun («Ему было 64
// года», «В 1994 году он женился…», «Он трижды становился лауреатом…»)
// is indexed with the names of the sentence before, which a reader carries
// over: its own words alone never say whom it is about, and its
// neighbours field counts for less than the sentence.
// passageText is what sentence si's own fields (text and prefix) index:
// the sentence, followed by its antecedent's names when it names its
// subject by a pronoun. The names are the capitalised words of the
// sentence before that the sentence lacks; the first word of that
// sentence counts only when midCaps (the article's words written
// capitalised inside a sentence, asked only when needed) holds it: a
// capitalised opening is no name by itself.
func passageText(a *Article, si int, midCaps func() map[string]bool) string {
	s := a.Sentences[si].Text
	if si == 0 || !russian.PronounSubject(s) {
		return s
	}
	own := map[string]bool{}
	for _, w := range russian.Words(s) {
		own[russian.FoldWord(w.Text)] = true
	}
	var names []string
	for i, w := range russian.Words(a.Sentences[si-1].Text) {
		f := russian.FoldWord(w.Text)
		if !russian.IsUpperStart(w.Text) || own[f] || i == 0 && !midCaps()[f] {
			continue
		}
		own[f] = true
		names = append(names, w.Text)
	}
	if len(names) == 0 {
		return s
	}
	return s + " " + strings.Join(names, " ")
}

// capitalisedWithin returns the folded words of a that stand capitalised
// somewhere other than a sentence's start.
func capitalisedWithin(a *Article) map[string]bool {
	m := map[string]bool{}
	for _, s := range a.Sentences {
		for i, w := range russian.Words(s.Text) {
			if i > 0 && russian.IsUpperStart(w.Text) {
				m[russian.FoldWord(w.Text)] = true
			}
		}
	}
	return m
}
