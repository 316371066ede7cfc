package russian

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// Span is a byte range [Start, End) in a text.
type Span struct{ Start, End int }

// maxQuotedSentence caps how long a sentence may grow while a quotation is
// open: past it, sentence ends inside the quotation count again, so an
// unclosed quote mark cannot swallow a paragraph.
const maxQuotedSentence = 700

// abbreviations are lower-case words that end with a dot without ending the
// sentence, even before a capital ("прим. ТАСС", "г. Астана").
var abbreviations = setOf(
	"г", "гг", "т", "д", "ул", "им", "прим", "млн", "млрд", "трлн", "тыс", "руб", "долл",
	"см", "ср", "др", "пр", "ок", "стр", "рис", "св", "проф", "акад", "доц", "англ", "рус",
	"каз", "нем", "франц", "ред", "авт", "пер", "изд", "напр", "мин", "сек", "кв", "км",
	"обл", "пос", "ст", "тел", "чел", "ген", "полк", "лейт", "кап", "вице", "зам", "пп",
	"п", "с", "н", "э", "е", "к", "гос", "тов", "гр", "мл", "корр", "пл", "просп", "пер",
	"наб", "ш", "р", "ч", "экз", "жит", "ин", "вв", "в", "чл", "дипл", "мм", "кг", "см",
	// reference-style forms: «ум. 1850», «род. в Москве», «т. н. Пражская весна», «лат. Homo»
	"ум", "род", "урожд", "букв", "лат", "греч", "фр", "итал", "исп", "араб", "кит", "яп", "укр",
	"наст", "совр", "бывш", "дер", "оз", "пгт", "гл", "коп", "тж",
)

// titleAbbreviations are capitalised short forms used before names ("Дж. Байден").
var titleAbbreviations = setOf("дж", "вл", "ал", "ст", "мл", "св", "кн", "гр", "ин", "ген", "проф", "акад", "мр", "мс", "др", "sr", "jr", "mr", "ms", "dr")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Paragraphs splits text into non-empty lines, trimmed, as spans.
func Paragraphs(text string) []Span {
	var out []Span
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if sp, ok := trimSpan(text, Span{start, end}); ok {
			out = append(out, sp)
		}
		start = end + 1
	}
	return out
}

// Sentences splits one paragraph into sentences. It does not end a sentence
// inside a quotation (up to maxQuotedSentence runes), after initials ("Э.
// Блинкен", "Дж. Байдена") or abbreviations ("млн.", "прим. ТАСС"), and it
// splits where the source lost a space ("Блинкеном?Можете").
func Sentences(para string) []Span {
	var out []Span
	start := 0
	depth := 0
	quoteOpenedAt := -1
	runesSinceStart := 0
	var prev rune = ' '
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		runesSinceStart++
		switch {
		case r == '«' || r == '„':
			depth++
			if depth == 1 {
				quoteOpenedAt = runesSinceStart
			}
		case r == '»':
			if depth > 0 {
				depth--
			}
		case r == '"' || r == '“' || r == '”':
			if isOpeningPosition(prev) && r != '”' {
				depth++
				if depth == 1 {
					quoteOpenedAt = runesSinceStart
				}
			} else if depth > 0 {
				depth--
			}
		}
		if r == '.' || r == '!' || r == '?' || r == '…' {
			end := i + n
			// swallow a run of terminal punctuation and closers
			for end < len(para) {
				r2, n2 := utf8.DecodeRuneInString(para[end:])
				if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '…' {
					end += n2
					continue
				}
				if (r2 == '»' || r2 == '"' || r2 == '“' || r2 == '”' || r2 == ')') && depth > 0 {
					depth--
					end += n2
					continue
				}
				if r2 == ')' {
					end += n2
					continue
				}
				break
			}
			inQuote := depth > 0 && runesSinceStart-quoteOpenedAt < maxQuotedSentence
			if !inQuote && isSentenceEnd(para, i, end, r) {
				if sp, ok := trimSpan(para, Span{start, end}); ok {
					out = append(out, sp)
				}
				start = end
				depth = 0
				runesSinceStart = 0
				prev = ' '
				i = end
				continue
			}
			prev = r
			i = end
			continue
		}
		prev = r
		i += n
	}
	if sp, ok := trimSpan(para, Span{start, len(para)}); ok {
		out = append(out, sp)
	}
	return out
}

func isOpeningPosition(prev rune) bool {
	return unicode.IsSpace(prev) || prev == '(' || prev == '«' || prev == '[' || IsDash(prev) || prev == ':' || prev == '/'
}

// isSentenceEnd decides whether the terminal punctuation at para[dot:after]
// ends a sentence.
func isSentenceEnd(para string, dot, after int, term rune) bool {
	rest := para[after:]
	if strings.TrimSpace(rest) == "" {
		return true
	}
	next, _ := utf8.DecodeRuneInString(rest)
	spaced := unicode.IsSpace(next)
	// first visible rune after spaces
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	nv, _ := utf8.DecodeRuneInString(trimmed)
	startsNew := letter.IsUpper(nv) || unicode.IsDigit(nv) || nv == '«' || nv == '"' || nv == '„' || nv == '“' || IsDash(nv) || nv == '(' || nv == '['
	if term != '.' {
		// ?, !, …: end before a capital, with or without a space
		return startsNew && (spaced || letter.IsUpper(nv) || nv == '«')
	}
	if !startsNew {
		return false
	}
	if unicode.IsDigit(nv) && !spaced {
		return false // 6.2, 1.5
	}
	word := lastWord(para[:dot])
	if word == "" {
		return spaced
	}
	lw := letter.Lower(word)
	wr := []rune(word)
	switch {
	case len(wr) == 1 && letter.IsUpper(wr[0]):
		return false // initial: "Э. Блинкен", "К. Токаева"
	case len(wr) <= 4 && letter.IsUpper(wr[0]) && titleAbbreviations[lw]:
		return false // "Дж. Керри"
	case abbreviations[lw] && letter.IsLower(wr[0]):
		// "прим. ТАСС", "г. Астана"; but a year before "г." ends a sentence only rarely
		return false
	}
	if !spaced {
		// "страны.Новые": split only after an ordinary lower-case word
		return letter.IsUpper(nv) && len(wr) > 1 && letter.IsLower(wr[len(wr)-1])
	}
	return true
}

// lastWord returns the letters (or digits) that end s.
func lastWord(s string) string {
	end := len(s)
	i := end
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !letter.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i -= n
	}
	return s[i:end]
}

func trimSpan(s string, sp Span) (Span, bool) {
	for sp.Start < sp.End {
		r, n := utf8.DecodeRuneInString(s[sp.Start:sp.End])
		if !unicode.IsSpace(r) {
			break
		}
		sp.Start += n
	}
	for sp.End > sp.Start {
		r, n := utf8.DecodeLastRuneInString(s[sp.Start:sp.End])
		if !unicode.IsSpace(r) {
			break
		}
		sp.End -= n
	}
	return sp, sp.End > sp.Start
}

// anaphoric are sentence openings that point back to the sentence before
// («Об этом сообщается…»).
var anaphoric = []string{"об этом", "это ", "этот ", "эта ", "эти ", "он ", "она ", "они ", "оно ", "при этом", "в нем", "в нём",
	"в ней", "в них", "там ", "тогда ", "поэтому", "по его словам", "по ее словам", "по её словам", "как отмечается", "как сообщается"}

// Where a sentence names its subject by a third-person pronoun: among its
// first pronounsAhead words («Он также…», «В 1994 году он женился…», «По её
// словам…»), which take about 70 bytes, so pronounBytes of its start hold
// them.
const (
	pronounsAhead = 5
	pronounBytes  = 120
)

// thirdPerson are the third-person personal pronouns in every case, folded.
var thirdPerson = setOf(strings.Fields("он она оно они его ее ему ей им их него нее нему ней ним них нем")...)

// PronounSubject reports whether a third-person pronoun stands among the
// first pronounsAhead words of s: who it is about, the sentence before
// says. It reads words as runs of letters, folded as it goes, without
// Words' allocations: it is asked of every sentence.
func PronounSubject(s string) bool {
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

// connectives are openings that continue a story rather than start one.
var connectives = []string{"также ", "кроме того", "однако", "между тем", "тем временем", "напомним", "ранее ", "в свою очередь",
	"вместе с тем", "помимо этого", "в то же время", "как сообщалось", "как известно", "впрочем", "а ", "но ", "и "}

// OpensWithAnaphor reports whether sentence s opens by pointing back to
// the sentence before, which a reader then needs.
func OpensWithAnaphor(s string) bool { return hasPrefixFold(s, anaphoric) }

// OpensWithConnective reports whether s continues a story («Также…»,
// «Кроме того…», «Об этом…») and so cannot stand as its opening.
func OpensWithConnective(s string) bool {
	return hasPrefixFold(s, anaphoric) || hasPrefixFold(s, connectives)
}

func hasPrefixFold(s string, prefixes []string) bool {
	l := letter.Lower(s)
	for _, p := range prefixes {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}
