package tagger

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gazetteer classes a Lexicon reports for a word.
const (
	FirstName  uint16 = 1 << iota // a known first name in any case
	RoleWord                      // a word of a position: министр, государственный
	OrgWord                       // a word of an organisation: министерство, МИД
	PlaceWord                     // a country, region or capital
	Patronymic                    // Владимирович, Ивановны
	Surnamey                      // ends like a surname: -ов, -ский, -енко
	MonthWord                     // января, мая
	Adjectival                    // shaped like an adjective
	SpeechVerb                    // заявил, сообщила
	Common                        // occurs in lower case in the corpus
	Named                         // occurs capitalised inside a sentence in the corpus
	nClasses   = 11
)

// featurizer computes the hashed features of the tokens of one sentence.
type featurizer struct {
	toks    []Token
	lex     Lexicon
	low     []string
	shape   []string
	classes []uint16
	quoted  []bool // inside «…» or "…"
}

func newFeaturizer(toks []Token, lex Lexicon) *featurizer {
	f := &featurizer{toks: toks, lex: lex, low: make([]string, len(toks)), shape: make([]string, len(toks)),
		classes: make([]uint16, len(toks)), quoted: make([]bool, len(toks))}
	depth := 0
	for i, t := range toks {
		f.low[i] = fold(t.Text)
		f.shape[i] = shapeOf(t.Text)
		if lex != nil {
			f.classes[i] = lex.Classes(t.Text)
			if r, _ := utf8.DecodeRuneInString(t.Text); !unicode.IsUpper(r) {
				f.classes[i] &^= Common // a lower-case word is trivially common
			}
			if i > 0 {
				f.classes[i] &^= Named // and a capitalised one inside a sentence trivially named
			}
		}
		depth += strings.Count(t.Gap, "«") - strings.Count(t.Gap, "»")
		if strings.Count(t.Gap, "\"")%2 == 1 {
			depth = 1 - min(depth, 1)
		}
		f.quoted[i] = depth > 0
	}
	return f
}

// fold lowercases and maps ё to е.
func fold(s string) string {
	s = strings.ToLower(s)
	if strings.ContainsRune(s, 'ё') {
		s = strings.ReplaceAll(s, "ё", "е")
	}
	return s
}

// shapeOf is the word's letter pattern with runs collapsed: "Xx" for
// Блинкен, "X" for США, "Xx-Xx" for Касым-Жомарт, "d" for 2024, with "L"
// prefixed for Latin script.
func shapeOf(w string) string {
	var b strings.Builder
	var last byte
	latin := false
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '-'
		}
		if r < utf8.RuneSelf && unicode.IsLetter(r) {
			latin = true
		}
		if c != last {
			b.WriteByte(c)
			last = c
		}
	}
	if latin {
		return "L" + b.String()
	}
	return b.String()
}

// suffix returns the last n runes of s.
func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// hash is FNV-1a over a feature id and its value.
func hash(id byte, v string) uint32 {
	h := uint32(2166136261)
	h = (h ^ uint32(id)) * 16777619
	for i := 0; i < len(v); i++ {
		h = (h ^ uint32(v[i])) * 16777619
	}
	return h
}

func hash2(id byte, a, b string) uint32 {
	h := hash(id, a)
	h = (h ^ 0xff) * 16777619
	for i := 0; i < len(b); i++ {
		h = (h ^ uint32(b[i])) * 16777619
	}
	return h
}

func (f *featurizer) word(i int) (low, shape string, classes uint16) {
	if i < 0 {
		return "<s>", "<s>", 0
	}
	if i >= len(f.toks) {
		return "</s>", "</s>", 0
	}
	return f.low[i], f.shape[i], f.classes[i]
}

// features appends the hashed features of token i, given the labels
// already chosen for the tokens before it.
func (f *featurizer) features(hs []uint32, i int, labels []Label) []uint32 {
	low, shape, cls := f.word(i)
	prevLow, _, prevCls := f.word(i - 1)
	gap := f.toks[i].Gap
	next := ""
	if i+1 < len(f.toks) {
		next = f.toks[i+1].Gap
	}
	p1, p2 := "<s>", "<s>"
	if i > 0 {
		p1 = labels[i-1].String()
	}
	if i > 1 {
		p2 = labels[i-2].String()
	}
	hs = append(hs,
		hash(1, ""),
		hash(2, low),
		hash(3, suffix(low, 2)),
		hash(4, suffix(low, 3)),
		hash(5, suffix(low, 4)),
		hash(6, prefix(low, 3)),
		hash(7, shape),
		hash(8, gap),
		hash(9, next),
		hash(21, p1),
		hash2(22, p1, p2),
		hash2(23, p1, shape),
		hash2(24, gap, shape),
	)
	if i == 0 {
		hs = append(hs, hash2(10, "first", shape))
	}
	if f.quoted[i] {
		hs = append(hs, hash2(20, "quoted", shape))
	}
	// case agreement and class pairs with the word before: "Билла Клинтона" vs "Клинтона Джо"
	hs = append(hs, hash2(25, suffix(prevLow, 2), suffix(low, 2)), hash2(26, string(rune(prevCls)), string(rune(cls))))
	hs = appendClasses(hs, 30, cls, shape)
	for _, d := range []int{-2, -1, 1, 2} {
		l, s, c := f.word(i + d)
		id := byte(40 + 10*(d+2))
		hs = append(hs, hash(id, l), hash(id+1, s), hash(id+2, suffix(l, 3)), hash2(id+3, s, shape))
		if d == -1 || d == 1 {
			hs = appendClasses(hs, id+4, c, "")
			hs = append(hs, hash2(id+5, l, shape))
		}
	}
	return hs
}

// appendClasses adds one feature per gazetteer class of the word.
func appendClasses(hs []uint32, id byte, cls uint16, shape string) []uint32 {
	for c := range nClasses {
		if cls&(1<<c) != 0 {
			hs = append(hs, hash2(id, string(rune('a'+c)), shape))
		}
	}
	return hs
}
