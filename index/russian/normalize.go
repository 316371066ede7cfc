// Package russian is the Russian text layer shared by indexing and question
// reading: normalisation, words, sentences, quotes, person names and dates.
//
// Everything here is pure functions over strings; nothing does I/O. Offsets
// are byte offsets into the string that was passed in, so callers can slice
// the original text for display.
package russian

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// lookalikes maps Latin letters that look like Cyrillic ones to Cyrillic.
var lookalikes = map[rune]rune{
	'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М',
	'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'Y': 'У',
	'a': 'а', 'c': 'с', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'k': 'к',
}

// FoldRune maps ё to е and a Latin look-alike letter to its Cyrillic twin.
func FoldRune(r rune) rune {
	switch {
	case r == 'ё':
		return 'е'
	case r == 'Ё':
		return 'Е'
	case r < 'A' || r > 'y':
		return r // neither ё nor an ASCII letter: the common case
	}
	if c, ok := lookalikes[r]; ok {
		return c
	}
	return r
}

// FoldWord lowercases a word, maps ё to е and, when the word has any Cyrillic
// letter or digit, Latin look-alikes to Cyrillic («C5+1» and «С5+1» fold alike).
func FoldWord(s string) string {
	mixed := false
	for _, r := range s {
		if isCyrillic(r) || unicode.IsDigit(r) {
			mixed = true
			break
		}
	}
	fold := func(r rune) rune {
		switch {
		case r == 'ё' || r == 'Ё':
			r = 'е'
		case mixed:
			r = FoldRune(r)
		}
		return letter.ToLower(r)
	}
	return letter.Map(fold, s) // most words are already folded: no copy for them
}

// FoldAll lowercases s and folds every ё and Latin look-alike, whatever the
// script of the word. Search terms use it on both sides, so it need only be
// consistent, not pretty.
func FoldAll(s string) string {
	clean := true // already lower case, no ё, no Latin: nothing to do
	for _, r := range s {
		if r < utf8.RuneSelf || r == 'ё' || r == 'Ё' || letter.IsUpper(r) {
			if r < utf8.RuneSelf && !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z') {
				continue // digits and punctuation stay as they are
			}
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(letter.ToLower(FoldRune(r)))
	}
	return b.String()
}

func isCyrillic(r rune) bool {
	return 'Ѐ' <= r && r <= 'џ' || r > 'џ' && unicode.Is(unicode.Cyrillic, r)
}

// IsUpperStart reports whether s starts with an upper-case letter.
func IsUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return letter.IsUpper(r)
}

// CleanText prepares raw article text (and questions): it drops a
// byte-order mark, control, format and zero-width characters, soft hyphens
// and stress marks («Бори́с» is «Борис»), turns exotic spaces into plain
// ones, composes decomposed й and ё, and unifies line ends. Invalid UTF-8 is
// replaced with U+FFFD, so the result is always valid.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	var prev rune = -1
	for _, r := range s {
		switch {
		case r == '\u0301' || r == '\u0300' || r == '\u00AD' || unicode.Is(unicode.Cf, r):
			continue // stress marks, soft hyphens, zero-width and other invisible characters
		case r == '\r':
			r = '\n'
		case r == '\t' || r == '\u00A0' || r == '\u202F' || r == '\u2007' || (r >= '\u2000' && r <= '\u200A') || r == '\u3000':
			r = ' '
		case r == '\u0306' && (prev == 'и' || prev == 'И'): // и + combining breve
			composeLast(&b, prev, map[rune]rune{'и': 'й', 'И': 'Й'})
			prev = -1
			continue
		case r == '\u0308' && (prev == 'е' || prev == 'Е'): // е + combining diaeresis
			composeLast(&b, prev, map[rune]rune{'е': 'ё', 'Е': 'Ё'})
			prev = -1
			continue
		case r != '\n' && unicode.IsControl(r):
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func composeLast(b *strings.Builder, prev rune, m map[rune]rune) {
	s := b.String()
	s = s[:len(s)-utf8.RuneLen(prev)]
	b.Reset()
	b.WriteString(s)
	b.WriteRune(m[prev])
}

// IsDash reports whether r is a hyphen-like or dash character.
func IsDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

// Truncate shortens s to at most max runes, cutting at a word boundary and
// adding an ellipsis when it cuts.
func Truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)
	cut := max - 1
	for i := cut; i > max*2/3; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(runes[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '»' && r != '"' && r != ')'
	}) + "…"
}
