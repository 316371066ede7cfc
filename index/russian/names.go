package russian

import "strings"

// surnameSuffixes are endings of surnames in the nominative or an oblique
// case: -ов/-ев/-ин/-ский/-енко/-ян/-дзе/-швили/-ули and their case forms.
var surnameSuffixes = []string{
	"ов", "ова", "ову", "овым", "ове", "овой", "ев", "ева", "еву", "евым", "еве", "евой", "ёв", "ёва",
	"ин", "ина", "ину", "иным", "ине", "иной", "ын", "ына", "ыну", "ыным",
	"ский", "ского", "скому", "ским", "ском", "ская", "ской", "скую",
	"цкий", "цкого", "цкому", "цким", "цкая", "цкой",
	"енко", "ко", "ян", "яна", "яну", "яном", "ук", "ука", "уку", "уком", "юк", "юка",
	"дзе", "швили", "ули", "ович", "евич", "баев", "баева", "уллин", "уллина",
}

// LooksLikeSurname reports whether a capitalised word has a surname ending.
func LooksLikeSurname(w string) bool {
	if !IsCapitalized(w) || len([]rune(w)) < 4 {
		return false
	}
	f := FoldWord(w)
	for _, s := range surnameSuffixes {
		if strings.HasSuffix(f, s) {
			return true
		}
	}
	return false
}

// caseEndings are the endings NameKey strips, longest first.
var caseEndings = []string{"ыми", "ими", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ым", "им", "ую", "юю",
	"ая", "яя", "ий", "ый", "ах", "ях", "ам", "ям", "а", "я", "у", "ю", "е", "ы", "и", "о"}

// NameKey reduces a surname in any case to a key shared by its forms:
// Блинкен, Блинкена, Блинкеном → блинкен; Токаев, Токаевым → токаев;
// Зеленский, Зеленского → зеленск. Indeclinable names get a key too
// (Тлеуберди → тлеуберд), the same for every occurrence.
func NameKey(w string) string {
	f := FoldWord(w)
	r := []rune(f)
	for _, e := range caseEndings {
		if strings.HasSuffix(f, e) && len(r)-len([]rune(e)) >= 3 {
			return f[:len(f)-len(e)]
		}
	}
	return f
}

var patronymicEndings = []string{"ович", "евич", "ьич", "овна", "евна", "ична", "инична"}

// IsPatronymic reports whether w is a patronymic in any case ("Владимирович", "Ивановны").
func IsPatronymic(w string) bool {
	k := FoldWord(w)
	for _, e := range patronymicEndings {
		if i := strings.LastIndex(k, e); i > 0 && len(k)-i-len(e) <= 6 {
			return true
		}
	}
	return false
}

// adjectiveEndings mark a capitalised word as an adjective ("Белого дома",
// "Центральной Азии"), which is never a first name.
var adjectiveEndings = []string{"ый", "ой", "ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми", "ой",
	"ий", "яя", "ее", "ие", "его", "ему", "им", "их", "ими", "ская", "ской", "ские", "ских", "ное", "ная", "ной"}

// looksAdjective reports whether a capitalised word is shaped like an adjective.
func looksAdjective(w string) bool {
	f := FoldWord(w)
	if len([]rune(f)) < 5 {
		return false
	}
	for _, e := range adjectiveEndings {
		if strings.HasSuffix(f, e) {
			return true
		}
	}
	return false
}
