package answers

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/corpusbot/corpusbot/index"
	"github.com/corpusbot/corpusbot/index/russian"
)

// Rerank weights. intentBoost multiplies the score of a sentence that has
// what the question asks for (half of it when only a neighbour has it);
// questionPenalty the score of a sentence that is itself a question (an
// interviewer's line answers nothing); namePenalty the score of a sentence
// whose window misses a name the question asks about; yearBoost the score of
// a sentence from an article of a year the question names, or naming it.
const (
	intentBoost     = 1.5
	questionPenalty = 0.5
	captionPenalty  = 0.5 // a caption line (isCaption), as much as an interviewer's line
	namePenalty     = 0.6
	yearBoost       = 1.5
	// phraseBoost multiplies the score of a sentence by up to 2 when each
	// pair of adjacent question words stands together in it (proximity).
	phraseBoost = 1.0
)

// The evidence the rerank weighs, one factor each: the score is
// multiplied by exp(rerankWeights · factors). Each is a count or a log, so
// that a weight is the log of the multiplier the factor's unit brings.
const (
	fWindow      = iota // log(0.5 + window coverage)
	fPhrases            // log(1 + phraseBoost × phrases): question words standing together
	fQuestion           // the sentence is itself a question
	fMissedNames        // names of the question its window misses
	fYear               // its article is of a year the question names, or it names one
	fSpeaker            // a question about words: a quote by the person it names
	fCounts             // a question that counts: the number and what it counts («девяти стран»)
	fAnswerType         // the sentence has what the question asks for
	fAnswerNear         // only a neighbour in its paragraph has it
	fCaption            // a line of a few words without a full stop: a photo caption, a credit, a heading
	nFactors
)

// rerankWeights are the logs of the multipliers above, in factor order.
var rerankWeights = [nFactors]float64{
	1, 1, math.Log(questionPenalty), math.Log(namePenalty), math.Log(yearBoost),
	math.Log(intentBoost), math.Log(intentBoost), math.Log(intentBoost), math.Log((1 + intentBoost) / 2),
	math.Log(captionPenalty),
}

// rerank applies the question's intent to the hits and re-sorts them.
func (s *Service) rerank(hits []index.Hit, terms []index.Term, q question, match func(string) bool, c *index.Corpus) {
	for i := range hits {
		x := s.factors(hits[i], terms, q, match, c)
		var z float64
		for k, w := range rerankWeights {
			z += w * x[k]
		}
		hits[i].Score *= math.Exp(z)
	}
	for i := 1; i < len(hits); i++ { // insertion sort: stable and short lists
		for j := i; j > 0 && hits[j].Score > hits[j-1].Score; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
}

// factors reads the rerank's evidence for h.
func (s *Service) factors(h index.Hit, terms []index.Term, q question, match func(string) bool, c *index.Corpus) [nFactors]float64 {
	var x [nFactors]float64
	a := c.Article(h.Doc)
	sent := a.Sentences[h.Sentence]
	x[fWindow] = math.Log(0.5 + h.Window)
	x[fPhrases] = math.Log(1 + phraseBoost*h.Phrases)
	x[fQuestion] = one(isQuestion(sent.Text))
	x[fCaption] = one(isCaption(a, h.Sentence))
	x[fMissedNames] = float64(missedNames(q, terms, h)) // each person or place the question names counts
	x[fYear] = one(slices.ContainsFunc(q.years, func(y int) bool {
		return a.Published.Year == y || strings.Contains(sent.Text, strconv.Itoa(y))
	}))
	attributed := sent.Quote >= 0 && a.Quotes[sent.Quote].Kind != russian.SpeakerNone
	x[fSpeaker] = one(q.asks.speech && attributed && speakerMatches(a.Quotes[sent.Quote].Speaker, match))
	x[fCounts] = one(q.counted != "" && countsNoun(sent.Text, q.counted))
	if q.asks.any() {
		switch {
		case s.hasAnswerType(q.asks, a, h.Sentence):
			x[fAnswerType] = 1
		case s.answerTypeNear(q.asks, a, h.Sentence) >= 0:
			x[fAnswerNear] = 1
		}
	}
	return x
}

// one is 1 for true and 0 for false.
func one(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// hasAnswerType reports whether sentence si of a holds the kind of answer
// the question asks for.
func (s *Service) hasAnswerType(in intent, a *index.Article, si int) bool {
	sent := a.Sentences[si]
	text := sent.Text
	return in.speech && sent.Quote >= 0 && a.Quotes[sent.Quote].Kind != russian.SpeakerNone ||
		in.date && s.hasDate(text) ||
		in.number && s.hasCount(text) ||
		in.person && hasFullName(text) ||
		in.place && hasPlace(text)
}

// answerTypeNear returns the neighbour of sentence si in its paragraph (in
// the order of neighbours) that holds the kind of answer asked for, or -1.
// Callers ask it only when si itself lacks it.
func (s *Service) answerTypeNear(in intent, a *index.Article, si int) int {
	if !in.any() {
		return -1
	}
	for _, nb := range neighbours(a, si) {
		if nb >= 0 && nb < len(a.Sentences) && a.Sentences[nb].Para == a.Sentences[si].Para && s.hasAnswerType(in, a, nb) {
			return nb
		}
	}
	return -1
}

// neighbours are the sentences beside si in the order an excerpt prefers
// them: the next one, where an answer most often continues, unless si
// names its subject by a pronoun («Он также…», «В 2005 году он был…»):
// then the one before, which says who it is. («Это привело к…» points back to an event, and the
// answer still most often follows.)
func neighbours(a *index.Article, si int) [2]int {
	if si > 0 && russian.PronounSubject(a.Sentences[si].Text) {
		return [2]int{si - 1, si + 1}
	}
	return [2]int{si + 1, si - 1}
}

// hasDate reports whether text holds a date expression or a year.
func (s *Service) hasDate(text string) bool {
	return yearRe.MatchString(text) || len(s.dates.Find(text)) > 0
}

// hasCount reports whether text holds a number that can answer «сколько»:
// a number word, or digits that are not part of a date («28 февраля», «в
// 2015 году»), a time, a name («COVID-19», «G20», «С5+1») or a «№».
func (s *Service) hasCount(text string) bool {
	for _, w := range russian.Words(text) {
		if russian.IsNumeral(w.Text) || russian.IsMultiplicative(w.Text) { // «трижды» counts times
			return true
		}
	}
	if !strings.ContainsAny(text, "0123456789") {
		return false
	}
	dates := s.dates.Find(text)
	for _, m := range digitsRe.FindAllStringIndex(text, -1) {
		if standsAlone(text, m[0], m[1]) && !slices.ContainsFunc(dates, func(d russian.DateExpr) bool { return m[0] >= d.Start && m[0] < d.End }) {
			return true
		}
	}
	return false
}

var digitsRe = regexp.MustCompile(`\d[\d.,]*`)

// standsAlone reports whether the digits text[start:end] are a number of
// their own: not glued to a letter or a sign before («COVID-19», «С5+1»,
// «G20») or to a letter after, not after «№», not part of a time («23:48»).
func standsAlone(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	glued := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("+-:", r) }
	return !glued(before) && !glued(after) && !strings.HasSuffix(strings.TrimRight(text[:start], " "), "№")
}

// countsNoun reports whether text puts a number right before a word of the
// counted noun's stem (its first five letters; a shorter noun whole):
// «500 компаний», «девяти стран», «2 000 гостей», «более 14 000 предметов».
func countsNoun(text, counted string) bool {
	stem := foldPrefix(counted)
	words := russian.Words(text)
	for i, w := range words {
		if by := countedBy[counted]; by != nil && by(w.Text) {
			return true
		}
		if !strings.HasPrefix(russian.FoldWord(w.Text), stem) {
			continue
		}
		for k := max(0, i-2); k < i; k++ {
			if strings.ContainsAny(words[k].Text, "0123456789") || russian.IsNumeral(words[k].Text) {
				return true
			}
		}
	}
	return false
}

// countedBy are the nouns a single word counts: «дважды» is two times,
// «72-летний» is 72 years.
var countedBy = map[string]func(string) bool{"раз": russian.IsMultiplicative, "лет": russian.IsYearsOld}

// captionWords is the most words a caption line has.
const captionWords = 12

// isCaption reports whether sentence si of a is a line of its own of at
// most captionWords words that does not end as a sentence does: a photo
// caption («Ар Келли, 2007 год»), a credit («Фото: Reuters») or a heading.
// It names what the article is about and answers nothing.
func isCaption(a *index.Article, si int) bool {
	sent := a.Sentences[si]
	if si > 0 && a.Sentences[si-1].Para == sent.Para || si+1 < len(a.Sentences) && a.Sentences[si+1].Para == sent.Para {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(sent.Text))
	return !strings.ContainsRune(".!?…:;»\")]", last) && len(strings.Fields(sent.Text)) <= captionWords
}

func isQuestion(s string) bool { return strings.HasSuffix(strings.TrimRight(s, " »\""), "?") }

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
