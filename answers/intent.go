package answers

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// intent is what kind of answer a question asks for, read from its
// question words: a date, a person, a number, a place or someone's words.
type intent struct {
	date, person, number, place, speech bool
}

// intentBoost multiplies the score of a sentence that has what the
// question asks for; questionPenalty the score of a sentence that is itself
// a question (an interviewer's line answers nothing).
const (
	intentBoost     = 1.5
	questionPenalty = 0.5
)

var (
	speechWords = wordSet(`сказал сказала сказали говорил говорила говорили заявил заявила заявили назвал назвала
назвали называет считает думает ответил ответила отметил отметила подчеркнул подчеркнула пообещал обещал
прокомментировал прокомментировала сообщил сообщила мнение словам`)
	dateRe   = regexp.MustCompile(`\d{1,2}(?:\s*[-–—]\s*\d{1,2})?\s+` + `(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)|(?:^|[^\d])(?:1[89]|20)\d{2}(?:[^\d]|$)|(?i:весной|летом|осенью|зимой|вчера|сегодня|завтра|накануне)`)
	numberRe = regexp.MustCompile(`\d`)
)

func readIntent(q string) intent {
	var in intent
	words := russian.Words(q)
	for i, w := range words {
		f := russian.FoldWord(w.Text)
		switch f {
		case "когда":
			in.date = true
		case "кто", "кого", "кому", "кем":
			in.person = true
		case "сколько":
			in.number = true
		case "где", "куда", "откуда":
			in.place = true
		case "каком", "какого", "какой":
			if i+1 < len(words) {
				switch russian.FoldWord(words[i+1].Text) {
				case "году", "года", "числа", "месяце", "дату", "день":
					in.date = true
				}
			}
		}
		if speechWords[f] {
			in.speech = true
		}
	}
	return in
}

// namePenalty multiplies the score of a sentence that matches none of the
// proper names the question asks about.
const namePenalty = 0.6

// questionNames returns the capitalised words of a question: the people
// and places it is about. The first word counts unless it is a question word.
func questionNames(q string) []string {
	var out []string
	for i, w := range russian.Words(q) {
		if !russian.IsCapitalized(w.Text) && !russian.IsAllUpper(w.Text) {
			continue
		}
		if i == 0 && (questionWords[russian.FoldWord(w.Text)] || len([]rune(w.Text)) < 3) {
			continue
		}
		out = append(out, w.Text)
	}
	return out
}

// yearBoost multiplies the score of a sentence from an article of a year
// the question names, or that names it itself.
const yearBoost = 1.5

var yearRe = regexp.MustCompile(`(?:^|[^\d])((?:1[89]|20)\d{2})(?:[^\d]|$)`)

// rerank applies the question's intent to the hits and re-sorts them.
func rerank(hits []index.Hit, q string, match func(string) bool, c *index.Corpus) {
	in := readIntent(q)
	names := questionNames(q)
	var years []string
	for _, m := range yearRe.FindAllStringSubmatch(q, -1) {
		years = append(years, m[1])
	}
	for i := range hits {
		a := c.Article(hits[i].Doc)
		s := a.Sentences[hits[i].Sentence]
		text := s.Text
		if isQuestion(text) {
			hits[i].Score *= questionPenalty
		}
		for _, n := range names { // each person or place the question names counts
			if !matchesAny(hits[i].Matched, []string{n}) {
				hits[i].Score *= namePenalty
			}
		}
		for _, y := range years {
			if strings.Contains(text, y) || strconv.Itoa(a.Published.Year) == y {
				hits[i].Score *= yearBoost
				break
			}
		}
		personQuote := s.Quote >= 0 && a.Quotes[s.Quote].Kind == russian.SpeakerPerson
		if in.speech && personQuote && speakerMatches(a.Quotes[s.Quote].Speaker, match) {
			hits[i].Score *= intentBoost
		}
		if in.speech && personQuote ||
			in.date && dateRe.MatchString(text) ||
			in.number && numberRe.MatchString(text) ||
			in.person && hasFullName(text) ||
			in.place && hasPlace(text) {
			hits[i].Score *= intentBoost
		}
	}
	for i := 1; i < len(hits); i++ { // insertion sort: stable and short lists
		for j := i; j > 0 && hits[j].Score > hits[j-1].Score; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
}

func isQuestion(s string) bool { return strings.HasSuffix(strings.TrimRight(s, " »\""), "?") }

func matchesAny(matched, names []string) bool {
	for _, m := range matched {
		for _, n := range names {
			if m == n {
				return true
			}
		}
	}
	return false
}

func speakerMatches(speaker string, match func(string) bool) bool {
	for _, w := range russian.Words(speaker) {
		if russian.IsCapitalized(w.Text) && match(w.Text) {
			return true
		}
	}
	return false
}

// hasFullName reports whether text has a first name or an initial followed
// by a word shaped like a surname, past its first word.
func hasFullName(text string) bool {
	words := russian.Words(text)
	for i := 1; i+1 < len(words); i++ {
		a, b := words[i], words[i+1]
		if !russian.IsCapitalized(b.Text) || !russian.LooksLikeSurname(b.Text) || strings.TrimSpace(text[a.End:b.Start]) != "" && text[a.End:b.Start] != ". " {
			continue
		}
		if russian.IsCapitalized(a.Text) || len([]rune(a.Text)) == 1 && russian.IsUpperStart(a.Text) {
			return true
		}
	}
	return false
}

var placePreps = wordSet("в во на из из-за до через")

// hasPlace reports whether text has a preposition followed by a capitalised word.
func hasPlace(text string) bool {
	words := russian.Words(text)
	for i := 0; i+1 < len(words); i++ {
		if placePreps[strings.ToLower(words[i].Text)] && (russian.IsCapitalized(words[i+1].Text) || russian.IsAllUpper(words[i+1].Text)) {
			return true
		}
	}
	return false
}

// anaphoric are sentence openings that point back to the sentence before
// ("Об этом сообщается…"), which the excerpt then needs.
var anaphoric = []string{"об этом", "это ", "этот ", "эта ", "эти ", "он ", "она ", "они ", "оно ", "при этом", "в нем", "в нём", "в ней", "в них", "там ", "тогда ", "поэтому", "по его словам", "по ее словам", "по её словам", "как отмечается", "как сообщается"}

func isAnaphoric(s string) bool {
	l := strings.ToLower(s)
	for _, a := range anaphoric {
		if strings.HasPrefix(l, a) {
			return true
		}
	}
	return false
}
