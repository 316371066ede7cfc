package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// newLogger writes slog text to w at the named level, with secret (the bot
// token) replaced by "[REDACTED]" in every message and attribute, errors
// included: the Telegram library puts the token in request URLs.
func newLogger(w io.Writer, level, fallback, secret string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(strings.TrimSpace(level))); err != nil || level == "" {
		_ = lv.UnmarshalText([]byte(fallback))
	}
	opts := &slog.HandlerOptions{Level: lv}
	if secret != "" {
		opts.ReplaceAttr = func(_ []string, a slog.Attr) slog.Attr {
			return redactAttr(a, secret)
		}
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func redactAttr(a slog.Attr, secret string) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		if strings.Contains(v.String(), secret) {
			a.Value = slog.StringValue(strings.ReplaceAll(v.String(), secret, "[REDACTED]"))
		}
	case slog.KindAny:
		var s string
		if err, ok := v.Any().(error); ok {
			s = err.Error()
		} else {
			s = fmt.Sprintf("%+v", v.Any())
		}
		if strings.Contains(s, secret) {
			a.Value = slog.StringValue(strings.ReplaceAll(s, secret, "[REDACTED]"))
		}
	case slog.KindGroup:
		attrs := v.Group()
		out := make([]slog.Attr, len(attrs))
		for i, g := range attrs {
			out[i] = redactAttr(g, secret)
		}
		a.Value = slog.GroupValue(out...)
	}
	return a
}
