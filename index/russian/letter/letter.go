// Package letter is unicode's case and letter tests with Russian and ASCII
// answered first: the index calls them for every rune of every sentence,
// and unicode's tables cost a search per Cyrillic rune. Every function
// answers exactly as its unicode or strings counterpart.
package letter

import (
	"unicode"
	"unicode/utf8"
)

// The basic Cyrillic block: Ѐ…Џ, А…Я upper case, а…я, ѐ…џ lower case.
const (
	cyrStart  = 0x400 // Ѐ
	cyrUpperA = 0x410 // А
	cyrLowerA = 0x430 // а
	cyrEnd    = 0x460 // past џ
)

// ToLower is unicode.ToLower.
func ToLower(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r < cyrStart || r >= cyrEnd:
		return unicode.ToLower(r)
	case r < cyrUpperA:
		return r + 0x50 // Ѐ…Џ → ѐ…џ
	case r < cyrLowerA:
		return r + 0x20
	}
	return r
}

// IsUpper is unicode.IsUpper.
func IsUpper(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'A' <= r && r <= 'Z'
	case r < cyrStart || r >= cyrEnd:
		return unicode.IsUpper(r)
	}
	return r < cyrLowerA
}

// IsLower is unicode.IsLower.
func IsLower(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z'
	case r < cyrStart || r >= cyrEnd:
		return unicode.IsLower(r)
	}
	return r >= cyrLowerA
}

// IsLetter is unicode.IsLetter.
func IsLetter(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case r < cyrStart || r >= cyrEnd:
		return unicode.IsLetter(r)
	}
	return true
}

// Lower is strings.ToLower; s itself when nothing changes.
func Lower(s string) string { return Map(ToLower, s) }

// Map is strings.Map for a mapping that keeps every rune (no -1): s itself
// when no rune changes, so most words of a text are not copied. An invalid
// byte is written as U+FFFD, as strings.Map does.
func Map(f func(rune) rune, s string) string {
	for i, r := range s {
		if f(r) == r && r != utf8.RuneError {
			continue
		}
		b := make([]byte, i, len(s))
		copy(b, s[:i])
		for _, r := range s[i:] {
			b = utf8.AppendRune(b, f(r))
		}
		return string(b)
	}
	return s
}
