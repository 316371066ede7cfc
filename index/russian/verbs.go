package russian

import "strings"

// verbShapes are endings that, on a lower-case word of five letters or
// more, mark a verb: the past tense after a vowel (сказал, прибыла,
// обсудили, встретился), the present of the -ать/-ять/-еть/-овать classes
// (работает, уважают, существует), reflexives (находится, называются) and
// the infinitive (посетить, подписать). The endings that nouns share
// (визит, совет, бюджет, институт: -ит, -ет, -ут; власти: -ти) are left
// out, so a noun is rarely taken for a verb.
var verbShapes = []string{
	"ает", "яет", "еет", "ует", "ают", "яют", "еют", "уют",
	"ется", "ится", "ются", "ятся", "утся", "атся",
	"ать", "ять", "еть", "ить", "уть", "ыть", "ться",
}

// LooksLikeVerb reports whether a word of a question is shaped like a verb
// (see verbShapes). A capitalised word is a name, whatever its ending.
func LooksLikeVerb(w string) bool {
	if w == "" || IsUpperStart(w) {
		return false
	}
	f := FoldWord(w)
	if len([]rune(f)) < 5 {
		return false
	}
	for _, e := range verbShapes {
		if strings.HasSuffix(f, e) {
			return true
		}
	}
	// the past: a vowel, л, then the ending of gender, number or -ся
	for _, e := range []string{"л", "ла", "ло", "ли", "лся", "лась", "лось", "лись"} {
		if stem, ok := strings.CutSuffix(f, e); ok {
			r := []rune(stem)
			return len(r) > 0 && strings.ContainsRune("аяиеыу", r[len(r)-1])
		}
	}
	return false
}
