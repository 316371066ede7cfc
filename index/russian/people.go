package russian

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

// NameMention is a person named in a sentence.
type NameMention struct {
	Start, End int    // byte span of the name in the sentence
	First      string // first name in the nominative, "" when not given
	Initials   string // "Э." or "Дж." when only initials are given
	Surname    string // the surname as written (inflected)
	Gender     Gender
	Role       string // the role phrase right before the name, as written
	// NominativeSurname is true when the name stands next to a declinable
	// first name in the nominative, so the surname is nominative too.
	NominativeSurname bool
	// Bare is a lone capitalised word: a surname only if it matches a
	// person named in full elsewhere.
	Bare bool
	// Tagged is true when the trained tagger marked the words as a person's
	// name, which is evidence beyond their shape.
	Tagged bool
	// Original is the surname of the name's original in Latin script, when
	// the text gives it in parentheses right after the name («Хоровитц
	// (Scott Horowitz)»): the same person, who may be asked for by it.
	Original string
	// Listed is true when the name is one of a list of names joined by
	// commas and «и», or a lone name in a list of lone surnames
	// (listPeople): each name is another person's.
	Listed bool
}

// Namer finds people in sentences.
type Namer struct {
	first       firstNameTable
	maleOblique map[string]FirstName // forms that are also a male name's oblique case
	// Common reports whether a word is a common word of the corpus (it
	// occurs in lower case somewhere), so a capital at the start of a
	// sentence is not a name ("Также", "Напомним").
	Common func(word string) bool
	// Named reports whether a word occurs capitalised inside a sentence
	// somewhere in the corpus, as names do.
	Named func(word string) bool
	// CommonStem reports whether a word of the same stem occurs in lower
	// case somewhere in the corpus («Предшественник», «предшественниками»).
	CommonStem func(word string) bool
	// Tagger, when set, finds the names; the rules then only read them.
	Tagger *tagger.Model
	// Located reports whether a word stands after a preposition of place
	// ("в", "из", "на") somewhere in the corpus.
	Located func(word string) bool
	lex     *Lexicon
}

// roleWord is IsRoleWord, remembered per word.
func (n *Namer) roleWord(w string) bool { return n.Lexicon().Classes(w)&tagger.RoleWord != 0 }

// isInitial reports an initial: a capital letter, or a short title
// abbreviation ("Дж"), followed by a dot in s.
func isInitial(s string, w Word) bool {
	if w.End >= len(s) || s[w.End] != '.' {
		return false
	}
	r := []rune(w.Text)
	return letter.IsUpper(r[0]) && (len(r) == 1 || len(r) <= 3 && titleAbbreviations[letter.Lower(w.Text)])
}

// notFirst reports words that cannot be an unknown first name: places,
// organisations, role words, family relations and the corpus's common
// words.
func (n *Namer) notFirst(w string) bool { return n.notName(w) || n.common(w) }

// notName reports places, organisations, role words and family relations.
func (n *Namer) notName(w string) bool {
	const not = tagger.PlaceWord | tagger.OrgWord | tagger.RoleWord
	return n.Lexicon().Classes(w)&not != 0 || n.Located(w) || IsKinship(w)
}

// common reports a word the corpus uses in lower case, or a word of its stem.
func (n *Namer) common(w string) bool {
	return n.Lexicon().Classes(w)&tagger.Common != 0 || n.CommonStem(w)
}

// notFirstAt is notFirst for the word at a in a sentence: a common word
// written with a capital inside a sentence, where common words are not,
// may be a first name («Том Мур», «Кит Флинт»); at the sentence's start or
// after an opening quote or a colon it may not («Также Иванов»). A
// capitalised pronoun or adjective never is («Её Величества», «Римский
// Бенедикт»), nor a role noun in any case («Короля Лира»).
func (n *Namer) notFirstAt(s string, words []Word, a int) bool {
	w := words[a].Text
	f := FoldWord(w)
	if n.notName(w) || honorifics[f] || hasEnding(f, "ский", "цкий", "ская", "цкая", "ского", "ской", "ный", "ная", "ного") {
		return true
	}
	if a > 0 {
		if gap := strings.TrimSpace(s[words[a-1].End:words[a].Start]); gap == "" || gap == "," {
			return false
		}
	}
	return n.common(w)
}

// honorifics are pronouns capitalised in titles («Её Величество», «Его
// Святейшество»), never first names.
var honorifics = setOf("ее", "его", "их", "ваше", "вашего", "вашему", "вашим", "ваша", "вашей") // looked up folded

// NewNamer returns a Namer; common may be nil.
func NewNamer(common func(string) bool) *Namer {
	if common == nil {
		common = func(string) bool { return false }
	}
	first, maleOblique := newFirstNames()
	never := func(string) bool { return false }
	return &Namer{first: first, maleOblique: maleOblique, Common: common, Named: never, Located: never, CommonStem: never}
}

// FromFirstName reports whether w, in the nominative, is a man's
// patronymic made from a listed first name («Андреевич», «Васильевич»,
// «Игоревич», «Борисович»). Serbian surnames share the shape
// («Михайлович»), so callers weigh it with other evidence.
func (n *Namer) FromFirstName(w string) bool {
	f := FoldWord(w)
	var bases []string
	switch {
	case strings.HasSuffix(f, "ьевич"):
		b := strings.TrimSuffix(f, "ьевич")
		bases = append(bases, b+"ий", b+"ь") // Васильевич, Юрьевич
	case strings.HasSuffix(f, "евич"):
		b := strings.TrimSuffix(f, "евич")
		bases = append(bases, b+"й", b+"ь", b) // Андреевич, Игоревич
	case strings.HasSuffix(f, "ович"):
		b := strings.TrimSuffix(f, "ович")
		bases = append(bases, b, b+"ь") // Борисович, Павлович
	}
	for _, b := range bases {
		if fn, ok := n.LookupFirst(b); ok && fn.Gender == Male && utf8.RuneCountInString(b) > 2 {
			return true
		}
	}
	return false
}

// LookupFirst returns the nominative of a first name in any case form.
func (n *Namer) LookupFirst(w string) (FirstName, bool) {
	f, ok := n.first[FoldWord(w)]
	return f, ok
}

// Mentions finds the people named in one sentence: first name + surname
// ("Энтони Блинкен", "Мухтара Тлеуберди", "Касым-Жомарт Токаев"), initials +
// surname ("Э. Блинкен", "Дж. Керри"), an unknown first name before a
// surname-shaped word ("Жээнбека Кулубаева"), surname-first order ("Ху
// Цзиньтао") and lone capitalised words (Bare), each with the role phrase
// that precedes it ("Госсекретарь США").
func (n *Namer) Mentions(s string) []NameMention {
	var ms []NameMention
	if n.Tagger == nil {
		ms = n.ruleMentions(s)
	} else {
		ms = n.taggedMentions(s)
	}
	ms = n.listPeople(s, ms)
	shareListRoles(s, ms)
	n.shareListCase(s, ms)
	out := ms[:0]
	for k := range ms {
		if n := len(out); n > 0 && isOriginal(s, out[n-1], ms[k]) {
			out[n-1].Original = ms[k].Surname // one person, named twice
			continue
		}
		latinCase(s, &ms[k])
		out = append(out, ms[k])
	}
	return out
}

// isOriginal reports whether m is the Latin original, in parentheses, of
// the Cyrillic name prev right before it.
func isOriginal(s string, prev, m NameMention) bool {
	if prev.End > m.Start || m.Start > len(s) {
		return false
	}
	gap, ok := strings.CutPrefix(strings.TrimSpace(s[prev.End:m.Start]), "(")
	if !ok || strings.ContainsFunc(gap, func(r rune) bool { return r != ' ' && !unicode.Is(unicode.Latin, r) }) {
		return false // «(James B. Comey)»: the first name may stay outside the mention
	}
	r, _ := utf8.DecodeRuneInString(s[m.Start:])
	p, _ := utf8.DecodeRuneInString(prev.Surname)
	return unicode.Is(unicode.Latin, r) && unicode.Is(unicode.Cyrillic, p)
}

// latinAfter matches a name in Latin script in parentheses right after a
// name: «Джошуа Вольфа (Joshua Wolf)».
var latinAfter = regexp.MustCompile(`^\s*\(((?:\p{Latin}+[ '’-]?)+)\)`)

// latinCase reads the case of a surname from its Latin original in
// parentheses, when the text gives one: a surname ending in a vowel where
// the original ends in a consonant carries a case ending («Вольфа (Wolf)»);
// one that ends like its original is the nominative («Масса (Massa)»,
// «Блинкен (Blinken)»).
func latinCase(s string, m *NameMention) {
	if m.Bare || m.Surname == "" || m.End > len(s) || !strings.HasSuffix(s[:m.End], m.Surname) {
		return // the surname must be the name's last word, as in its original
	}
	g := latinAfter.FindStringSubmatch(s[m.End:])
	if g == nil {
		return
	}
	latin := strings.Fields(g[1])
	if len(latin) < 2 {
		return // one word may be a nickname («Шону Комбсу (Diddy)»)
	}
	switch endsAlike(FoldWord(m.Surname), letter.Lower(latin[len(latin)-1])) {
	case alike:
		m.NominativeSurname = true
	case caseEnding:
		m.NominativeSurname = false
	}
}

// How a Cyrillic surname ends beside its Latin original.
const (
	unsure     = iota // «Джером (Jerome)»: a consonant, yet «-ом» may be a case
	alike             // the same vowel or both a consonant: no case ending
	caseEnding        // a vowel where the original has a consonant, or another vowel
)

// endsAlike compares the end of a Cyrillic surname with its Latin
// original: the same vowel (Масса/Massa, Тао/Tao) or both a consonant
// (Блинкен/Blinken) is alike, unless the Cyrillic ends in an instrumental
// «-ом», «-ем» (Спенсером/Spencer: unsure); a vowel against a consonant or
// another vowel (Вольфа/Wolf, Янши/Janša) is a case ending. A silent final e
// (Jerome) and a y after a vowel (Pomeroy) count as consonants.
func endsAlike(cyr, latin string) int {
	l := []rune(latin)
	if n := len(l); n > 2 && l[n-1] == 'e' && !strings.ContainsRune("aeiouy", l[n-2]) ||
		n > 2 && l[n-1] == 'y' && strings.ContainsRune("aeiou", l[n-2]) {
		l = l[:n-1]
	}
	c := []rune(cyr)
	if len(l) == 0 || len(c) == 0 {
		return unsure
	}
	lc, cc := vowelClass(l[len(l)-1]), vowelClass(c[len(c)-1])
	switch {
	case lc == 0 && cc == 0 && hasEnding(cyr, "ом", "ем", "ым", "им"):
		return unsure
	case lc == cc:
		return alike
	case cc != 0:
		return caseEnding
	}
	return unsure
}

// vowelClass groups a Latin or Cyrillic vowel with those that transcribe
// it; 0 for a consonant.
func vowelClass(r rune) int {
	switch {
	case strings.ContainsRune("aàáâãäåая", r):
		return 1
	case strings.ContainsRune("oòóôõöо", r):
		return 2
	case strings.ContainsRune("eèéêëеэё", r):
		return 3
	case strings.ContainsRune("iìíîïyýиы", r):
		return 4
	case strings.ContainsRune("uùúûüую", r):
		return 5
	}
	return 0
}

// ruleMentions finds names by their shape and the first-name list alone.
func (n *Namer) ruleMentions(s string) []NameMention {
	words := Words(s)
	var out []NameMention
	isInit := func(k int) bool { return isInitial(s, words[k]) }
	isTok := func(k int) bool { return IsCapitalized(words[k].Text) || isInit(k) || hasNameParticle(words[k].Text) }
	gapOK := func(a, b int) bool {
		gap := s[words[a].End:words[b].Start]
		if isInit(a) {
			return gap == ". " || gap == "." || gap == ".\u00a0"
		}
		return gap == " "
	}
	for i := 0; i < len(words); {
		if !isTok(i) {
			i++
			continue
		}
		j := i
		for j+1 < len(words) && isTok(j+1) && gapOK(j, j+1) {
			j++
		}
		if quoted(s, words[i].Start, words[j].End) { // «Яблоко», «Газпром»: a title
			i = j + 1
			continue
		}
		out = append(out, n.inRun(s, words, i, j, isInit, false)...)
		i = j + 1
	}
	return out
}

// inRun finds the person in the run of name-like tokens words[i..j].
func (n *Namer) inRun(s string, words []Word, i, j int, isInit func(int) bool, tagged bool) []NameMention {
	mk := func(from, to int) NameMention {
		m := NameMention{Start: words[from].Start, End: words[to].End, Role: n.roleBefore(s, words, from), Tagged: tagged}
		if m.Role == "" {
			m.Role = n.roleAfter(s, words, to)
		}
		if m.Role == "" {
			m.Role = n.rolePredicate(s, words, to)
		}
		m.NominativeSurname = n.nominativeContext(s, words, from)
		return m
	}
	usable := func(k int) bool {
		t := words[k].Text
		return !IsRoleWord(t) && !IsOrganizationWord(t) && !looksAdjective(t) && !n.Common(t) && Month(t) == 0
	}
	// after a first name or initials any capitalised word may be the
	// surname: adjective-shaped ("Анатолием Сердюковым", "Юрий Долгорукий")
	// or a common noun ("Виктор Понедельник")
	surnameOK := func(k int) bool {
		t := words[k].Text
		return !IsOrganizationWord(t) && Month(t) == 0 && !IsAllUpper(t)
	}
	for k := i; k <= j; k++ {
		if isInit(k) {
			e := k
			for e+1 <= j && isInit(e+1) {
				e++
			}
			if e+1 > j || !surnameOK(e+1) {
				return nil
			}
			m := mk(k, e+1)
			var inits []string
			for x := k; x <= e; x++ {
				inits = append(inits, words[x].Text+".")
			}
			m.Initials = strings.Join(inits, " ")
			m.Surname = words[e+1].Text
			if tagged && e+2 < j { // «имени М. В. Ломоносова Иван Петров»: two people in a row
				return append([]NameMention{m}, n.inRun(s, words, e+2, j, isInit, true)...)
			}
			return []NameMention{m}
		}
		fn, ok := n.LookupFirst(words[k].Text)
		if !ok {
			continue
		}
		if k+1 <= j {
			fn = n.disambiguate(words[k].Text, fn, words[k+1].Text)
		}
		switch {
		case k+2 == j && IsParticle(words[k+1].Text) && surnameOK(k+2):
			// "Массимо Де Сантис", "Люк Ван Велли": the particle is part of the surname
			m := mk(k, k+2)
			m.First, m.Gender, m.Surname = fn.Nominative, fn.Gender, s[words[k+1].Start:words[k+2].End]
			return []NameMention{m}
		case k+2 == j && !IsPatronymic(words[k+1].Text) && surnameOK(k+2) && surnameOK(k+1):
			// "Мануэль Мехуто Гонсалес", "Хуан Пабло Монтойя": the last word is the surname
			m := mk(k, k+2)
			m.First, m.Gender, m.Surname = fn.Nominative, fn.Gender, words[k+2].Text
			return []NameMention{m}
		case k+1 <= j && surnameOK(k+1) && (!IsPatronymic(words[k+1].Text) || k+1 == j && !IsFemalePatronymic(words[k+1].Text)):
			m := mk(k, k+1)
			m.First, m.Gender, m.Surname = fn.Nominative, fn.Gender, words[k+1].Text
			m.NominativeSurname = m.NominativeSurname || strings.EqualFold(words[k].Text, fn.Nominative) && declines(fn.Nominative)
			m.NominativeSurname = m.NominativeSurname && !(declines(fn.Nominative) && !strings.EqualFold(words[k].Text, fn.Nominative))
			m.NominativeSurname = m.NominativeSurname || fn.Gender == Male && !declines(fn.Nominative) && manSubject(s, words, k, k+1)
			if tagged && k+2 < j { // "Александра Кокорина Андрей Ромашов": two people in a row
				return append([]NameMention{m}, n.inRun(s, words, k+2, j, isInit, true)...)
			}
			return []NameMention{m}
		case k+2 <= j && IsPatronymic(words[k+1].Text) && surnameOK(k+2):
			m := mk(k, k+2)
			m.First, m.Gender, m.Surname = fn.Nominative, fn.Gender, words[k+2].Text
			m.NominativeSurname = m.NominativeSurname || strings.EqualFold(words[k].Text, fn.Nominative) && declines(fn.Nominative)
			m.NominativeSurname = m.NominativeSurname && !(declines(fn.Nominative) && !strings.EqualFold(words[k].Text, fn.Nominative))
			return []NameMention{m}
		case k == j && k-1 >= i && usable(k-1):
			// surname first: "Ху Цзиньтао", "Путин Владимир"
			m := mk(k-1, k)
			m.First, m.Gender, m.Surname = fn.Nominative, fn.Gender, words[k-1].Text
			return []NameMention{m}
		}
		return nil // a first name alone
	}
	// no known first name: an unknown one before a surname-shaped word, or
	// any two words the tagger marked as one name
	if j > i {
		a, b := j-1, j
		if tagged {
			// a place or a common word before the name is no first name:
			// "Калифорнии Эдвин Хардман", "Вдова Солженицына"
			for a = i; a < j-1 && n.notFirst(words[a].Text); a++ {
			}
			switch {
			case j-i >= 2 && IsPatronymic(words[j].Text): // Иванов Иван Иванович
				a, b = j-1, j-2
			case j-i >= 2 && IsPatronymic(words[j-1].Text): // Роальд Зиннурович Сагдеев
				a = j - 2
			}
		}
		// the tagger's word outweighs the shape: "Радий", "Ибрагим" look like adjectives
		firstOK := usable(a) && !n.notFirst(words[a].Text) && LooksLikeSurname(words[b].Text) && !LooksLikeSurname(words[a].Text) ||
			tagged && !n.notFirstAt(s, words, a) && Month(words[a].Text) == 0
		if firstOK && surnameOK(b) && sameScript(words[a].Text, words[b].Text) && !IsFemalePatronymic(words[b].Text) {
			m := mk(min(a, b), max(a, b))
			m.First = firstFromCase(words[a].Text, words[b].Text)
			m.Surname = words[b].Text
			if b-1 > a && IsParticle(words[b-1].Text) { // «Алессандро дель Пьеро»
				m.Surname = s[words[b-1].Start:words[b].End]
			}
			m.Gender = genderFromSurname(words[b].Text)
			if m.First != words[a].Text && womanAgrees(s, words, min(a, b), max(a, b), m.Role) {
				// «солистка Василиса Старшова», «Иветта Зельдина заявила»: a
				// woman named in the nominative, not a man in the genitive
				m.First, m.Gender, m.NominativeSurname = words[a].Text, Female, true
			}
			// a man's first name ending in a consonant or -й is in the
			// nominative (its oblique cases add an ending), so the surname
			// beside it is too: «Шейк Диарра», «Анджей Хыра». A word of
			// three letters or fewer may be a Chinese surname before a
			// declined given name («Дэн Сяопина»): no evidence.
			m.NominativeSurname = m.NominativeSurname || m.First == words[a].Text && consonantEnd(m.First) &&
				utf8.RuneCountInString(m.First) > 3 && !strings.Contains(FoldWord(m.First), "цз") && hasEnding(words[b].Text, "а", "я")
			return []NameMention{m}
		}
	}
	// «театра имени Станиславского»: after «имени» an adjective-shaped surname alone is one
	if (usable(j) || Eponym(s, words[j].Start) && LooksLikeSurname(words[j].Text)) && !IsAllUpper(words[j].Text) && len([]rune(words[j].Text)) >= 2 {
		m := mk(j, j)
		m.Surname, m.Bare = words[j].Text, true
		return []NameMention{m}
	}
	return nil
}

var particles = setOf("де", "ван", "фон", "да", "дель", "ди", "ле", "ла", "дос", "дю", "ибн", "бин", "аль", "эль", "ель", "ас", "ат")

// IsParticle reports whether w is a surname particle ("Де Сантис", "фон Браун").
func IsParticle(w string) bool { return particles[letter.Lower(w)] }

// hasNameParticle reports a hyphenated surname with a lower-case particle:
// "аль-Хадж", "эль-Масри".
func hasNameParticle(w string) bool {
	head, rest, ok := strings.Cut(w, "-")
	return ok && particles[head] && IsCapitalized(rest)
}

// quoted reports whether s[from:to] stands alone inside quote marks.
func quoted(s string, from, to int) bool {
	before := strings.TrimRight(s[:from], " ")
	after := strings.TrimLeft(s[to:], " ")
	if before == "" || after == "" {
		return false
	}
	b, a := lastRune(before), firstRune(after)
	return (b == '«' || b == '"' || b == '“' || b == '„') && (a == '»' || a == '"' || a == '”' || a == '“')
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// sameScript reports whether two words are both Cyrillic or both not.
func sameScript(a, b string) bool {
	return isCyrillic(firstRune(a)) == isCyrillic(firstRune(b))
}
