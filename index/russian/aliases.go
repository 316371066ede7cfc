package russian

import "strings"

// The aliases every Russian news corpus needs: one country or body under
// its short and its long name (США, Америка, Соединённые Штаты). Each
// group is searched as one word, written as its acronym. The list is kept
// short on purpose: it is not a thesaurus.
//
// A group is matched on Snowball stems, as the search index holds words:
// one word in any of its case forms, or a phrase of two or three words,
// each given by the beginning its stems share.
type aliasGroup struct {
	canon   string     // the acronym the group is searched as
	words   []string   // single words, every case form written out (stemmed at start)
	phrases [][]string // phrases, each word by the beginning of its stems
}

var aliasGroups = []aliasGroup{
	{canon: "сша",
		words:   []string{"сша", "америка", "америки", "америке", "америку", "америкой", "америкою"},
		phrases: [][]string{{"соедин", "штат"}}},
	{canon: "рф",
		words:   []string{"рф", "россия", "россии", "россию", "россией", "россиею"},
		phrases: [][]string{{"российск", "федерац"}}},
	{canon: "рк",
		words: []string{"рк", "казахстан", "казахстана", "казахстану", "казахстаном", "казахстане"}},
	{canon: "ес",
		words:   []string{"ес", "евросоюз", "евросоюза", "евросоюзу", "евросоюзом", "евросоюзе"},
		phrases: [][]string{{"европейск", "союз"}}},
	{canon: "мид",
		words:   []string{"мид", "мида", "миду", "мидом", "миде"},
		phrases: [][]string{{"министерств", "иностра", "дел"}}},
}

// aliasStems maps the stem of each single word of a group to its acronym.
var aliasStems = func() map[string]string {
	m := map[string]string{}
	for _, g := range aliasGroups {
		for _, w := range g.words {
			m[Stem(w)] = g.canon
		}
	}
	return m
}()

// notTheUS are the words before «Америка» that make it a continent or a
// region, not the United States: «Латинская Америка», «Южной Америке».
var notTheUS = []string{"латинск", "южн", "северн", "центральн"}

// Alias reports whether the stems from i on begin an alias: its acronym
// (the group's one search word) and how many stems it takes. The stem
// before i, when there is one, is read too: «Латинская Америка» is no alias
// of США.
func Alias(stems []string, i int) (canon string, n int) {
	if i < 0 || i >= len(stems) {
		return "", 0
	}
	for _, g := range aliasGroups {
	phrase:
		for _, p := range g.phrases {
			if i+len(p) > len(stems) {
				continue
			}
			for k, begin := range p {
				if !strings.HasPrefix(stems[i+k], begin) {
					continue phrase
				}
			}
			return g.canon, len(p)
		}
	}
	canon, ok := aliasStems[stems[i]]
	if !ok {
		return "", 0
	}
	if canon == "сша" && stems[i] != "сша" && i > 0 {
		for _, p := range notTheUS {
			if strings.HasPrefix(stems[i-1], p) {
				return "", 0
			}
		}
	}
	return canon, 1
}

// MayBeAlias reports whether a stem may begin an alias: a cheap test made
// of every token of the text before Alias is asked (a token's bytes, not
// copied).
func MayBeAlias(stem []byte) bool {
	if _, ok := aliasStems[string(stem)]; ok {
		return true
	}
	for _, g := range aliasGroups {
		for _, p := range g.phrases {
			if len(stem) >= len(p[0]) && string(stem[:len(p[0])]) == p[0] {
				return true
			}
		}
	}
	return false
}

// IsAlias reports whether a search word is the acronym of an alias group.
func IsAlias(w string) bool {
	for _, g := range aliasGroups {
		if g.canon == w {
			return true
		}
	}
	return false
}
