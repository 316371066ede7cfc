package answers

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// question is a free-text message read once: every step of answering (the
// search, the rerank, the answerability decision, the excerpt) reads this
// value instead of splitting and folding the text again.
type question struct {
	text    string         // the message, cleaned (stress marks and invisible characters removed)
	words   []russian.Word // every word of text
	content []string       // the words that say what it is about (no question words), at most maxWords
	names   []string       // capitalised words and acronyms past a question word: people, places, bodies
	years   []int          // four-digit years it names
	within  []int          // years it sets as a filter: «в 2023 году», «за 2021 год»
	asks    intent         // what kind of answer it asks for
	counted string         // the noun a «сколько» question counts («Сколько стран…» → «стран»), folded
	about   string         // the name a «Кто такой X?» question asks about, or ""
}

// intent is what kind of answer a question asks for, read from its
// question words: a date, a person, a number, a place or someone's words.
type intent struct {
	date, person, number, place, speech bool
}

// any reports whether the question asks for a particular kind of answer.
func (in intent) any() bool { return in.date || in.person || in.number || in.place || in.speech }

// questionWords are words of asking, not of the topic: they never drive
// ranking ("Что Блинкен сказал о санкциях?" searches Блинкен, санкциях).
var questionWords = wordSet(`что чем чего чему кто кого кому кем ком когда где куда откуда какой какая какое
какие каких каким какими какую каком какова каково каков каковы как насколько назовите назови перечислите
перечисли опишите опиши объясните объясни сколько почему зачем отчего ли чей чья чье чьи
чьей чьим чьих который которая которое которые которых которым котором которой которого которому которую
которыми скажи скажите расскажи расскажите подскажи
подскажите покажи покажите найди найдите пожалуйста сказал сказала сказали говорил говорила говорили говорится
известно знаешь знаете можешь можете бот вопрос ответь ответьте есть было был была были будет будут это этот
эта эти об о про ну же хочу узнать интересно правда`)

// speechWords ask for someone's words ("Что сказал Блинкен?").
var speechWords = wordSet(`сказал сказала сказали говорил говорила говорили заявил заявила заявили назвал назвала
назвали называет считает думает ответил ответила отметил отметила подчеркнул подчеркнула пообещал обещал
прокомментировал прокомментировала сообщил сообщила мнение словам оценил оценила оценили`)

// dateNouns after «какой/каком/какого» ask for a date ("В каком году…").
var dateNouns = wordSet("году года год числа число месяце месяца дату день дня веке века десятилетии")

var yearRe = regexp.MustCompile(`(?:^|[^\d])((?:1[0-9]|20)\d{2})(?:[^\d]|$)`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// readQuestion reads a free-text message once.
func readQuestion(text string) question {
	q := question{text: russian.CleanText(text)}
	q.words = russian.Words(q.text)
	for i, w := range q.words {
		f := russian.FoldWord(w.Text)
		q.readIntent(f, i)
		if questionWords[f] {
			continue
		}
		if i > 0 && isCaseEnding(q.text, q.words[i-1], w) {
			continue
		}
		if len(q.content) < maxWords {
			q.content = append(q.content, w.Text)
		}
		if isName(w.Text) && (i > 0 || russian.IsAllUpper(w.Text)) { // a first word is capitalised anyway
			q.names = append(q.names, w.Text)
		}
	}
	q.counted = countedNoun(q.words)
	if m := aboutRe.FindStringSubmatch(q.text); m != nil {
		q.about = strings.TrimSpace(m[1])
	}
	for _, m := range yearRe.FindAllStringSubmatch(q.text, -1) {
		if y, err := strconv.Atoi(m[1]); err == nil {
			q.years = append(q.years, y)
		}
	}
	for _, m := range yearFilterRe.FindAllStringSubmatch(q.text, -1) {
		if y, err := strconv.Atoi(m[1]); err == nil {
			q.within = append(q.within, y)
		}
	}
	return q
}

// isCaseEnding reports whether w is the case ending of the number before
// it, «е» of «168-е», «х» of «1950-х»: alone it would match any such ending
// in the corpus.
func isCaseEnding(text string, before, w russian.Word) bool {
	return text[before.End:w.Start] == "-" && strings.Trim(before.Text, "0123456789") == "" &&
		len([]rune(w.Text)) <= 3 && !russian.IsUpperStart(w.Text)
}

// aboutRe is a question about who someone is: «Кто такой Песков?», «А кто
// такая Сара Сандерс», «Кто это — Тлеуберди?», «Кем является Кулубаев?».
var aboutRe = regexp.MustCompile(`^(?:[Аа]\s+|[Ии]\s+)?(?:[Кк]то\s+(?:так(?:ой|ая|ие)|это)|[Кк]ем\s+(?:является|являлся|являлась|был|была))[\s,—–-]+(\p{Lu}[\p{L}.\-]*(?:\s+\p{Lu}[\p{L}.\-]*)*)[\s?!.]*$`)

// yearFilterRe is a year as the time of what is asked: «в 2023 году», «за
// 2021 год», «в 2023-м», «с 2015 года» (a preposition, then a year word).
var yearFilterRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:в|во|за|с|до|после|к|на|от)\s+((?:1[89]|20)\d{2})(?:\s*(?:году|года|год|г\.)|-м\b)`)

// inPeriod reports whether sentence si of a may answer a question that sets
// years as a filter: its article is of such a year, or the sentence or a
// neighbour names one. An article with no known year is never ruled out.
func (q question) inPeriod(a *index.Article, si int) bool {
	if len(q.within) == 0 || a.Published.Year == 0 || slices.Contains(q.within, a.Published.Year) {
		return true
	}
	for k := max(0, si-1); k <= si+1 && k < len(a.Sentences); k++ {
		for _, y := range q.within {
			if strings.Contains(a.Sentences[k].Text, strconv.Itoa(y)) {
				return true
			}
		}
	}
	return false
}

// undated returns q without the years it names: what it asks about, at
// any time.
func (q question) undated() question {
	q.years, q.within = nil, nil
	return q
}

// readIntent notes what the i-th word (folded f) says the question asks for.
func (q *question) readIntent(f string, i int) {
	switch f {
	case "когда":
		if !q.askedBefore(i) { // «Что происходит, когда…» asks what, not when
			q.asks.date = true
		}
	case "кто", "кого", "кому", "кем", "чей", "чья", "чье", "чьи", "чьей", "чьим", "чьих":
		q.asks.person = true
	case "сколько":
		q.asks.number = true
	case "где", "куда", "откуда":
		q.asks.place = true
	case "каком", "какого", "какой", "какие", "какую", "какая", "какое":
		if i+1 < len(q.words) && dateNouns[russian.FoldWord(q.words[i+1].Text)] {
			q.asks.date = true
		}
	}
	if speechWords[f] {
		q.asks.speech = true
	}
}

// interrogatives are the words that open a question's clause.
var interrogatives = wordSet(`что чем чего чему кто кого кому кем ком где куда откуда как какой какая какое какие каких
каким какими какую каком каков какова каково каковы сколько почему зачем отчего насколько чей чья чье чьи чьей чьим
чьих`)

// askedBefore reports whether an interrogative stands before the i-th
// word: a «когда» after one opens a clause of time, not the question.
func (q *question) askedBefore(i int) bool {
	for _, w := range q.words[:i] {
		if interrogatives[russian.FoldWord(w.Text)] {
			return true
		}
	}
	return false
}

// countWords ask for a count of the noun after them: «Сколько стран…»,
// «Какое количество людей…»; countFillers may stand between («Сколько
// примерно предметов…»).
var (
	countWords   = wordSet("сколько количество число")
	countFillers = wordSet("примерно приблизительно всего же именно около")
	// countVerbs are verbs after «сколько» that the shape of LooksLikeVerb
	// misses: «Сколько стоит…», «Сколько весит…»
	countVerbs = wordSet("стоит стоят весит весят живет живут идет идут длится")
)

// adjectiveShaped reports whether a folded word after «сколько» qualifies
// the counted noun instead of being it: after «сколько» an adjective takes
// the genitive plural, -ых or -их («Сколько американских компаний…»).
func adjectiveShaped(f string) bool {
	return len([]rune(f)) > 4 && (strings.HasSuffix(f, "ых") || strings.HasSuffix(f, "их"))
}

// countedNoun returns the folded word a question counts, or "": the word
// after «сколько» (or «количество», «число»), past fillers and adjectives,
// when it is a lower-case word and not a verb («Сколько стоит…» counts
// nothing).
func countedNoun(words []russian.Word) string {
	for i, w := range words {
		if !countWords[russian.FoldWord(w.Text)] {
			continue
		}
		for _, n := range words[i+1:] {
			f := russian.FoldWord(n.Text)
			if countFillers[f] || adjectiveShaped(f) {
				continue
			}
			if russian.IsUpperStart(n.Text) || russian.LooksLikeVerb(n.Text) || countVerbs[f] || questionWords[f] || russian.IsNumeral(n.Text) {
				return ""
			}
			return f
		}
	}
	return ""
}

// isName reports whether w is written as a name: capitalised or an acronym.
func isName(w string) bool {
	return russian.IsCapitalized(w) || russian.IsAllUpper(w) && len([]rune(w)) >= 2
}
