package russian

import (
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

// surnameSuffixes are endings of surnames in the nominative or an oblique
// case: -ов/-ев/-ин/-ский/-енко/-ян/-дзе/-швили/-ули and their case forms.
var surnameSuffixes = []string{
	"ов", "ова", "ову", "овым", "ове", "овой", "ев", "ева", "еву", "евым", "еве", "евой", "ёв", "ёва",
	"ин", "ина", "ину", "иным", "ине", "иной", "ын", "ына", "ыну", "ыным",
	"ский", "ского", "скому", "ским", "ском", "ская", "ской", "скую",
	"цкий", "цкого", "цкому", "цким", "цкая", "цкой",
	"енко", "ко", "ян", "яна", "яну", "яном", "ук", "ука", "уку", "уком", "юк", "юка",
	"дзе", "швили", "ули", "ович", "евич", "баев", "баева", "уллин", "уллина",
}

// LooksLikeSurname reports whether a capitalised word has a surname ending.
func LooksLikeSurname(w string) bool {
	if !IsCapitalized(w) || len([]rune(w)) < 4 {
		return false
	}
	f := FoldWord(w)
	for _, s := range surnameSuffixes {
		if strings.HasSuffix(f, s) {
			return true
		}
	}
	return false
}

// caseEndings are the endings NameKey strips, longest first.
var caseEndings = []string{"ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ым", "им", "ую", "юю",
	"ая", "яя", "ий", "ый", "ах", "ях", "ам", "ям", "а", "я", "у", "ю", "е", "ы", "и", "о", "ь"}

// NameKey reduces a surname in any case to a key shared by its forms:
// Блинкен, Блинкена, Блинкеном → блинкен; Токаев, Токаевым → токаев;
// Зеленский, Зеленского → зеленск. Indeclinable names get a key too
// (Тлеуберди → тлеуберд), the same for every occurrence.
func NameKey(w string) string {
	f := FoldWord(w)
	r := []rune(f)
	for _, e := range caseEndings {
		if strings.HasSuffix(f, e) && len(r)-len([]rune(e)) >= 3 {
			return f[:len(f)-len(e)]
		}
	}
	return f
}

var patronymicEndings = []string{"ович", "евич", "ьич", "овна", "евна", "ична", "инична"}

// IsPatronymic reports whether w is a patronymic in any case ("Владимирович", "Ивановны").
func IsPatronymic(w string) bool { return hasSuffixNear(FoldWord(w), patronymicEndings, 6) }

// IsFemalePatronymic reports a woman's patronymic in any case («Дмитриевна»,
// «Ивановны»), which unlike «-ович» (Джокович) is never a surname.
func IsFemalePatronymic(w string) bool {
	return hasSuffixNear(FoldWord(w), []string{"овн", "евн", "ичн"}, 4)
}

// hasSuffixNear reports whether one of endings stands in k, after its
// first letter, with at most tail bytes (a case ending) after it.
func hasSuffixNear(k string, endings []string, tail int) bool {
	for _, e := range endings {
		if i := strings.LastIndex(k, e); i > 0 && len(k)-i-len(e) <= tail {
			return true
		}
	}
	return false
}

// kinship nouns name a relation, not a person: «Вдова Солженицына», «Сын
// Байдена» open sentences with a capital and a surname after them.
var kinship = setOf("вдова", "вдовы", "вдове", "вдову", "вдовой", "вдовец", "жена", "жены", "жене", "жену", "женой",
	"муж", "мужа", "мужу", "мужем", "супруга", "супруги", "супруге", "супругу", "супругой", "супруг", "сын", "сына",
	"сыну", "сыном", "дочь", "дочери", "дочерью", "брат", "брата", "брату", "братом", "братья", "братьев", "сестра",
	"сестры", "сестре", "сестру", "сестрой", "отец", "отца", "отцу", "отцом", "мать", "матери", "матерью", "внук",
	"внука", "внучка", "внучки", "дед", "деда", "бабушка", "бабушки", "племянник", "племянника", "племянница",
	"тесть", "зять", "зятя", "невестка", "свекровь", "теща") // looked up folded: ё is е

// IsKinship reports a noun of family relation in a common case form.
func IsKinship(w string) bool { return kinship[FoldWord(w)] }

// adjectiveEndings mark a capitalised word as an adjective ("Белого дома",
// "Центральной Азии"), which is never a first name.
var adjectiveEndings = []string{"ый", "ой", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми", "ой",
	"ий", "яя", "ее", "ие", "его", "ему", "им", "их", "ими", "ская", "ской", "ские", "ских", "ное", "ная", "ной"}

// looksAdjective reports whether a capitalised word is shaped like an adjective.
func looksAdjective(w string) bool {
	f := FoldWord(w)
	if len([]rune(f)) < 5 {
		return false
	}
	for _, e := range adjectiveEndings {
		if strings.HasSuffix(f, e) {
			return true
		}
	}
	return false
}

// Lexicon tells the name tagger what the gazetteers and the corpus know
// about a word; it implements tagger.Lexicon. It remembers each word's
// classes, so it is not safe for concurrent use.
type Lexicon struct {
	namer *Namer
	cache map[string]uint16
}

// Lexicon returns the namer's word knowledge for the tagger.
func (n *Namer) Lexicon() *Lexicon {
	if n.lex == nil {
		n.lex = &Lexicon{namer: n, cache: map[string]uint16{}}
	}
	return n.lex
}

// Classes returns the gazetteer classes of w as tagger class bits.
func (l *Lexicon) Classes(w string) uint16 {
	if c, ok := l.cache[w]; ok {
		return c
	}
	c := l.classes(w)
	if len(l.cache) < 1<<20 {
		l.cache[w] = c
	}
	return c
}

func (l *Lexicon) classes(w string) uint16 {
	var c uint16
	if _, ok := l.namer.LookupFirst(w); ok {
		c |= tagger.FirstName
	}
	if IsRoleWord(w) {
		c |= tagger.RoleWord
	}
	if IsOrganizationWord(w) {
		c |= tagger.OrgWord
	}
	if IsPlace(w) {
		c |= tagger.PlaceWord
	}
	if IsPatronymic(w) {
		c |= tagger.Patronymic
	}
	if LooksLikeSurname(w) {
		c |= tagger.Surnamey
	}
	if Month(w) != 0 {
		c |= tagger.MonthWord
	}
	if looksAdjective(w) {
		c |= tagger.Adjectival
	}
	if _, ok := IsSpeechVerb(w); ok {
		c |= tagger.SpeechVerb
	}
	if l.namer.Common(w) {
		c |= tagger.Common
	}
	if l.namer.Named(w) {
		c |= tagger.Named
	}
	return c
}

// Tokens splits a sentence into the tagger's tokens, keeping each word's
// byte span.
func Tokens(s string) ([]tagger.Token, []Word) {
	words := Words(s)
	toks := make([]tagger.Token, len(words))
	prev := 0
	for i, w := range words {
		toks[i] = tagger.Token{Text: w.Text, Gap: strings.Join(strings.Fields(s[prev:w.Start]), "")}
		prev = w.End
	}
	return toks, words
}

// Vocab is the corpus evidence about words that the Namer reads: which
// occur in lower case somewhere, and which occur capitalised after a
// sentence's first word.
type Vocab struct {
	lower, named map[string]bool
	stems        map[string]bool // Snowball stems of the lower-case words
}

// NewVocab returns an empty vocabulary.
func NewVocab() *Vocab {
	return &Vocab{lower: map[string]bool{}, named: map[string]bool{}, stems: map[string]bool{}}
}

// AddSentence records the words of one sentence.
func (v *Vocab) AddSentence(words []Word) {
	for i, w := range words {
		r, _ := utf8.DecodeRuneInString(w.Text)
		switch {
		case letter.IsLower(r):
			if f := FoldWord(w.Text); !v.lower[f] {
				v.lower[f] = true
				v.stems[Stem(f)] = true
			}
		case i > 0 && letter.IsUpper(r):
			v.named[FoldWord(w.Text)] = true
		}
	}
}

// AddText records every sentence of a text.
func (v *Vocab) AddText(text string) {
	for _, p := range Paragraphs(text) {
		para := text[p.Start:p.End]
		for _, s := range Sentences(para) {
			v.AddSentence(Words(para[s.Start:s.End]))
		}
	}
}

// Common reports whether w occurs in lower case.
func (v *Vocab) Common(w string) bool { return v.lower[FoldWord(w)] }

// CommonStem reports whether a word of w's stem occurs in lower case: the
// capitalised «Предшественник» at a sentence's start is the common noun of
// «предшественниками» elsewhere. Stems under minCommonStem runes are not
// trusted («Даля» and «дали» share «дал»).
func (v *Vocab) CommonStem(w string) bool {
	st := Stem(w)
	return utf8.RuneCountInString(st) >= minCommonStem && v.stems[st]
}

// minCommonStem is the shortest stem CommonStem trusts.
const minCommonStem = 4

// Named reports whether w occurs capitalised inside a sentence.
func (v *Vocab) Named(w string) bool { return v.named[FoldWord(w)] }

// Eponym reports whether the name at s[at:] follows «имени»: a theatre,
// street or prize named after a person («театра имени Станиславского»,
// «улица имени Кирова»), which makes even a surname said once a person's.
func Eponym(s string, at int) bool {
	w, ok := finalWord(s[:at])
	return ok && FoldWord(w.Text) == "имени" && strings.TrimSpace(s[w.End:at]) == ""
}
