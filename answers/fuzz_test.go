package answers_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var tagRe = regexp.MustCompile(`<(/?)([a-z]+)[^>]*>`)

// balanced reports whether every HTML tag in s is closed in order.
func balanced(s string) bool {
	var stack []string
	for _, m := range tagRe.FindAllStringSubmatch(s, -1) {
		if m[1] == "" {
			stack = append(stack, m[2])
			continue
		}
		if len(stack) == 0 || stack[len(stack)-1] != m[2] {
			return false
		}
		stack = stack[:len(stack)-1]
	}
	return len(stack) == 0 && !strings.ContainsAny(tagRe.ReplaceAllString(s, ""), "<>")
}

// FuzzAnswer is the message path: whatever a user sends, the reply has a
// kind and text, its JSON is valid, every Telegram message fits 4,096
// characters with balanced tags, and every result points at an article
// of the corpus with its excerpt.
func FuzzAnswer(f *testing.F) {
	for _, s := range []string{
		"Где Токаев принимал Блинкена?", "/who Блинкен", "/who", "/timeline Блинкен", "/timeline 2023",
		"/who@otherbot x", "/help\n/who", "<b>Блинкен</b> & «санкции»", "\x1b[31mБлинкен\u202e", "/", "//", "/timeline\tмарт 2023",
		strings.Repeat("санкции ", 300), "Когда Токаев посетит Москву?",
	} {
		f.Add(s)
	}
	svc := newSeedService(f)
	docs := map[string]bool{}
	for _, id := range []string{"000_842179c9f0289c83", "001_6c928640fa13d394", "002_0faea5df7df33092", "003_f6c6ddd6d2f480e8", "004_85a7ccd8feb50a27"} {
		docs[id] = true
	}
	f.Fuzz(func(t *testing.T, msg string) {
		r := svc.Answer(context.Background(), msg)
		if r.Kind == "" || strings.TrimSpace(r.Text()) == "" {
			t.Fatalf("empty reply to %q", msg)
		}
		b, err := json.Marshal(r)
		if err != nil || !json.Valid(b) {
			t.Fatalf("json: %v", err)
		}
		for _, chunk := range r.HTMLChunks(4096) {
			if utf8.RuneCountInString(chunk) > 4096 || !utf8.ValidString(chunk) || !balanced(chunk) {
				t.Fatalf("bad message for %q: %q", msg, chunk)
			}
		}
		for _, res := range r.Results {
			if !docs[res.Doc] || strings.TrimSpace(res.Excerpt) == "" {
				t.Fatalf("result %+v for %q", res, msg)
			}
		}
	})
}
