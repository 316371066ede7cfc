package russian

// Nominatives of names: the case a name stands in, the first name and the
// surname in the nominative, and the gender they agree in.

import (
	"strings"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

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
	if parts := strings.Split(first, "-"); len(parts) > 1 { // Жана-Шарля: each part declines
		for i, p := range parts {
			parts[i] = firstFromCase(p, surname)
		}
		return strings.Join(parts, "-")
	}
	if nom, ok := instrumentalFirst(first); ok { // beside a surname that does not decline
		return nom
	}
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
	case "а", "я", "ы": // a genitive: Жолта Хорняка, Анджея Вайды, Габдуллы Тукая
		if strings.HasSuffix(lf, "а") && !strings.ContainsRune("аеиоуыэюя", r[len(r)-2]) {
			return strip(1, "")
		}
		if strings.HasSuffix(lf, "я") && len(r) > 1 && !strings.ContainsRune("аеиоуыэюя", letter.ToLower(r[len(r)-2])) {
			return strip(1, "ь") // Шарля → Шарль
		}
		if strings.HasSuffix(lf, "я") {
			return strip(1, "й") // Анджея → Анджей
		}
		if strings.HasSuffix(lf, "ы") && !strings.ContainsRune("аеиоуыэюя", r[len(r)-2]) {
			return strip(1, "а")
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
	if hasEnding(w, "овой", "евой", "иной", "овую", "евую", "ская", "ской", "цкая") {
		return Female
	}
	return Male
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
	if parts := doubleParts(forms); parts != nil { // «Немировича-Данченко»: each part declines alone
		out := make([]string, len(parts))
		for i, p := range parts {
			out[i] = SurnameNominative(p, nil, g)
		}
		return strings.Join(out, "-")
	}
	key := NameKey(forms[0])
	base := string([]rune(forms[0])[:len([]rune(key))])
	ovlike := hasEnding(key, "ов", "ев", "ин", "ын")
	adjlike := hasEnding(key, "ск", "цк")
	for _, f := range forms { // Долгорукому, Толстого: an adjective surname
		adjlike = adjlike || hasEnding(f, "ому", "ого", "ему", "его", "ий", "ый") && utf8.RuneCountInString(f) > 5
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
		return base + adjectiveEnding(base, forms) // Толстого → Толстой is rare; Поперечного → Поперечный
	}
	return fromEnding(forms, base, ovlike)
}

// fromEnding is the nominative of a man's surname, none of whose forms is
// its bare stem, from how its forms end.
func fromEnding(forms []string, base string, ovlike bool) string {
	allSame := true
	for _, f := range forms {
		allSame = allSame && FoldWord(f) == FoldWord(forms[0])
	}
	last := []rune(FoldWord(forms[0]))
	end := last[len(last)-1]
	prev := ' '
	if len(last) > 1 {
		prev = last[len(last)-2]
	}
	switch {
	case allSame && !ovlike && strings.ContainsRune("иоеэю", end):
		return forms[0] // indeclinable: Тлеуберди, Керри, Шевченко
	case allSame && !ovlike && end == 'ы' && !isVowel(prev):
		return base + "а" // the genitive of a surname in -а: Вайды → Вайда, Маехары → Маехара
	case allSame && end == 'я' && prev == 'и':
		return forms[0] // Гарсия, Берия
	case allSame && end == 'я' && isVowel(prev):
		r := []rune(forms[0])
		return string(r[:len(r)-1]) + "й" // the genitive of -ай, -ей: Карзая → Карзай, Мюррея → Мюррей
	case softStem(forms):
		return base + "ь" // Гоголя → Гоголь, Цзэминя → Цзэминь
	}
	return base // Байдена, Уэббера: a consonant stem in an oblique case
}

// adjectiveEnding is the nominative ending of an adjective surname whose
// forms are oblique: -ий after к, г, х and hushing letters and for soft
// forms (-его, -ему), else -ый.
func adjectiveEnding(base string, forms []string) string {
	r := []rune(base)
	if len(r) > 0 && strings.ContainsRune("кгхжшчщ", r[len(r)-1]) {
		return "ий"
	}
	for _, f := range forms {
		if hasEnding(f, "его", "ему", "им", "ем") {
			return "ий"
		}
	}
	for _, f := range forms {
		if hasEnding(f, "ого", "ому", "ым", "ом") {
			return "ый"
		}
	}
	return "ий"
}

// softStem reports forms of a man's surname with a soft consonant stem:
// a consonant then -я or -ю («Гоголя», «Цзэминю»), never a hard -а.
func softStem(forms []string) bool {
	soft := false
	for _, f := range forms {
		r := []rune(FoldWord(f))
		if len(r) < 3 {
			return false
		}
		end, prev := r[len(r)-1], r[len(r)-2]
		switch {
		case (end == 'я' || end == 'ю') && !isVowel(prev) && prev != 'ь':
			soft = true
		case end == 'а' || end == 'у':
			return false
		}
	}
	return soft
}

func isVowel(r rune) bool { return strings.ContainsRune("аеёиоуыэюя", r) }

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

// womanAgrees reports whether the words around the name words[i..j] agree
// with a woman: a past verb in -ла or -лась right after it, or a role before
// it in a feminine form («солистка», «актриса», «первая»). It is asked only
// when a first name in -а and a surname in -ова, -ина… may as well be a
// man's genitive.
func womanAgrees(s string, words []Word, i, j int, role string) bool {
	if !hasEnding(words[j].Text, "ова", "ева", "ёва", "ина", "ына", "ая") {
		return false
	}
	if j+1 < len(words) && strings.TrimSpace(s[words[j].End:words[j+1].Start]) == "" {
		if next := letter.Lower(words[j+1].Text); looksVerb(next) && hasEnding(next, "ла", "лась") {
			return true
		}
	}
	for _, w := range Words(role) { // adjectives up to the head noun
		t := letter.Lower(w.Text)
		if looksAdjective(t) {
			if hasEnding(t, "ая", "яя") {
				return true
			}
			continue
		}
		return hasEnding(t, "ка", "ица", "иня", "есса", "иса")
	}
	return false
}

// clauseOpeners are words after which a name may open a clause as its
// subject; after any other word a name is as likely its complement
// («адвокат Фелипе Массы заявил»).
var clauseOpeners = setOf("и", "а", "но", "что", "поскольку", "когда", "как", "также", "однако", "затем", "потом",
	"ранее", "тогда", "пока", "если", "хотя", "где", "ведь", "чтобы", "причем", "зато", "позже", "вскоре") // looked up folded

// subjectAdverbs may stand between a subject and its verb.
var subjectAdverbs = setOf("также", "уже", "еще", "тоже", "вновь", "не", "лишь", "только", "снова", "сам", "же",
	"впервые", "лично", "сразу", "давно", "однажды", "даже", "вообще", "все") // looked up folded

// manSubject reports whether the name words[i..j] opens a clause and a
// masculine past verb follows it, so that it is the clause's subject, in
// the nominative: «поскольку Фелипе Масса также был вынужден». A first
// name that does not decline says nothing of the case; this does.
func manSubject(s string, words []Word, i, j int) bool {
	if i > 0 {
		gap := strings.TrimSpace(s[words[i-1].End:words[i].Start])
		if gap == "" && !clauseOpeners[FoldWord(words[i-1].Text)] || gap != "" && !strings.ContainsAny(gap, ",;:—–") {
			return false
		}
	}
	for k := j + 1; k < len(words) && k <= j+3; k++ {
		if strings.TrimSpace(s[words[k-1].End:words[k].Start]) != "" {
			return false
		}
		t := FoldWord(words[k].Text)
		if subjectAdverbs[t] {
			continue
		}
		return letter.IsLower(firstRune(words[k].Text)) && hasEnding(t, "ал", "ял", "ил", "ел", "ыл", "ул", "ался", "ялся", "ился", "елся", "ылся")
	}
	return false
}

// SurnameParts returns the parts of a double surname, each of which
// declines alone and may be asked for alone («Саишвили-Чантурия»,
// «Немировича-Данченко»), or nil: a particle («аль-Хадж») or a lower-case
// part («Буша-младшего») makes no double surname.
func SurnameParts(s string) []string {
	parts := strings.Split(s, "-")
	if len(parts) < 2 {
		return nil
	}
	for _, part := range parts {
		if !IsCapitalized(part) || utf8.RuneCountInString(part) < 3 || IsParticle(part) {
			return nil
		}
	}
	return parts
}

// doubleParts splits the forms of a double surname into the forms of each
// part («Немировича-Данченко», «Немировичу-Данченко» → [Немировича
// Немировичу] [Данченко Данченко]), or returns nil when the forms are not
// all of one double surname.
func doubleParts(forms []string) [][]string {
	var parts [][]string
	for _, f := range forms {
		ps := SurnameParts(f)
		if ps == nil || parts != nil && len(ps) != len(parts) {
			return nil
		}
		if parts == nil {
			parts = make([][]string, len(ps))
		}
		for i, p := range ps {
			parts[i] = append(parts[i], p)
		}
	}
	return parts
}

// instrumentalFirst reads a first name in the instrumental, whatever the
// surname beside it: «Агатой», «Полой» → Агата, Пола; «Мартином», «Яном» →
// Мартин, Ян. Names whose nominative ends so stay: «Том», «Рой», «Джером»,
// «Жером».
func instrumentalFirst(first string) (string, bool) {
	r := []rune(first)
	lf := FoldWord(first)
	n := len(r)
	switch {
	case n >= 5 && strings.HasSuffix(lf, "ой") && !isVowel(r[n-3]):
		return string(r[:n-2]) + "а", true
	case n >= 4 && strings.HasSuffix(lf, "ом") && !isVowel(r[n-3]) && !strings.HasSuffix(lf, "ером"):
		return string(r[:n-2]), true
	}
	return "", false
}
