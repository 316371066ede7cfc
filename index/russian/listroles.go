package russian

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// shareListRoles gives a plural role that opens a list of names to every
// name of the list: «легендарные музыканты Юрий Царёв (проект «Метро»),
// Алексей Борисов», «пять экс-президентов: Альберто Фухимори (1990—2000
// годы), Алехандро Толедо». A singular role stays with the one name after
// it («министр Иванов и Петров»). Mentions come in sentence order.
func shareListRoles(s string, ms []NameMention) {
	shared := false // ms[k-1] took its role from the list's opening
	for k := 1; k < len(ms); k++ {
		prev, m := ms[k-1], &ms[k]
		ok := m.Role == "" && prev.Role != "" && prev.End <= m.Start && listGap(s[prev.End:m.Start]) &&
			(shared || roleOpens(s[:prev.Start], prev.Role)) && pluralRole(prev.Role)
		if ok {
			m.Role = prev.Role
		}
		shared = ok
	}
}

// listGap reports whether text between two names only separates items of
// a list: a comma, «и», «а также», after an optional parenthesis.
func listGap(gap string) bool {
	gap = strings.TrimSpace(gap)
	if strings.HasPrefix(gap, "(") {
		end := strings.LastIndex(gap, ")")
		if end < 0 || strings.ContainsAny(gap[:end], ".;!?") {
			return false
		}
		gap = strings.TrimSpace(gap[end+1:])
	}
	switch strings.Join(strings.Fields(letter.Lower(gap)), " ") {
	case ",", "и", ", и", "а также", ", а также":
		return true
	}
	return false
}

// roleOpens reports whether the text before a name ends with its role
// phrase (the role was read before the name, not after it).
func roleOpens(before, role string) bool {
	before = strings.TrimRightFunc(before, func(r rune) bool { return unicode.IsSpace(r) || r == ':' || IsDash(r) })
	return strings.HasSuffix(strings.TrimRight(before, " «»\"“”„"), strings.TrimRight(role, " «»\"“”„:"))
}

// pluralRole reports whether the head noun of a role phrase (its first
// noun of position) is plural: «музыканты», «писатели и критики»,
// «экс-президентов», «операторами». Forms that are also singular of a noun
// in -а («главы», «судьи») do not count.
func pluralRole(role string) bool {
	for _, w := range Words(role) {
		f := FoldWord(w.Text)
		if i := strings.LastIndex(f, "-"); i >= 0 {
			f = f[i+1:]
		}
		nom, ok := roleNouns[f]
		if !ok {
			continue
		}
		if f == nom {
			return false
		}
		if strings.HasSuffix(nom, "а") || strings.HasSuffix(nom, "я") {
			return hasEnding(f, "ами", "ями", "ам", "ям", "ах", "ях") // «главам»; «главы» may be one
		}
		return hasEnding(f, "ы", "и", "ов", "ев", "ей", "ами", "ями", "ам", "ям", "ах", "ях")
	}
	return false
}

// listPeople adds the lone capitalised words that stand as items of a
// list of lone surnames the tagger read, where the tagger left them out:
// «• 2:1 — 09:17 Куниц • 3:1 — 14:51 Бернс (Сен-Луи, Хитли)» (a sports
// report's scorers). An item stands alone between list marks or numbers;
// places, bodies, roles, common words and listed first names are no items.
// It needs two surnames of Russian shape in the sentence to vouch for the
// list; every lone name of such a list is Listed, whatever its shape
// («Бернс (Рой, Грин)»). It returns the mentions in sentence order.
func (n *Namer) listPeople(s string, ms []NameMention) []NameMention {
	shaped := 0
	for _, m := range ms {
		if m.Bare && m.Tagged && LooksLikeSurname(m.Surname) {
			shaped++
		}
	}
	if shaped < 2 {
		return ms
	}
	for k := range ms {
		ms[k].Listed = ms[k].Listed || ms[k].Bare && ms[k].Tagged
	}
	words := Words(s)
	var added []NameMention
	for k, w := range words {
		if !n.listItem(s, words, k) || slices.ContainsFunc(ms, func(m NameMention) bool { return m.Start < w.End && w.Start < m.End }) {
			continue
		}
		added = append(added, NameMention{Start: w.Start, End: w.End, Surname: w.Text, Bare: true, Tagged: true, Listed: true})
	}
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	slices.SortStableFunc(ms, func(a, b NameMention) int { return a.Start - b.Start })
	return ms
}

// listItem reports whether words[k] is a capitalised word standing alone
// as a list's item, and could be a surname.
func (n *Namer) listItem(s string, words []Word, k int) bool {
	w := words[k].Text
	if k == 0 || !IsCapitalized(w) || utf8.RuneCountInString(w) < 3 || !isCyrillic(firstRune(w)) || strings.ContainsFunc(w, unicode.IsDigit) ||
		n.notFirst(w) || IsPlace(w) || Month(w) != 0 || n.listedFirst(w) {
		return false
	}
	before := strings.TrimSpace(s[words[k-1].End:words[k].Start])
	left := before != "" && strings.ContainsRune("(,•;—–", lastRune(before)) ||
		before == "" && strings.IndexFunc(words[k-1].Text, unicode.IsLetter) < 0 // «09:17 Куниц»
	if !left {
		return false
	}
	after := ""
	if k+1 < len(words) {
		after = strings.TrimSpace(s[words[k].End:words[k+1].Start])
	} else {
		after = strings.TrimSpace(s[words[k].End:])
	}
	return after == "" && k+1 == len(words) || after != "" && strings.ContainsRune("()•,;—–.", firstRune(after))
}

// shareListCase marks the names of a list (Listed) and puts every one in
// the nominative when one of them surely is: names joined by commas and
// «и» share their case, so «Алан Гарсия (1985—1990), Ольянта Умала
// (2011—2016)» is Ольянта Умала, not the genitive of «Ольянт Умал». An unlisted first name read from an
// oblique case is then taken as written. Mentions come in sentence order.
func (n *Namer) shareListCase(s string, ms []NameMention) {
	for start := 0; start < len(ms); {
		end := start + 1
		for end < len(ms) && ms[end-1].End <= ms[end].Start && listGap(s[ms[end-1].End:ms[end].Start]) {
			end++
		}
		nominative := false
		for k := start; k < end; k++ {
			nominative = nominative || ms[k].NominativeSurname && !ms[k].Bare
			ms[k].Listed = ms[k].Listed || end-start > 1 && !ms[k].Bare // a lone name is Listed by listPeople alone
		}
		if nominative && end-start > 1 {
			for k := start; k < end; k++ {
				n.asNominative(s, &ms[k])
			}
		}
		start = end
	}
}

// asNominative marks m as named in the nominative; an unlisted first name
// read from an oblique case goes back to its written form.
func (n *Namer) asNominative(s string, m *NameMention) {
	if m.Bare || m.NominativeSurname {
		return
	}
	m.NominativeSurname = true
	ws := Words(s[m.Start:m.End])
	if m.First == "" || m.Initials != "" || len(ws) < 2 || ws[len(ws)-1].Text != m.Surname {
		return
	}
	written := ws[0].Text
	if !n.listedFirst(m.First) {
		m.First = written
		return
	}
	// «Марина Миронова и Оксана Тимофеева»: «Марина» read as the genitive
	// of Марин is the woman's nominative
	if fn, ok := n.LookupFirst(written); ok && fn.Gender == Female && m.Gender == Male {
		if _, oblique := n.maleOblique[FoldWord(written)]; oblique {
			m.First, m.Gender = fn.Nominative, Female
		}
	}
}
