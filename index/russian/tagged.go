package russian

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
	"github.com/corpusbot/corpusbot/index/russian/tagger"
)

// taggedMentions finds names with the trained tagger and reads each one
// with the rules: which word is the first name, the surname, the initials,
// and the role phrase around it. Names that the rules find and the tagger
// missed are kept when something vouches for them (missedMentions).
func (n *Namer) taggedMentions(s string) []NameMention {
	toks, words := Tokens(s)
	if len(words) == 0 {
		return nil
	}
	labels := n.Tagger.Tag(toks, n.Lexicon())
	isInit := func(k int) bool { return isInitial(s, words[k]) }
	var out []NameMention
	covered := make([]bool, len(words))
	spans := tagger.Spans(labels)
	for _, sp := range personSpans(s, words, spans) {
		i, j := n.nameWords(s, words, n.completeSpan(s, words, sp), isInit)
		if i > j || !n.plausible(s, words, i, j, isInit) || quoted(s, words[i].Start, words[j].End) { // «Марш Голунова»: a title
			continue
		}
		for k := i; k <= j; k++ {
			covered[k] = true
		}
		var ms []NameMention
		for _, m := range n.inRun(s, words, i, j, isInit, true) {
			if _, listed := n.LookupFirst(m.First); listed || !IsPlace(m.Surname) { // "Нетаньяху Иерусалим", but "Иоанн Грозный"
				ms = append(ms, m)
			}
		}
		if role := taggedRole(s, words, spans, i, j); role != "" && len(ms) > 0 && ms[0].Start == words[i].Start && ms[0].Role == "" {
			ms[0].Role = role
		}
		out = append(out, ms...)
	}
	return append(out, n.missedMentions(s, words, covered)...)
}

// nameWords returns the words of a tagged span that are the person's name:
// without a relative's or a body's name before it, as many words as its
// Latin original has, with an initial the tagger left out, from its first
// capitalised word.
func (n *Namer) nameWords(s string, words []Word, sp tagger.Span, isInit func(int) bool) (i, j int) {
	i, j = sp.Start, sp.End-1
	if i > 0 && j-i >= 2 && IsKinship(words[i-1].Text) && s[words[i-1].End:words[i].Start] == " " && n.namedAfter(words, i, j) {
		i++ // «вдова Ельцина Наина Иосифовна»: the relative's surname is not her name
	}
	if i > 0 && afterKindNoun(s, words[i].Start, namingStems) {
		// «клуба Тоттенхэм Хотспур Ледли Кинг»: the club's name, then the person's
		for j-i >= 2 && !n.listedFirst(words[i].Text) && !IsPatronymic(words[i+1].Text) {
			i++
		}
	}
	if k := originalWords(s, words[j].End); k >= 2 && j-i+1 > k && isCyrillic(firstRune(words[j].Text)) {
		i = j - k + 1 // «Ассошиэйтед Пресс Билал Хассеин (Bilal Hussein)»: the original counts the name's words
	}
	for i > 0 && isInit(i-1) { // "Б. Обама": the tagger may leave the initial out
		i--
	}
	for i <= j && !IsCapitalized(words[i].Text) && !isInit(i) && !hasNameParticle(words[i].Text) && !IsParticle(words[i].Text) {
		i++ // "миссис Обама"
	}
	return i, j
}

// missedMentions returns the names the rules find outside every tagged
// name (covered) when something vouches for them: a listed first name,
// initials, or a surname's shape.
func (n *Namer) missedMentions(s string, words []Word, covered []bool) []NameMention {
	missed := false
	lex := n.Lexicon()
	for k, w := range words {
		missed = missed || !covered[k] && lex.Classes(w.Text)&tagger.FirstName != 0 ||
			k > 0 && !covered[k] && !covered[k-1] && IsCapitalized(words[k-1].Text) && ovSurname(w.Text)
	}
	if !missed {
		return nil
	}
	var out []NameMention
	for _, m := range n.ruleMentions(s) {
		if _, known := n.LookupFirst(m.First); m.Bare || !known && m.Initials == "" && !n.vouchedBySurname(s, m) {
			continue
		}
		overlap := false
		for k, w := range words {
			overlap = overlap || covered[k] && w.Start < m.End && w.End > m.Start
		}
		if !overlap {
			out = append(out, m)
		}
	}
	return out
}

// plausible keeps tagged spans that can be a name at all: capitalised or
// initials, no month, no all-capital acronym alone, no first half of a
// compound cut at a hyphen («Средне- и Западноевропейский»).
func (n *Namer) plausible(s string, words []Word, i, j int, isInit func(int) bool) bool {
	for k := i; k <= j; k++ {
		t := words[k].Text
		if strings.HasPrefix(s[words[k].End:], "- ") {
			return false
		}
		if Month(t) != 0 || !IsCapitalized(t) && !isInit(k) && !IsParticle(t) && !hasNameParticle(t) {
			return false
		}
	}
	return true
}

// roleHead returns where the role phrase of spans[k] starts: the tagger
// may split one phrase in two at a preposition («полпреда президента РФ |
// в | округе»); the earlier part joins when only lower-case words without a
// verb stand between.
func roleHead(s string, words []Word, spans []tagger.Span, k int) int {
	start := spans[k].Start
	for k > 0 && !spans[k-1].Person && start-spans[k-1].End <= maxRoleGap {
		for w := spans[k-1].End; w <= start; w++ {
			gap := strings.TrimSpace(s[words[w-1].End:words[w].Start])
			if gap != "" && gap != "«" && gap != "»" {
				return start
			}
			if t := words[w].Text; w < start && (!letter.IsLower(firstRune(t)) || looksVerb(t)) {
				return start
			}
		}
		k--
		start = spans[k].Start
	}
	return start
}

// maxRoleGap is how many words may stand between two parts of a role.
const maxRoleGap = 3

// taggedRole returns the role phrase the tagger marked right before the name
// words[i..j] ("пианист Денис Мацуев", "Министр промышленности и
// строительства Казахстана Ерлан Жумабаев") or in apposition after it
// ("Марсель Андерс, музыкальный журналист"), "" when there is none or the
// name is one a body is named after («МГУ имени М. В. Ломоносова»).
func taggedRole(s string, words []Word, spans []tagger.Span, i, j int) string {
	if Eponym(s, words[i].Start) {
		return ""
	}
	// the role span ends right before i or starts right after j
	k := sort.Search(len(spans), func(k int) bool { return spans[k].End >= i })
	for ; k < len(spans) && spans[k].Start <= j+1; k++ {
		r := spans[k]
		if r.Person {
			continue
		}
		gap := ""
		switch {
		case r.End == i:
			gap = strings.Trim(s[words[r.End-1].End:words[i].Start], " \u00a0«»\"“”„")
		case r.Start == j+1:
			gap = strings.Trim(s[words[j].End:words[r.Start].Start], " \u00a0")
			if gap != "," && gap != "(" && !(gap != "" && IsDash([]rune(gap)[0]) && len([]rune(gap)) == 1) {
				continue
			}
			gap = ""
		default:
			continue
		}
		if gap != "" {
			continue
		}
		start := r.Start
		if r.End == i {
			start = roleHead(s, words, spans, k)
		}
		phrase := strings.TrimRight(s[words[start].Start:words[r.End-1].End], "«»\"“” ")
		if IsRoleWord(Words(phrase)[0].Text) || letter.IsLower(firstRune(phrase)) || r.End == i {
			return phrase
		}
	}
	return ""
}

// personSpans returns the tagger's person spans, joining spans that touch
// across a bare space ("Екатерина" "Аталык Половникова"): inRun splits a
// run that really holds two people by their first names.
func personSpans(s string, words []Word, spans []tagger.Span) []tagger.Span {
	var out []tagger.Span
	for _, sp := range spans {
		if !sp.Person {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].End == sp.Start && s[words[sp.Start-1].End:words[sp.Start].Start] == " " {
			out[k].End = sp.End
			continue
		}
		// «Людвига ван Бетховена»: the tagger may leave the particle out
		if k := len(out) - 1; k >= 0 && out[k].End+1 == sp.Start && IsParticle(words[out[k].End].Text) &&
			s[words[out[k].End-1].End:words[out[k].End].Start] == " " && s[words[out[k].End].End:words[sp.Start].Start] == " " {
			out[k].End = sp.End
			continue
		}
		out = append(out, sp)
	}
	return out
}

// lowerPart reports a hyphenated word with a lower-case part
// («Пресс-агент», «Задачей-минимум»): a common compound, not a name.
func lowerPart(w string) bool {
	for _, p := range strings.Split(w, "-")[1:] {
		if p != "" && letter.IsLower(firstRune(p)) {
			return true
		}
	}
	return false
}

// completeSpan repairs a one-word person span the tagger cut short: the
// capitalised word right beside it joins when nothing marks it as anything
// but a name («Зденко | Кожул», «Абдолреза | Аббассиан»). Not at a
// sentence's start, where any word is capitalised, nor in Latin script.
func (n *Namer) completeSpan(s string, words []Word, sp tagger.Span) tagger.Span {
	if sp.End-sp.Start != 1 || IsPatronymic(words[sp.Start].Text) {
		return sp
	}
	at := sp.Start
	joins := func(k int) bool {
		if k < 0 || k >= len(words) {
			return false
		}
		lo, hi := min(k, at), max(k, at)
		if s[words[lo].End:words[hi].Start] != " " || !sameScript(words[k].Text, words[at].Text) {
			return false
		}
		if lo == 0 {
			return false
		}
		if before := s[words[lo-1].End:words[lo].Start]; strings.ContainsAny(before, "«\"“„(") ||
			IsCapitalized(words[lo-1].Text) && looksAdjective(words[lo-1].Text) {
			return false // «Пиры Валтасара…» opens a title; «Саудовской Аравии» is a place
		}
		t := words[k].Text
		return IsCapitalized(t) && !IsAllUpper(t) && isCyrillic(firstRune(t)) && Month(t) == 0 && !n.notFirst(t) &&
			!IsParticle(t) && !IsPatronymic(t) && !looksAdjective(t) && !lowerPart(t) && !quoted(s, words[lo].Start, words[hi].End)
	}
	switch {
	case joins(at + 1):
		sp.End++
	case joins(at - 1):
		sp.Start--
	}
	return sp
}

// namedAfter reports whether words[i+1..j] hold a name of their own: a
// listed first name, or a first name and a patronymic.
func (n *Namer) namedAfter(words []Word, i, j int) bool {
	_, listed := n.LookupFirst(words[i+1].Text)
	return listed || IsPatronymic(words[j].Text) && j == i+2
}

// ovSurname reports a surname of the commonest Russian shape, -ов, -ев,
// -ин, -ын in any case («Мамедьяров», «Укурова»): beside a capitalised
// word the tagger left out, it vouches for a name.
func ovSurname(w string) bool {
	k := NameKey(w)
	return LooksLikeSurname(w) && utf8.RuneCountInString(k) >= 5 && hasEnding(k, "ов", "ев", "ин", "ын")
}

// vouchedBySurname reports a name with an unlisted first name that the
// surname's shape vouches for: -ов, -ин, not a place the corpus names with
// a preposition («На Сахалине»), not after a kind of place («города Пуэрто
// Мадрин»), and a first name longer than a preposition.
func (n *Namer) vouchedBySurname(s string, m NameMention) bool {
	return ovSurname(m.Surname) && !n.Located(m.Surname) && !IsPlace(m.Surname) &&
		utf8.RuneCountInString(m.First) > 2 && !afterKindNoun(s, m.Start, kindStems)
}

// kindStems are nouns of a kind of place or organisation; the capitalised
// word right after one is that place's or body's name («города Пуэрто
// Мадрин», «земли Гессен», «клуба Тоттенхэм Хотспур»), not a first name.
var kindStems = []string{"город", "сел", "деревн", "поселк", "станиц", "порт", "провинци", "штат", "район", "улиц",
	"проспект", "площад", "остров", "рек", "озер", "станци", "аэропорт", "земл", "клуб", "команд", "компани",
	"агентств", "газет", "журнал", "телеканал", "театр", "университет", "издани", "корпораци", "концерн"}

// namingStems are the kinds that seldom stand alone for a body named
// before: after «земли», «клуба», «агентства» a name follows, while «мэр
// города», «губернатора штата», «района» often end the role and the
// person's name comes next («штата Кэтлин Кеннеди Таунсенд»).
var namingStems = []string{"земл", "клуб", "агентств", "газет", "журнал", "телеканал", "театр", "издани", "корпораци", "концерн"}

// afterKindNoun reports whether the word right before s[at:] is one of
// stems, with one space between.
func afterKindNoun(s string, at int, stems []string) bool {
	ws := Words(s[:at])
	if len(ws) == 0 || s[ws[len(ws)-1].End:at] != " " {
		return false
	}
	return matchesStem(FoldWord(ws[len(ws)-1].Text), stems)
}

// listedFirst reports a first name the built-in list holds.
func (n *Namer) listedFirst(w string) bool {
	_, ok := n.LookupFirst(w)
	return ok
}

// originalWords counts the words of a Latin original in parentheses right
// after s[:at], initials aside («(Bilal Hussein)» and «(James B. Comey)»
// are 2, «(Kim Jong-un)» 3: a hyphen joins what Russian may write as two
// words); 0 when there is none.
func originalWords(s string, at int) int {
	rest := strings.TrimLeft(s[at:], " ")
	if !strings.HasPrefix(rest, "(") {
		return 0
	}
	inner, _, ok := strings.Cut(rest[1:], ")")
	if !ok {
		return 0
	}
	k := 0
	for _, w := range strings.Fields(inner) {
		if utf8.RuneCountInString(strings.TrimSuffix(w, ".")) == 1 {
			continue // an initial the Russian leaves out: «Джеймс Коми (James B. Comey)»
		}
		for _, part := range strings.Split(w, "-") {
			if part == "" || !unicode.Is(unicode.Latin, firstRune(part)) {
				return 0
			}
			k++
		}
	}
	return k
}
