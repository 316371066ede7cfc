package russian

import (
	"fmt"
	"regexp"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// Word is a run of letters and digits in a text, with hyphenated compounds
// ("Касым-Жомарт", "пресс-секретарь") kept whole.
type Word struct {
	Text       string
	Start, End int // byte offsets
}

// Words splits s into words. A hyphen or apostrophe joins two letter runs.
func Words(s string) []Word {
	out := make([]Word, 0, len(s)/12+1) // about a word per 12 bytes of Russian
	start := -1
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			i += n
			continue
		}
		if start >= 0 && joins(r) {
			// join only letter-hyphen-letter
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if letter.IsLetter(next) && letter.IsLetter(prev) {
				i += n
				continue
			}
		}
		if start >= 0 {
			out = append(out, Word{Text: s[start:i], Start: start, End: i})
			start = -1
		}
		i += n
	}
	if start >= 0 {
		out = append(out, Word{Text: s[start:], Start: start, End: len(s)})
	}
	return out
}

// finalWord is the last of Words(s), found from the end: a caller that
// asks about the word before a position need not split all that precedes.
func finalWord(s string) (Word, bool) {
	end := len(s)
	for end > 0 { // back over what is no word
		r, n := utf8.DecodeLastRuneInString(s[:end])
		if isWordRune(r) {
			break
		}
		end -= n
	}
	if end == 0 {
		return Word{}, false
	}
	start := end
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if isWordRune(r) {
			start -= n
			continue
		}
		if joins(r) { // letter-hyphen-letter stays one word, as in Words
			prev, _ := utf8.DecodeLastRuneInString(s[:start-n])
			next, _ := utf8.DecodeRuneInString(s[start:])
			if start-n > 0 && letter.IsLetter(prev) && letter.IsLetter(next) {
				start -= n
				continue
			}
		}
		break
	}
	return Word{Text: s[start:end], Start: start, End: end}, true
}

// joins reports a hyphen or apostrophe, which keeps the letters on both
// sides of it in one word.
func joins(r rune) bool { return r == '-' || r == '‑' || r == '\'' || r == '’' }

func isWordRune(r rune) bool {
	return letter.IsLetter(r) || unicode.IsDigit(r) || r >= 0x300 && unicode.Is(unicode.Mn, r) // U+0300 is the first mark
}

// IsCapitalized reports whether w starts with an upper-case letter followed
// by at least one lower-case letter ("Блинкен", not "США" or "блинкен").
func IsCapitalized(w string) bool {
	first := true
	lower := false
	for _, r := range w {
		if first {
			if !letter.IsUpper(r) {
				return false
			}
			first = false
			continue
		}
		if letter.IsLower(r) {
			lower = true
		}
	}
	return lower
}

// IsAllUpper reports whether w has letters and all of them are upper case.
func IsAllUpper(w string) bool {
	has := false
	for _, r := range w {
		if letter.IsLetter(r) {
			if !letter.IsUpper(r) {
				return false
			}
			has = true
		}
	}
	return has
}

// numeralRe matches Russian cardinal number words in any case form
// ("четыре", "четырьмя", "пятнадцати", "сотни", "тысячу", "полтора").
var numeralRe = regexp.MustCompile(`^(?:одна|одно|один|одного|одному|одним|одной|одну|два|две|двух|двум|двумя|оба|обе|обоих|три|трех|трем|тремя|четыре|четырех|четырем|четырьмя|` +
	`(?:пят|шест|сем|восем|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)(?:ь|и|ью)|` +
	`(?:пять|шесть|семь|восемь)десят|(?:пяти|шести|семи|восьми)десяти|сорок|сорока|девяносто|девяноста|сто|ста|сотня|сотни|сотен|` +
	`двести|двухсот|триста|трехсот|четыреста|четырехсот|(?:пять|шесть|семь|восемь|девять)сот|(?:пяти|шести|семи|восьми|девяти)сот|` +
	`тысяч[аиуеь]?|тысячами|тысячам|миллион(?:а|у|ов|ы|ами|ам)?|миллиард(?:а|у|ов|ы|ами|ам)?|триллион(?:а|у|ов|ы|ами|ам)?|` +
	`полтора|полторы|полутора|половин[аыуе]|дюжин[аыуе]?|несколько|нескольких|нескольким|десяток|десятки|десятков|сотню)$`)

// IsNumeral reports whether w is a Russian cardinal number word.
func IsNumeral(w string) bool { return numeralRe.MatchString(FoldWord(w)) }

var multiplicativeRe = regexp.MustCompile(`^(?:единожды|дважды|трижды|четырежды|` +
	`(?:одно|дву|двух|тре|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|\d+-?)кратн(?:ый|ая|ое|ые|ого|ой|ому|ым|ом|ых|ыми|ую|о))$`)

var yearsOldRe = regexp.MustCompile(`^(?:\d+-?|(?:одно|дву|двух|тре|трех|четырех|пяти|шести|семи|восьми|девяти|десяти|` +
	`одиннадцати|двенадцати|тринадцати|четырнадцати|пятнадцати|шестнадцати|семнадцати|восемнадцати|девятнадцати|` +
	`двадцати|тридцати|сорока|пятидесяти|шестидесяти|семидесяти|восьмидесяти|девяноста|сто)+)летн(?:ий|яя|ее|ие|его|ей|ему|им|ем|их|ими|юю)$`)

// IsYearsOld reports whether w is a number of years as an adjective:
// «72-летний», «сорокалетней», «восьмилетний». It answers «Сколько лет…»
// («многолетний» and «летний» count nothing).
func IsYearsOld(w string) bool { return yearsOldRe.MatchString(FoldWord(w)) }

// IsMultiplicative reports whether w says how many times: «трижды»,
// «дважды», «пятикратный», «5-кратная». It answers «Сколько раз…».
func IsMultiplicative(w string) bool { return multiplicativeRe.MatchString(FoldWord(w)) }

// Plural picks the Russian plural form for n: 1 фрагмент, 2 фрагмента, 5 фрагментов.
func Plural(n int, one, few, many string) string {
	form := many
	switch {
	case n%10 == 1 && n%100 != 11:
		form = one
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 10 || n%100 >= 20):
		form = few
	}
	return fmt.Sprintf("%d %s", n, form)
}
