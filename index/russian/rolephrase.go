package russian

// Role phrases around a name («министр иностранных дел Японии», «…,
// музыкальный журналист») and their nominative.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// roleAfter reads a role in apposition after a name: "Алексей Миллер,
// глава «Газпрома»," or "Джоэл Саймон (руководитель Комитета)".
func (n *Namer) roleAfter(s string, words []Word, at int) string {
	at = skipOriginal(s, words, at)
	if at+1 >= len(words) {
		return ""
	}
	gap := strings.TrimSpace(strings.TrimPrefix(s[words[at].End:words[at+1].Start], ")"))
	if gap != "," && gap != "(" && gap != "–" && gap != "—" && gap != "-" && gap != ", –" && gap != ", -" {
		return ""
	}
	first := words[at+1].Text
	if !n.roleWord(first) || !letter.IsLower(firstRune(first)) || pluralRole(first) {
		return "" // «Хлопонин, представители Госдумы»: a plural is others, not him
	}
	end := words[at+1].End
	for k := at + 2; k < len(words) && k <= at+8; k++ {
		g := s[words[k-1].End:words[k].Start]
		if strings.ContainsAny(g, ",.;:()!?") {
			break
		}
		if _, ok := IsSpeechVerb(words[k].Text); ok || looksVerb(letter.Lower(words[k].Text)) {
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

// roleStops end a role phrase when walking back from a name.
var roleStops = setOf("и", "а", "но", "с", "со", "в", "во", "на", "к", "о", "об", "от", "для", "при", "у", "из",
	"за", "между", "после", "перед", "через", "что", "как", "также", "или", "который", "которая", "где")

// roleBefore returns the role phrase that ends right before words[at]:
// "Госсекретарь США" before "Энтони Блинкен", "министра иностранных дел"
// before "Мухтара Тлеуберди". It is "" when no role word precedes.
func (n *Namer) roleBefore(s string, words []Word, at int) string {
	if Eponym(s, words[at].Start) {
		return "" // «глава ассоциации имени Людвига ван Бетховена» is not Бетховен's role
	}
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
		if gap == "." && !(len([]rune(words[k].Text)) <= 3 && letter.IsUpper(firstRune(words[k].Text))) {
			break
		}
		t := words[k].Text
		lt := letter.Lower(t)
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
	w := letter.Lower(words[k].Text) // ё kept: «режиссёр»
	if !letter.IsLower(firstRune(words[k].Text)) || utf8.RuneCountInString(w) < 5 || looksAdjective(w) || looksVerb(w) {
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
		letter.IsLower(firstRune(words[left-1].Text)) {
		left--
	}
	return left
}

// looksVerb reports whether a lower-case word is shaped like a finite verb
// or an infinitive ("заявил", "посетила", "обсуждает", "встретиться").
func looksVerb(w string) bool {
	return !IsRoleWord(w) && len([]rune(w)) >= 4 && letter.IsLower(firstRune(w)) && verbShaped(w)
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

// functionForms are case forms of role nouns that are, far more often,
// function words: «после» (посол's prepositional case) is «after».
var functionForms = setOf("после")

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
			if _, ok := t[f]; !ok && !functionForms[f] {
				t[f] = n
			}
		}
	}
	return t
}

// PersonRole is the role a person takes from the phrase before or after
// their name: without another person's first name or particle it was cut
// from («дизайнер Игорь» of «дизайнер Игорь Чапурин и Ляйсан Утяшева»,
// «премьер Доминика де»), in the nominative, tidied (WellFormedRole); ""
// when none is left.
func (n *Namer) PersonRole(phrase string) string {
	words := Words(phrase)
	cut := len(words)
	for cut > 0 && (IsParticle(words[cut-1].Text) || IsCapitalized(words[cut-1].Text) && n.listedFirst(words[cut-1].Text) &&
		!strings.HasSuffix(strings.TrimSpace(phrase[:words[cut-1].Start]), "«")) { // «Алиса» is a band
		cut--
	}
	switch {
	case cut == 0:
		return ""
	case cut < len(words):
		phrase = phrase[:words[cut-1].End]
	}
	places := 0
	for _, w := range words[:cut] {
		if IsPlace(w.Text) {
			places++
		}
	}
	if places == cut { // «Франции» alone is no role
		return ""
	}
	return WellFormedRole(n.RoleNominative(phrase))
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
		lower := letter.Lower(t)
		if nom, ok := roleNouns[FoldWord(t)]; ok {
			nom = keepYo(lower, nom)
			if idx > 0 && !IsAllUpper(t) && letter.IsUpper(firstRune(t)) {
				nom = string(unicode.ToUpper(firstRune(nom))) + string([]rune(nom)[1:])
			}
			b.WriteString(nom)
			done = true
			continue
		}
		switch {
		case looksAdjective(t) && idx < len(words)-1: // the last word is the head noun: «стал пианистом»
			t = keepYo(lower, adjectiveNominative(lower))
		case letter.IsLower(firstRune(t)) || idx == 0 && !IsAllUpper(t):
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

// skipOriginal steps over a name's original in parentheses followed by a
// comma («Томас Шефер (Thomas Schäfer), министр финансов»): it returns the
// last word inside them, so the role after the comma is read as the name's.
// Otherwise it returns at.
func skipOriginal(s string, words []Word, at int) int {
	rest := s[words[at].End:]
	g := latinAfter.FindStringIndex(rest)
	if g == nil || !strings.HasPrefix(strings.TrimSpace(rest[g[1]:]), ",") {
		return at
	}
	end := words[at].End + g[1] - 1 // the closing parenthesis
	k := at
	for k+1 < len(words) && words[k+1].End <= end {
		k++
	}
	return k
}

// copulas link a name to the role it took or holds: «Иванов стал
// руководителем Минэкономразвития», «Петрова была избрана главой».
var copulas = setOf("стал", "стала", "был", "была", "является", "являлся", "являлась", "назначен", "назначена",
	"избран", "избрана", "остается", "остаётся", "остался", "осталась", "работает", "работал", "работала")

// rolePredicate reads a role given as a predicate right after a name: a
// copula («стал», «был назначен»), then a role noun and its complement up
// to the next punctuation or verb. It returns "" when there is none.
func (n *Namer) rolePredicate(s string, words []Word, at int) string {
	next := func(k int) bool { // words[k] follows words[k-1] with only spaces between
		return k < len(words) && strings.TrimSpace(s[words[k-1].End:words[k].Start]) == ""
	}
	k := at + 1
	for k <= at+3 && next(k) && copulas[letter.Lower(words[k].Text)] {
		k++
	}
	if k == at+1 || !next(k) {
		return ""
	}
	if next(k+1) && strings.EqualFold(words[k].Text, "на") && postWords[letter.Lower(words[k+1].Text)] {
		k += 2 // «назначен на пост министра финансов»
		if !next(k) {
			return ""
		}
	}
	first := words[k].Text
	if !n.roleWord(first) || !letter.IsLower(firstRune(first)) || pluralRole(first) || looksAdjective(first) && !IsRoleNoun(first) {
		return ""
	}
	end := words[k].End
	for j := k + 1; j < len(words) && j <= k+6; j++ {
		t := letter.Lower(words[j].Text)
		if strings.ContainsAny(s[words[j-1].End:words[j].Start], ",.;:()!?«»\"") || predicateStops[t] ||
			unicode.IsDigit(firstRune(t)) || Month(t) != 0 {
			break // «тренером Спартака с 10 июня»
		}
		if _, ok := IsSpeechVerb(words[j].Text); ok || looksVerb(t) {
			break
		}
		if letter.IsLower(firstRune(t)) && !n.roleWord(t) && hasEnding(t, "ом", "ем", "ым", "им", "ами", "ями") {
			break // an instrumental adjunct: «главой ЦРУ подавляющим большинством»
		}
		end = words[j].End
	}
	return strings.TrimSpace(s[words[k].Start:end])
}

// postWords name a position itself: «на пост министра», «на должность главы».
var postWords = setOf("пост", "должность")

// predicateStops end a predicate role: what follows them is when or how,
// not the role («с 2015 года», «после выборов»).
var predicateStops = setOf("с", "со", "до", "после", "на", "за", "из", "и", "а", "но", "когда", "который", "которая", "что")
