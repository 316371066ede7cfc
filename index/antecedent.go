package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian"
)

// A sentence that names its subject by a third-person pronoun («Ему было 64
// года», «В 1994 году он женился…», «Он трижды становился лауреатом…»)
// is indexed with the names of the sentence before, which a reader carries
// over: its own words alone never say whom it is about, and its
// neighbours field counts for less than the sentence.
const (
	// pronounsAhead is how many words from a sentence's start a pronoun
	// may stand and still be read as its subject.
	pronounsAhead = 5
	// pronounBytes is how much of a sentence's start holds them: five
	// Russian words take about 70 bytes.
	pronounBytes = 120
)

// thirdPerson are the third-person personal pronouns in every case, folded.
var thirdPerson = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("он она оно они его ее ему ей им их него нее нему ней ним них нем") {
		m[w] = true
	}
	return m
}()

// passageText is what sentence si's own fields (text and prefix) index:
// the sentence, followed by its antecedent's names when it names its
// subject by a pronoun. The names are the capitalised words of the
// sentence before that the sentence lacks; the first word of that
// sentence counts only when midCaps (the article's words written
// capitalised inside a sentence, asked only when needed) holds it: a
// capitalised opening is no name by itself.
func passageText(a *Article, si int, midCaps func() map[string]bool) string {
	s := a.Sentences[si].Text
	if si == 0 || !pronounSubject(s) {
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

// pronounSubject reports whether a third-person pronoun stands among the
// first pronounsAhead words of s. It reads words as runs of letters, folded
// as it goes, without Words' allocations: it is asked of every sentence.
func pronounSubject(s string) bool {
	var buf [24]byte // the longest pronoun is 8 bytes: a longer word is none
	n, words, inWord := 0, 0, false
	for i, r := range s {
		if i >= pronounBytes {
			break
		}
		if unicode.IsLetter(r) || inWord && (r == '-' || r == '\'') { // «Он-лайн» is one word
			if !inWord {
				inWord, n = true, 0
			}
			if r == 'ё' || r == 'Ё' {
				r = 'е'
			}
			if n+utf8.RuneLen(r) <= len(buf) {
				n += utf8.EncodeRune(buf[n:], unicode.ToLower(r))
			} else {
				n = len(buf) + 1 // too long: no pronoun
			}
			continue
		}
		if inWord {
			if n <= len(buf) && thirdPerson[string(buf[:n])] && !(r == '.' && string(buf[:n]) == "им") { // «им.» is «имени»
				return true
			}
			if inWord, words = false, words+1; words == pronounsAhead {
				return false
			}
		}
	}
	return inWord && n <= len(buf) && thirdPerson[string(buf[:n])]
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
