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
	"дзе", "швили", "ули", "ович", "евич", "бек", "бека", "баев", "баева", "уллин", "уллина",
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
