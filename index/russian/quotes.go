package russian

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index/russian/letter"
)

// SpeakerKind says who a quotation belongs to.
type SpeakerKind int

// Speaker kinds.
const (
	SpeakerNone         SpeakerKind = iota // no attribution found
	SpeakerPerson                          // a named person, a role or a pronoun that stands for one
	SpeakerOrganization                    // a ministry, press service, government, "в МИД"
	SpeakerDocument                        // "говорится в документе", "сказано в заявлении"
)

// String names the kind in English, for JSON.
func (k SpeakerKind) String() string {
	switch k {
	case SpeakerPerson:
		return "person"
	case SpeakerOrganization:
		return "organization"
	case SpeakerDocument:
		return "document"
	}
	return ""
}

// Quote is a direct quotation in a paragraph with whatever attribution the
// paragraph itself gives. Speaker is the phrase as written (a name in any
// case, a role such as "заместитель госсекретаря", or a pronoun); resolving
// it to a person is the caller's job.
type Quote struct {
	Inner   Span        // the quoted words, without the quote marks
	Text    string      // paragraph[Inner]
	Speaker string      // attribution phrase, as written
	Kind    SpeakerKind // what the speaker is
	Pronoun bool        // the speaker is "он"/"она"
	Role    bool        // the speaker is a role with no name
	At      int         // byte offset of the attribution (for "who was named before")
}

// minBareQuoteWords is how long an unattributed quotation must be to count
// as a quotation rather than a title or a term in quote marks.
const minBareQuoteWords = 6

// Quotes finds direct quotations in a paragraph and their attribution in
// the forms «…», – сказал X; X заявил: «…»; X подчеркнул, что «…»;
// по словам X, «…»; «…», – говорится в документе.
func Quotes(para string) []Quote {
	var out []Quote
	for _, sp := range quoteSpans(para) {
		q := Quote{Inner: sp, Text: strings.TrimSpace(para[sp.Start:sp.End])}
		closeEnd := sp.End
		if closeEnd < len(para) {
			_, n := utf8.DecodeRuneInString(para[closeEnd:])
			closeEnd += n
		}
		openStart := sp.Start
		if openStart > 0 {
			_, n := utf8.DecodeLastRuneInString(para[:openStart])
			openStart -= n
		}
		if !attributeAfter(para, closeEnd, &q) {
			attributeBefore(para, openStart, &q)
		}
		words := len(Words(q.Text))
		if q.Kind == SpeakerNone && words < minBareQuoteWords || words < 2 {
			continue // a title or a term in quote marks, not speech
		}
		out = append(out, q)
	}
	return out
}

// quoteSpans returns the inner spans of top-level quotations: «…» with
// nesting, and "…" pairs.
func quoteSpans(para string) []Span {
	var out []Span
	depth := 0
	start := -1
	ascii := false
	var prev rune = ' '
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		switch {
		case r == '«' || r == '„' || ((r == '"' || r == '“') && isOpeningPosition(prev) && !(ascii && depth > 0)):
			if depth == 0 {
				start = i + n
				ascii = r == '"' || r == '“'
			}
			depth++
		case (r == '»' || r == '"' || r == '“' || r == '”') && depth > 0:
			depth--
			if depth == 0 && start >= 0 {
				out = append(out, Span{start, i})
				start = -1
			}
		}
		prev = r
		i += n
	}
	return out
}

// attributeAfter reads "», – сказал X" after a closing quote mark.
func attributeAfter(para string, from int, q *Quote) bool {
	rest := para[from:]
	i := 0
	dash := false
	for i < len(rest) {
		r, n := utf8.DecodeRuneInString(rest[i:])
		if unicode.IsSpace(r) || r == ',' {
			i += n
			continue
		}
		if IsDash(r) {
			dash = true
			i += n
			continue
		}
		break
	}
	if !dash {
		return false
	}
	clause := rest[i:]
	if end := strings.IndexAny(clause, ".;!?«\"\n"); end >= 0 {
		clause = clause[:end]
	}
	words := Words(clause)
	// up to two adverbs or particles before the verb: "восторженно заявил", "также отметил"
	for k := 0; k < len(words) && k < 3; k++ {
		if plural, ok := IsSpeechVerb(words[k].Text); ok {
			q.At = from + i + words[k].Start
			return attribute(q, clause, words[k+1:], plural, words[k].Text)
		}
		if !letter.IsLower(firstRune(words[k].Text)) {
			break
		}
	}
	// "«…», – Песков заявил" / "– считает он"
	for k := 0; k < len(words) && k < 6; k++ {
		if plural, ok := IsSpeechVerb(words[k].Text); ok && k > 0 {
			q.At = from + i
			return attribute(q, clause, words[:k], plural, words[k].Text)
		}
	}
	return false
}

// attributeBefore reads "X заявил: «", "X подчеркнул, что «" or
// "по словам X, «" before an opening quote mark.
// maxLeadIn bounds, in bytes, the text before a quote searched for its speaker.
const maxLeadIn = 1500

func attributeBefore(para string, openAt int, q *Quote) {
	// the clause that leads into the quote: the last sentence before it,
	// looked for in a bounded window so a paragraph of many quotes and no
	// full stop stays linear
	from := max(0, openAt-maxLeadIn)
	for from > 0 && !utf8.RuneStart(para[from]) {
		from++
	}
	head := para[from:openAt]
	if sents := Sentences(head); len(sents) > 0 {
		head = head[sents[len(sents)-1].Start:]
	}
	if cut := strings.LastIndexAny(head, "»\""); cut >= 0 {
		head = head[cut+1:]
	}
	base := openAt - len(head)
	words := Words(head)
	if len(words) == 0 {
		return
	}
	// "по словам X, «…»" / "по мнению X"
	for k := 0; k+1 < len(words); k++ {
		if strings.EqualFold(words[k].Text, "по") && (strings.EqualFold(words[k+1].Text, "словам") || strings.EqualFold(words[k+1].Text, "мнению")) {
			q.At = base + words[k].Start
			attribute(q, head, words[k+2:], false, "")
			return
		}
	}
	for k := len(words) - 1; k >= 0 && k >= len(words)-8; k-- {
		plural, ok := IsSpeechVerb(words[k].Text)
		if !ok {
			continue
		}
		q.At = base + words[k].Start
		// inverted: "заявил Песков: «"
		if k+1 < len(words) && !IsConjunction(words[k+1].Text) {
			if attribute(q, head, words[k+1:], plural, words[k].Text) && q.Kind != SpeakerNone {
				return
			}
		}
		// subject before the verb: the run of words that ends at the verb
		from := k - 1
		for from >= 0 && k-from <= 8 && !IsConjunction(words[from].Text) && !strings.ContainsAny(head[words[from].End:words[from+1].Start], ",;:") {
			from--
		}
		attribute(q, head, words[from+1:k], plural, words[k].Text)
		return
	}
}

// attribute classifies a speaker phrase (the words after or before a speech
// verb) and stores it in q.
func attribute(q *Quote, clause string, words []Word, plural bool, verb string) bool {
	lv := letter.Lower(verb)
	// "говорится в документе", "отметили в МИД"
	if len(words) >= 2 && (strings.EqualFold(words[0].Text, "в") || strings.EqualFold(words[0].Text, "во")) {
		phrase := phraseOf(clause, words[1:], 4)
		if IsDocumentWord(words[1].Text) {
			q.Kind, q.Speaker = SpeakerDocument, phrase
		} else {
			q.Kind, q.Speaker = SpeakerOrganization, phrase
		}
		return true
	}
	if strings.HasPrefix(lv, "говорит") && strings.HasSuffix(lv, "ся") || strings.HasPrefix(lv, "сказано") {
		q.Kind, q.Speaker = SpeakerDocument, "документ"
		return true
	}
	// take the speaker phrase: roles, names, initials; stop at prepositions and other words
	var kept []Word
	for idx, w := range words {
		t := w.Text
		lt := letter.Lower(t)
		switch {
		case lt == "он" || lt == "она":
			if len(kept) == 0 {
				q.Kind, q.Speaker, q.Pronoun = SpeakerPerson, t, true
				return true
			}
		case IsCapitalized(t) || IsAllUpper(t) || isInitial(clause, w):
			kept = append(kept, w)
			continue
		case (IsRoleWord(t) || IsOrganizationWord(t)) && !hasCapitalized(kept):
			kept = append(kept, w) // roles come before the name, never after it
			continue
		case len(kept) > 0 && letter.IsLower(firstRune(t)) && !IsPreposition(lt) && idx > 0 && continuesRole(kept):
			kept = append(kept, w) // "министр иностранных дел"
			continue
		}
		if len(kept) > 0 || IsPreposition(lt) {
			break
		}
		if idx >= 1 {
			break
		}
	}
	// trim trailing lower-case words that are not roles
	for len(kept) > 0 {
		t := kept[len(kept)-1].Text
		if IsCapitalized(t) || IsAllUpper(t) || IsRoleWord(t) || IsOrganizationWord(t) || isInitial(clause, kept[len(kept)-1]) {
			break
		}
		kept = kept[:len(kept)-1]
	}
	if len(kept) == 0 {
		return false
	}
	phrase := clause[kept[0].Start:kept[len(kept)-1].End]
	q.Speaker = phrase
	hasName := false
	for _, w := range kept {
		if IsCapitalized(w.Text) && !IsRoleWord(w.Text) && !IsOrganizationWord(w.Text) {
			hasName = true
		}
	}
	switch {
	case hasName && !plural:
		q.Kind = SpeakerPerson
	case IsOrganizationWord(kept[0].Text) || plural:
		q.Kind = SpeakerOrganization
	case IsRoleWord(kept[0].Text):
		q.Kind, q.Role = SpeakerPerson, true
	default:
		q.Kind = SpeakerOrganization
	}
	return true
}

// continuesRole reports whether the kept words so far are a role phrase that
// a lower-case genitive may continue ("министр иностранных дел").
func continuesRole(kept []Word) bool {
	for _, w := range kept {
		if IsCapitalized(w.Text) && !IsRoleWord(w.Text) {
			return false
		}
	}
	return IsRoleWord(kept[0].Text) || IsOrganizationWord(kept[0].Text)
}

func hasCapitalized(ws []Word) bool {
	for _, w := range ws {
		if IsCapitalized(w.Text) && !IsRoleWord(w.Text) && !IsOrganizationWord(w.Text) {
			return true
		}
	}
	return false
}

func phraseOf(clause string, words []Word, max int) string {
	if len(words) > max {
		words = words[:max]
	}
	// stop at the first preposition after the head
	for i := 1; i < len(words); i++ {
		if IsPreposition(letter.Lower(words[i].Text)) {
			words = words[:i]
			break
		}
	}
	return clause[words[0].Start:words[len(words)-1].End]
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// speechStems are the beginnings of verbs that introduce direct speech.
var speechStems = []string{
	"сказа", "заяв", "отмети", "отмеча", "подчеркну", "подчеркива", "сообщи", "сообща",
	"призна", "добави", "добавля", "поясни", "поясня", "уточни", "уточня", "замети",
	"замеча", "указа", "указыва", "констатирова", "счита", "говори", "заверил", "заверя",
	"напомни", "напомина", "написа", "пише", "рассказа", "рассказыва", "ответи", "отвеча",
	"призва", "призыва", "объясни", "объясня", "резюмирова", "высказа", "подытожи",
	"пообеща", "обеща", "полага", "утвержда", "процитирова", "воскликну", "спроси",
	"предупреди", "предупрежда", "прокомментирова", "комментиру", "поделил", "выразил",
	"информиру", "передае", "переда", "пояснил", "настаива", "убежда", "твердил", "повтори",
	"акцентирова", "сформулирова", "цитиру", "назва", "называ",
}

// verbEndings are the finite or participle endings a speech verb carries.
var verbEndings = []string{
	"л", "ла", "ло", "ли", "лся", "лась", "лось", "лись", "ет", "ют", "ит", "ят",
	"ется", "ются", "ится", "ятся", "ано", "ено", "ает", "яет", "ует", "ал", "ил",
}

// IsSpeechVerb reports whether word is a finite speech verb ("сказал",
// "заявила", "отметили", "говорится") and whether it is plural.
func IsSpeechVerb(word string) (plural, ok bool) {
	w := FoldWord(word)
	if !letter.IsLower(firstRune(word)) {
		return false, false
	}
	stem := false
	for _, s := range speechStems {
		if strings.HasPrefix(w, s) {
			stem = true
			break
		}
	}
	if !stem {
		return false, false
	}
	for _, e := range verbEndings {
		if strings.HasSuffix(w, e) {
			return strings.HasSuffix(w, "ли") || strings.HasSuffix(w, "лись") || strings.HasSuffix(w, "ют") || strings.HasSuffix(w, "ят"), true
		}
	}
	return false, false
}

var conjunctions = setOf("и", "а", "но", "что", "чтобы", "как", "когда", "где", "который", "которая", "которые", "также", "ли", "же", "то", "если")

// IsConjunction reports whether w is a conjunction or particle that ends a
// subject phrase.
func IsConjunction(w string) bool { return conjunctions[letter.Lower(w)] }

var prepositions = setOf("в", "во", "на", "по", "для", "с", "со", "к", "ко", "о", "об", "от", "из", "у", "за", "при", "после", "перед", "до", "во", "между", "под", "над", "через", "журналистам", "агентству", "изданию", "газете", "телеканалу", "порталу", "корреспонденту", "репортерам", "также", "ранее", "в ходе", "во время", "накануне", "сегодня", "вчера")

// IsPreposition reports whether w (lower case) is a preposition or another
// word that ends a speaker phrase ("журналистам", "накануне").
func IsPreposition(w string) bool { return prepositions[w] }

var documentWords = []string{
	"документ", "заявлени", "сообщени", "релиз", "пресс-релиз", "коммюнике", "письм", "резолюци",
	"декларац", "стать", "доклад", "отчет", "обращени", "приказ", "указ", "закон", "постановлени",
	"протокол", "меморандум", "соглашени", "договор", "программ", "стратеги", "концепци",
	"посла", "тексте", "текст", "публикаци", "материал", "бюллетен", "справк", "ноте", "нот",
}

// IsDocumentWord reports whether w names a document ("документе", "заявлении").
func IsDocumentWord(w string) bool {
	f := FoldWord(w)
	for _, d := range documentWords {
		if strings.HasPrefix(f, d) {
			return true
		}
	}
	return false
}
