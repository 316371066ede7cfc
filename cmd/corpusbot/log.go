package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"unicode/utf8"
)

// maxLogValue is the longest string a log attribute keeps: an error page
// of megabytes becomes its first bytes and its length.
const maxLogValue = 400

// newLogger writes slog text to w at the named level, with every form of
// secret (the bot token, also percent-encoded, and its part after the
// colon alone) replaced by "[REDACTED]" in every message and attribute,
// errors included: the Telegram library puts the token in request URLs. Long
// values are cut to maxLogValue bytes.
func newLogger(w io.Writer, level, fallback, secret string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(strings.TrimSpace(level))); err != nil || level == "" {
		_ = lv.UnmarshalText([]byte(fallback))
	}
	r := newRedactor(secret)
	opts := &slog.HandlerOptions{Level: lv, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return r.attr(a) }}
	return slog.New(slog.NewTextHandler(w, opts))
}

// redactor hides a secret in all its spellings.
type redactor struct{ forms []string }

func newRedactor(secret string) redactor {
	if secret == "" {
		return redactor{}
	}
	// a token is digits, a colon and URL-safe letters: only the colon changes when encoded
	forms := []string{secret, strings.ReplaceAll(secret, ":", "%3A"), strings.ReplaceAll(secret, ":", "%3a")}
	if _, half, ok := strings.Cut(secret, ":"); ok && len(half) >= 8 {
		forms = append(forms, half) // the secret part, however the colon was written
	}
	return redactor{forms: forms}
}

// clean redacts s and cuts it to maxLogValue bytes.
func (r redactor) clean(s string) string {
	for _, f := range r.forms {
		if strings.Contains(s, f) {
			s = strings.ReplaceAll(s, f, "[REDACTED]")
		}
	}
	if len(s) > maxLogValue {
		cut := maxLogValue
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
	}
	return s
}

func (r redactor) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		if c := r.clean(v.String()); c != v.String() {
			a.Value = slog.StringValue(c)
		}
	case slog.KindAny:
		var s string
		if err, ok := v.Any().(error); ok {
			s = err.Error()
		} else {
			s = fmt.Sprintf("%+v", v.Any())
		}
		if c := r.clean(s); c != s {
			a.Value = slog.StringValue(c)
		}
	case slog.KindGroup:
		attrs := v.Group()
		out := make([]slog.Attr, len(attrs))
		for i, g := range attrs {
			out[i] = r.attr(g)
		}
		a.Value = slog.GroupValue(out...)
	}
	return a
}
