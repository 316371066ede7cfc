package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadDotEnvNeverShowsValues: every broken .env is an error naming the
// line, and no error carries the secret.
func TestLoadDotEnvNeverShowsValues(t *testing.T) {
	const secret = "123456:SECRET"
	cases := []struct {
		name, text string
		line       string // "" when the file is fine
	}{
		{"unterminated quote", "LOG_LEVEL=info\nTELEGRAM_BOT_TOKEN=\"" + secret + "\n", "line 2"},
		{"single quote", "TELEGRAM_BOT_TOKEN='" + secret + "\n", "line 1"},
		{"no equals sign", "# comment\n\nTELEGRAM_BOT_TOKEN " + secret + "\n", "line 3"},
		{"text after quote", "TELEGRAM_BOT_TOKEN=\"" + secret + "\" trailing\n", "line 1"},
		{"bad name", "TELEGRAM BOT=" + secret + "\n", "line 1"},
		{"fine", "# token\nexport TELEGRAM_BOT_TOKEN_TEST=\"" + secret + "\" # comment\nLOG_LEVEL_TEST=debug\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), ".env")
			if err := os.WriteFile(p, []byte(c.text), 0o600); err != nil {
				t.Fatal(err)
			}
			err := loadDotEnv(p)
			if c.line == "" {
				if err != nil {
					t.Fatalf("a good .env: %v", err)
				}
				if got := os.Getenv("TELEGRAM_BOT_TOKEN_TEST"); got != secret {
					t.Errorf("value not loaded: %q", got)
				}
				os.Unsetenv("TELEGRAM_BOT_TOKEN_TEST")
				os.Unsetenv("LOG_LEVEL_TEST")
				return
			}
			if !errors.Is(err, errDotEnv) || !strings.Contains(err.Error(), c.line) {
				t.Errorf("err = %v, want errDotEnv naming %s", err, c.line)
			}
			if err != nil && (strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "123456")) {
				t.Errorf("the error shows the secret: %v", err)
			}
		})
	}
	if err := loadDotEnv(filepath.Join(t.TempDir(), "absent")); err != nil {
		t.Errorf("a missing .env is fine: %v", err)
	}
}
