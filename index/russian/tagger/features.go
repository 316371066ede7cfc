package tagger

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
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
// Its per-word slices hold pad words before and after the sentence ("<s>"
// twice, "</s>" twice), so word i is at i+pad.
type featurizer struct {
	toks   []Token
	words  []wordFeatures
	quoted []bool // inside «…» or "…"
}

// wordFeatures are what the features read of one word, computed once.
type wordFeatures struct {
	low, shape             string
	suf2, suf3, suf4, pre3 string
	classes                uint16
}

// pad is how many pad words stand on each side of a sentence.
const pad = 2

func newFeaturizer(toks []Token, lex Lexicon) *featurizer {
	f := &featurizer{}
	f.reset(toks, lex)
	return f
}

// reset makes f the featurizer of toks, reusing its slices.
func (f *featurizer) reset(toks []Token, lex Lexicon) {
	f.toks = toks
	f.words = slices.Grow(f.words[:0], len(toks)+2*pad)[:len(toks)+2*pad]
	f.quoted = slices.Grow(f.quoted[:0], len(toks))[:len(toks)]
	for k := range pad {
		f.words[k] = padWord("<s>")
		f.words[pad+len(toks)+k] = padWord("</s>")
	}
	depth := 0
	for i, t := range toks {
		w := &f.words[pad+i]
		*w = wordFeatures{low: fold(t.Text), shape: shapeOf(t.Text)}
		w.suf2, w.suf3, w.suf4, w.pre3 = suffix(w.low, 2), suffix(w.low, 3), suffix(w.low, 4), prefix(w.low, 3)
		if lex != nil {
			w.classes = lex.Classes(t.Text)
			if r, _ := utf8.DecodeRuneInString(t.Text); !letter.IsUpper(r) {
				w.classes &^= Common // a lower-case word is trivially common
			}
			if i > 0 {
				w.classes &^= Named // and a capitalised one inside a sentence trivially named
			}
		}
		depth += strings.Count(t.Gap, "«") - strings.Count(t.Gap, "»")
		if strings.Count(t.Gap, "\"")%2 == 1 {
			depth = 1 - min(depth, 1)
		}
		f.quoted[i] = depth > 0
	}
}

// padWord is a pad word's features: the mark is its form and its shape.
func padWord(mark string) wordFeatures {
	return wordFeatures{low: mark, shape: mark, suf2: suffix(mark, 2), suf3: suffix(mark, 3), suf4: suffix(mark, 4), pre3: prefix(mark, 3)}
}

// fold lowercases and maps ё to е.
func fold(s string) string {
	s = letter.Lower(s)
	if strings.ContainsRune(s, 'ё') {
		s = strings.ReplaceAll(s, "ё", "е")
	}
	return s
}

// shapeOf is the word's letter pattern with runs collapsed: "Xx" for
// Блинкен, "X" for США, "Xx-Xx" for Касым-Жомарт, "d" for 2024, with "L"
// prefixed for Latin script.
func shapeOf(w string) string {
	var buf [24]byte
	b := buf[:1] // buf[0] is for the Latin mark
	var last byte
	latin := false
	for _, r := range w {
		var c byte
		switch {
		case letter.IsUpper(r):
			c = 'X'
		case letter.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '-'
		}
		if r < utf8.RuneSelf && letter.IsLetter(r) {
			latin = true
		}
		if c != last {
			b = append(b, c)
			last = c
		}
	}
	if latin {
		b[0] = 'L'
	} else {
		b = b[1:]
	}
	switch string(b) { // the common shapes, without an allocation
	case "Xx":
		return "Xx"
	case "x":
		return "x"
	case "X":
		return "X"
	case "d":
		return "d"
	case "LXx":
		return "LXx"
	case "Lx":
		return "Lx"
	case "LX":
		return "LX"
	}
	return string(b)
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

func (f *featurizer) word(i int) *wordFeatures { return &f.words[i+pad] }

// features appends the hashed features of token i, given the labels
// already chosen for the tokens before it.
func (f *featurizer) features(hs []uint32, i int, labels []Label) []uint32 {
	w, prev := f.word(i), f.word(i-1)
	low, shape, cls := w.low, w.shape, w.classes
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
		hash(3, w.suf2),
		hash(4, w.suf3),
		hash(5, w.suf4),
		hash(6, w.pre3),
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
	hs = append(hs, hash2(25, prev.suf2, w.suf2), hash2(26, string(rune(prev.classes)), string(rune(cls))))
	hs = appendClasses(hs, 30, cls, shape)
	for _, d := range []int{-2, -1, 1, 2} {
		n := f.word(i + d)
		id := byte(40 + 10*(d+2))
		hs = append(hs, hash(id, n.low), hash(id+1, n.shape), hash(id+2, n.suf3), hash2(id+3, n.shape, shape))
		if d == -1 || d == 1 {
			hs = appendClasses(hs, id+4, n.classes, "")
			hs = append(hs, hash2(id+5, n.low, shape))
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
