package russian

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	return unicode.IsUpper(r[0]) && (len(r) == 1 || len(r) <= 3 && titleAbbreviations[strings.ToLower(w.Text)])
}

// notFirst reports words that cannot be an unknown first name: places,
// organisations, role words and the corpus's common words.
func (n *Namer) notFirst(w string) bool {
	const not = tagger.PlaceWord | tagger.OrgWord | tagger.RoleWord | tagger.Common
	return n.Lexicon().Classes(w)&not != 0 || n.Located(w) || n.CommonStem(w) || IsKinship(w)
}

// notFirstAt is notFirst for the word at a in a sentence: a common word
// written with a capital inside a sentence, where common words are not,
// may be a first name («Том Мур», «Кит Флинт»); at the sentence's start or
// after an opening quote or a colon it may not («Также Иванов»).
func (n *Namer) notFirstAt(s string, words []Word, a int) bool {
	w := words[a].Text
	const not = tagger.PlaceWord | tagger.OrgWord | tagger.RoleWord
	f := FoldWord(w)
	if n.Lexicon().Classes(w)&not != 0 || n.Located(w) || IsKinship(w) || honorifics[f] || roleNouns[f] != "" ||
		hasEnding(f, "ский", "цкий", "ская", "цкая", "ского", "ской", "ный", "ная", "ного") {
		return true // «Её Величества», «Короля Лира», «Римский Бенедикт»
	}
	if a > 0 {
		gap := strings.TrimSpace(s[words[a-1].End:words[a].Start])
		if gap == "" || gap == "," {
			return false
		}
	}
	return n.notFirst(w)
}

// honorifics are pronouns capitalised in titles («Её Величество», «Его
// Святейшество»), never first names.
var honorifics = setOf("ее", "её", "его", "их", "ваше", "вашего", "вашему", "вашим", "ваша", "вашей")

// NewNamer returns a Namer; common may be nil.
func NewNamer(common func(string) bool) *Namer {
	if common == nil {
		common = func(string) bool { return false }
	}
	first, maleOblique := newFirstNames()
	never := func(string) bool { return false }
	return &Namer{first: first, maleOblique: maleOblique, Common: common, Named: never, Located: never, CommonStem: never}
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
	shareListRoles(s, ms)
	return ms
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
			m.Gender = genderFromSurname(words[b].Text)
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
	if usable(j) && !IsAllUpper(words[j].Text) && len([]rune(words[j].Text)) >= 2 {
		m := mk(j, j)
		m.Surname, m.Bare = words[j].Text, true
		return []NameMention{m}
	}
	return nil
}

var particles = setOf("де", "ван", "фон", "да", "дель", "ди", "ле", "ла", "дос", "дю", "ибн", "бин", "аль", "эль", "ель", "ас", "ат")

// IsParticle reports whether w is a surname particle ("Де Сантис", "фон Браун").
func IsParticle(w string) bool { return particles[strings.ToLower(w)] }

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

// nominativeContext reports whether the name at words[at] stands where a
// nominative does: at the start of the sentence, after a role noun in the
// nominative ("министр юстиции Тору Камикава") or right after a speech verb
// ("заявил Тору Камикава").
func (n *Namer) nominativeContext(s string, words []Word, at int) bool {
	if at == 0 {
		return true
	}
	if before := strings.TrimSpace(s[:words[at].Start]); strings.HasSuffix(before, "•") || strings.HasSuffix(before, ":") {
		return true // a list of names
	}
	prev := words[at-1].Text
	if _, ok := IsSpeechVerb(prev); ok {
		return true
	}
	role := n.roleBefore(s, words, at)
	if role == "" {
		return false
	}
	for _, w := range Words(role) {
		if nom, ok := roleNouns[FoldWord(w.Text)]; ok {
			return FoldWord(w.Text) == nom
		}
	}
	return false
}

// roleAfter reads a role in apposition after a name: "Алексей Миллер,
// глава «Газпрома»," or "Джоэл Саймон (руководитель Комитета)".
func (n *Namer) roleAfter(s string, words []Word, at int) string {
	if at+1 >= len(words) {
		return ""
	}
	gap := strings.TrimSpace(s[words[at].End:words[at+1].Start])
	if gap != "," && gap != "(" && gap != "–" && gap != "—" && gap != "-" && gap != ", –" && gap != ", -" {
		return ""
	}
	first := words[at+1].Text
	if !n.roleWord(first) || !unicode.IsLower(firstRune(first)) || pluralRole(first) {
		return "" // «Хлопонин, представители Госдумы»: a plural is others, not him
	}
	end := words[at+1].End
	for k := at + 2; k < len(words) && k <= at+8; k++ {
		g := s[words[k-1].End:words[k].Start]
		if strings.ContainsAny(g, ",.;:()!?") {
			break
		}
		if _, ok := IsSpeechVerb(words[k].Text); ok || looksVerb(strings.ToLower(words[k].Text)) {
			break
		}
		if _, first := n.LookupFirst(words[k].Text); first && IsCapitalized(words[k].Text) {
			return "" // the phrase introduces the next person: "…, капитан клуба Ледли Кинг"
		}
		end = words[k].End
	}
	if next := strings.TrimLeft(s[end:], " «»\""); next != "" && IsCapitalized(strings.Fields(next)[0]) {
		if _, first := n.LookupFirst(strings.Trim(strings.Fields(next)[0], ",.;:»\"")); first {
			return ""
		}
	}
	return strings.TrimRight(s[words[at+1].Start:end], "«»\" ")
}

// sameScript reports whether two words are both Cyrillic or both not.
func sameScript(a, b string) bool {
	return isCyrillic(firstRune(a)) == isCyrillic(firstRune(b))
}

// disambiguate reads a first-name form that is both a female nominative
// and a male oblique case ("Александра", "Евгения") from the surname after
// it: an oblique surname ("Брода", "Дмитриева", "Минченко" cannot say)
// means the male name; a surname in a consonant means the female one.
func (n *Namer) disambiguate(form string, fn FirstName, surname string) FirstName {
	male, ok := n.maleOblique[FoldWord(form)]
	if !ok || fn.Gender != Female {
		return fn
	}
	last := []rune(FoldWord(surname))
	switch last[len(last)-1] {
	case 'а', 'я', 'у', 'ю', 'о', 'и', 'е':
		return male
	}
	if strings.HasSuffix(FoldWord(surname), "ым") || strings.HasSuffix(FoldWord(surname), "ом") {
		return male
	}
	return fn
}

// declines reports whether a first name changes with case (Марк, Анна do;
// Энтони, Фернандо do not), so a nominative form is evidence of case.
// consonantEnd reports a word ending in a consonant or -й.
func consonantEnd(w string) bool {
	r := []rune(FoldWord(w))
	return len(r) > 0 && !strings.ContainsRune("аеёиоуыэюяь", r[len(r)-1])
}

// hasEnding reports whether the folded w ends with one of endings.
func hasEnding(w string, endings ...string) bool {
	f := FoldWord(w)
	for _, e := range endings {
		if strings.HasSuffix(f, e) {
			return true
		}
	}
	return false
}

func declines(first string) bool {
	r := []rune(first)
	return !strings.ContainsRune("оиеуюэы", r[len(r)-1])
}

// firstFromCase puts an unknown first name in the nominative, reading its
// case from the surname next to it: "Жээнбека Кулубаева" → Жээнбек.
func firstFromCase(first, surname string) string {
	ending := strings.TrimPrefix(FoldWord(surname), NameKey(surname))
	r := []rune(first)
	strip := func(n int, add string) string {
		if len(r) > n+2 {
			return string(r[:len(r)-n]) + add
		}
		return first
	}
	lf := FoldWord(first)
	switch ending {
	case "а", "я":
		if strings.HasSuffix(lf, "а") && !strings.ContainsRune("аеиоуыэюя", r[len(r)-2]) {
			return strip(1, "")
		}
		if strings.HasSuffix(lf, "я") {
			return strip(1, "й")
		}
	case "у", "ю":
		if strings.HasSuffix(lf, "у") {
			return strip(1, "")
		}
	case "ом", "ем", "ым", "им":
		if strings.HasSuffix(lf, "ом") || strings.HasSuffix(lf, "ем") {
			return strip(2, "")
		}
	case "е":
		if strings.HasSuffix(lf, "е") {
			return strip(1, "")
		}
	}
	return first
}

// genderFromSurname guesses from a surname's form: -ой/-ую of an -ов/-ин
// surname is feminine.
func genderFromSurname(w string) Gender {
	f := FoldWord(w)
	for _, e := range []string{"овой", "евой", "иной", "овую", "евую", "ская", "ской", "цкая"} {
		if strings.HasSuffix(f, e) {
			return Female
		}
	}
	return Male
}

// roleStops end a role phrase when walking back from a name.
var roleStops = setOf("и", "а", "но", "с", "со", "в", "во", "на", "к", "о", "об", "от", "для", "при", "у", "из",
	"за", "между", "после", "перед", "через", "что", "как", "также", "или", "который", "которая", "где")

// roleBefore returns the role phrase that ends right before words[at]:
// "Госсекретарь США" before "Энтони Блинкен", "министра иностранных дел"
// before "Мухтара Тлеуберди". It is "" when no role word precedes.
func (n *Namer) roleBefore(s string, words []Word, at int) string {
	left := -1
	for k := at - 1; k >= 0 && at-k <= 12; k-- {
		// quote marks around an organisation are part of the phrase: глава ОАО «Газпром»
		gap := strings.Trim(s[words[k].End:words[k+1].Start], " «»\"“”„")
		if gap == ":" && k == at-1 && pluralRole(words[k].Text) {
			gap = "" // a list opens: «пять экс-президентов: Альберто Фухимори, …»
		}
		if gap != "" && !IsDash([]rune(gap)[0]) && gap != "." {
			break
		}
		if gap == "." && !(len([]rune(words[k].Text)) <= 3 && unicode.IsUpper(firstRune(words[k].Text))) {
			break
		}
		t := words[k].Text
		lt := strings.ToLower(t)
		if n.roleWord(t) {
			// a role noun starts a phrase; an adjective only joins one ("Государственный секретарь")
			if _, noun := roleNouns[FoldWord(t)]; noun || left == k+1 {
				left = k
			}
			continue
		}
		if (lt == "в" || lt == "во" || lt == "на") && (IsCapitalized(words[k+1].Text) || IsAllUpper(words[k+1].Text)) {
			continue // посол Японии в Чехии
		}
		if roleStops[lt] || IsConjunction(lt) {
			break
		}
		if _, ok := IsSpeechVerb(t); ok || looksVerb(lt) {
			break
		}
		if lt == "по" || lt == "от" { // "представителем Президента по климату", "член Совета Федерации от Республики Алтай"
			continue
		}
	}
	if left < 0 {
		left = agentNounBefore(s, words, at)
	}
	if left < 0 {
		return ""
	}
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[words[left].Start:words[at].Start]), "–—-,:"))
}

// agentSuffixes end nouns that name what a person does: пианист, писатель,
// политолог, музыкант, режиссёр, фигуристка (and their case forms). Suffixes
// that as often end things (-ник: понедельник, памятник; -ер, -ор: вечер,
// заговор; -ец) are left out: a wrong role is worse than none.
var agentSuffixes = []string{"ист", "истка", "тель", "тельница", "олог", "ант", "антка", "ёр"}

// agentNounBefore finds a role no list holds, by its shape: a lower-case
// noun with an agent suffix right before the name («пианист Евгений
// Кисин», «известного режиссёра Андрея Тарковского»), with the adjectives
// before it. It returns where the phrase starts, or -1.
func agentNounBefore(s string, words []Word, at int) int {
	k := at - 1
	if k < 0 || strings.TrimSpace(s[words[k].End:words[at].Start]) != "" {
		return -1
	}
	w := strings.ToLower(words[k].Text) // ё kept: «режиссёр»
	if !unicode.IsLower(firstRune(words[k].Text)) || utf8.RuneCountInString(w) < 5 || looksAdjective(w) || looksVerb(w) {
		return -1
	}
	stem := w
	for _, e := range []string{"ами", "ом", "ем", "ой", "ей", "ам", "ах", "у", "а", "е", "ы", "и"} {
		if strings.HasSuffix(stem, e) && utf8.RuneCountInString(stem)-utf8.RuneCountInString(e) >= 4 {
			stem = strings.TrimSuffix(stem, e)
			break
		}
	}
	agent := false
	for _, suf := range agentSuffixes {
		agent = agent || strings.HasSuffix(stem, suf) || strings.HasSuffix(w, suf)
	}
	if !agent {
		return -1
	}
	left := k
	for left > 0 && strings.TrimSpace(s[words[left-1].End:words[left].Start]) == "" && looksAdjective(words[left-1].Text) &&
		unicode.IsLower(firstRune(words[left-1].Text)) {
		left--
	}
	return left
}

// looksVerb reports whether a lower-case word is shaped like a finite verb
// or an infinitive ("заявил", "посетила", "обсуждает", "встретиться").
func looksVerb(w string) bool {
	if IsRoleWord(w) || len([]rune(w)) < 4 || !unicode.IsLower(firstRune(w)) {
		return false
	}
	for _, e := range []string{"ал", "ял", "ил", "ел", "ала", "яла", "ила", "ела", "али", "яли", "или", "ели", "ало", "ило",
		"лся", "лась", "лись", "ется", "ются", "ится", "ятся", "ает", "яет", "еет", "ует", "ают", "яют", "уют", "ать", "ять", "ить", "еть", "ться", "тся"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// roleNominatives are role nouns in the nominative; their case forms are
// generated once.
const roleNominatives = `президент вице-президент экс-президент госсекретарь секретарь пресс-секретарь министр
премьер премьер-министр вице-премьер глава председатель зампред сопредседатель посол представитель спикер
вице-спикер советник помощник директор гендиректор руководитель губернатор мэр вице-мэр аким депутат сенатор
конгрессмен канцлер лидер генсек заместитель координатор начальник генерал полковник прокурор генпрокурор судья
адвокат следователь омбудсмен комиссар консул эксперт аналитик политолог экономист журналист корреспондент
редактор главред обозреватель основатель владелец совладелец учредитель акционер бизнесмен предприниматель
миллиардер олигарх тренер игрок капитан чемпион гроссмейстер шахматист актер актриса певец певица режиссер
писатель поэт профессор академик ректор декан патриарх митрополит епископ священник король королева принц
принцесса шейх эмир султан монарх император член сотрудник активист правозащитник оппозиционер кандидат дипломат
спецпредставитель спецпосланник посланник госсоветник архитектор художник композитор музыкант продюсер космонавт
астронавт врач хирург инженер конструктор пилот летчик командир защитник нападающий полузащитник вратарь
голкипер форвард солист солистка фотограф наблюдатель докладчик полпред худрук спикер замглавы вице-губернатор
генконсул атаман ведущий ведущая участник участница лауреат победитель атташе пресс-атташе раввин имам муфтий
адмирал маршал авиатор моряк лейтенант майор сержант капрал`

// roleTable maps case forms of role nouns to the nominative.
type roleTable map[string]string

func newRoleTable() roleTable {
	t := roleTable{}
	irregular := map[string]string{"посол": "посл", "певец": "певц", "отец": "отц", "владелец": "владельц", "совладелец": "совладельц"}
	for _, n := range strings.Fields(roleNominatives) {
		t[n] = n
		r := []rune(n)
		last := r[len(r)-1]
		stem := string(r[:len(r)-1])
		var forms []string
		switch {
		case last == 'ь':
			for _, e := range []string{"я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях"} {
				forms = append(forms, stem+e)
			}
		case last == 'а' || last == 'я':
			y := "ы"
			if strings.ContainsRune("гкхжшчщ", r[len(r)-2]) {
				y = "и"
			}
			forms = append(forms, stem+y, stem+"е", stem+"у", stem+"ой", stem, stem+"ам", stem+"ами", stem+"ах")
		default:
			base := n
			if b, ok := irregular[n]; ok {
				base = b
			}
			for _, e := range []string{"а", "у", "ом", "е", "ы", "и", "ов", "ам", "ами", "ах", "ем"} {
				forms = append(forms, base+e)
			}
		}
		for _, f := range forms {
			if _, ok := t[f]; !ok {
				t[f] = n
			}
		}
	}
	return t
}

// RoleNominative puts the head of a role phrase in the nominative, with the
// adjectives before it: "Государственного секретаря США" → "государственный
// секретарь США"; what follows the head (its complement) stays as written.
func (n *Namer) RoleNominative(phrase string) string {
	words := Words(phrase)
	if len(words) == 0 {
		return phrase
	}
	var b strings.Builder
	last := 0
	done := false
	for idx, w := range words {
		b.WriteString(phrase[last:w.Start])
		last = w.End
		t := w.Text
		if done {
			b.WriteString(t)
			continue
		}
		lower := strings.ToLower(t)
		if nom, ok := roleNouns[FoldWord(t)]; ok {
			nom = keepYo(lower, nom)
			if idx > 0 && !IsAllUpper(t) && unicode.IsUpper(firstRune(t)) {
				nom = string(unicode.ToUpper(firstRune(nom))) + string([]rune(nom)[1:])
			}
			b.WriteString(nom)
			done = true
			continue
		}
		switch {
		case looksAdjective(t) && idx < len(words)-1: // the last word is the head noun: «стал пианистом»
			t = keepYo(lower, adjectiveNominative(lower))
		case unicode.IsLower(firstRune(t)) || idx == 0 && !IsAllUpper(t):
			// an unlisted head noun: "футболиста" → "футболист" when the
			// corpus has that form
			t = keepYo(lower, n.nounNominative(lower))
			done = true
		}
		b.WriteString(t)
	}
	b.WriteString(phrase[last:])
	out := b.String()
	return out
}

// keepYo gives nom the ё that the form it comes from was written with
// («актёра» → «актёр», not «актер»): lexicons spell е, texts often ё.
func keepYo(form, nom string) string {
	if !strings.ContainsRune(form, 'ё') {
		return nom
	}
	f, r := []rune(form), []rune(nom)
	for i := range min(len(f), len(r)) {
		if f[i] == 'ё' && r[i] == 'е' {
			r[i] = 'ё'
		}
	}
	return string(r)
}

// nounNominative guesses the nominative singular of a noun the role table
// does not hold, taking a form the corpus attests: "футболиста" →
// "футболист", "марафонки" → "марафонка". Unattested, the word stays.
func (n *Namer) nounNominative(w string) string {
	if IsRoleNoun(w) {
		return roleNouns[FoldWord(w)]
	}
	for _, e := range []string{"ами", "ями", "ом", "ем", "ой", "ей", "ам", "ям", "ах", "ях", "ов", "ев", "а", "я", "у", "ю", "е", "ы", "и"} {
		stem, ok := strings.CutSuffix(w, e)
		if !ok || len([]rune(stem)) < 3 {
			continue
		}
		for _, c := range []string{stem, stem + "а", stem + "ь", stem + "й", stem + "я"} {
			if c != w && n.Common(c) {
				return c
			}
		}
	}
	return w
}

// adjectiveNominative turns a masculine adjective in an oblique case into
// the nominative: государственного → государственный, бывшего → бывший.
func adjectiveNominative(w string) string {
	r := []rune(w)
	for _, e := range []struct{ from, to string }{{"ого", "ый"}, {"ому", "ый"}, {"ыми", "ый"}, {"ым", "ый"}, {"ом", "ый"}, {"ых", "ый"}, {"ые", "ый"},
		{"его", "ий"}, {"ему", "ий"}, {"ими", "ий"}, {"им", "ий"}, {"ем", "ий"}, {"их", "ий"}, {"ие", "ий"}} {
		if strings.HasSuffix(w, e.from) {
			stem := string(r[:len(r)-len([]rune(e.from))])
			to := e.to
			if to == "ый" && len(stem) > 0 && strings.ContainsRune("гкхжшчщ", []rune(stem)[len([]rune(stem))-1]) {
				to = "ий"
			}
			return stem + to
		}
	}
	return w
}

// SurnameNominative chooses the nominative of a surname from the forms it
// was seen in. nominative holds forms seen next to a nominative first name
// (strong evidence); g is the person's gender.
func SurnameNominative(forms, nominative []string, g Gender) string {
	if len(nominative) > 0 {
		return mostCommon(nominative)
	}
	if len(forms) == 0 {
		return ""
	}
	key := NameKey(forms[0])
	base := string([]rune(forms[0])[:len([]rune(key))])
	ovlike := false
	for _, e := range []string{"ов", "ев", "ёв", "ин", "ын"} {
		ovlike = ovlike || strings.HasSuffix(key, e)
	}
	adjlike := strings.HasSuffix(key, "ск") || strings.HasSuffix(key, "цк")
	for _, f := range forms { // Долгорукому, Толстого: an adjective surname
		lf := FoldWord(f)
		for _, e := range []string{"ому", "ого", "ему", "его", "ий", "ый"} {
			adjlike = adjlike || strings.HasSuffix(lf, e) && len([]rune(lf)) > 5
		}
	}
	if g == Female {
		switch {
		case ovlike:
			return base + "а"
		case adjlike:
			return base + "ая"
		}
		return mostCommon(forms)
	}
	for _, f := range forms {
		if FoldWord(f) == key || FoldWord(f) == key+"ь" { // Блинкен; Соболь, Цзюнь
			return f
		}
	}
	if adjlike {
		for _, f := range forms {
			if strings.HasSuffix(f, "ий") || strings.HasSuffix(f, "ый") || strings.HasSuffix(f, "ой") {
				return f
			}
		}
		return base + "ий"
	}
	allSame := true
	for _, f := range forms {
		allSame = allSame && FoldWord(f) == FoldWord(forms[0])
	}
	last := []rune(FoldWord(forms[0]))
	if allSame && !ovlike && strings.ContainsRune("иоеэюы", last[len(last)-1]) {
		return forms[0] // indeclinable: Тлеуберди, Керри, Шевченко
	}
	return base // Байдена, Уэббера: a consonant stem in an oblique case
}

func mostCommon(xs []string) string {
	count := map[string]int{}
	best := ""
	for _, x := range xs {
		count[x]++
		if count[x] > count[best] || best == "" {
			best = x
		}
	}
	return best
}
