package russian

import "strings"

// verbShapes are endings that mark a verb: the past tense after a vowel
// (сказал, прибыла, обсудили, встретился, началось), the present of the
// -ать/-ять/-еть/-овать classes (работает, уважают, существует),
// reflexives (находится, называются) and the infinitive (посетить,
// подписать). The endings that nouns share (визит, совет, бюджет,
// институт: -ит, -ет, -ут; власти: -ти) are left out, so a noun is rarely
// taken for a verb.
var verbShapes = []string{
	"ает", "яет", "еет", "ует", "ают", "яют", "еют", "уют",
	"ется", "ится", "ются", "ятся", "утся", "атся", "тся",
	"ать", "ять", "еть", "ить", "уть", "ыть", "ться",
}

// verbShaped reports whether a folded word ends as a verb (verbShapes, or
// the past: a vowel, л, then the ending of gender, number or -ся).
func verbShaped(f string) bool {
	for _, e := range verbShapes {
		if strings.HasSuffix(f, e) {
			return true
		}
	}
	for _, e := range []string{"л", "ла", "ло", "ли", "лся", "лась", "лось", "лись"} {
		if stem, ok := strings.CutSuffix(f, e); ok {
			r := []rune(stem)
			return len(r) > 0 && strings.ContainsRune("аяиеыу", r[len(r)-1])
		}
	}
	return false
}

// LooksLikeVerb reports whether a word of a question, of five letters or
// more, is shaped like a verb (verbShaped). A capitalised word is a name,
// whatever its ending.
func LooksLikeVerb(w string) bool {
	if w == "" || IsUpperStart(w) {
		return false
	}
	f := FoldWord(w)
	return len([]rune(f)) >= 5 && verbShaped(f)
}
